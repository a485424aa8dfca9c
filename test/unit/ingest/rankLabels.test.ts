// Logs whose every rank prints, each line labelled by a launcher (torchrun --tee, srun --label,
// mpirun --tag-output): one rank is read, so steps are not drawn once per rank and a rank running
// behind is not taken for a resumed run. The byte scanner and the string scanner agree, in chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextLineDecoder, textFormat } from '../../../src/ingest/formats/text';
import { rankLabel, rankLabelOf } from '../../../src/ingest/text/rankLabels';
import { decodeAll, decodeChunked, plainRuns, prng, series } from './helpers';

const enc = new TextEncoder();

test('the launchers\' labels name their rank; times, levels and words are no label', () => {
  const cases: [string, number][] = [
    ['[default3]:step 10 | loss 2.1', 3],
    ['[rank12]: iter 5 loss=2.0', 12],
    ['0: step 10 loss 2.1', 0],
    ['  7: step 10 loss 2.1', 7],
    ['[1,2]<stdout>:step 10 loss 2.1', 2],
    ['[1,0]<stderr>:warning', 0],
    ['12:34:56 step 10 loss 2.1', -1],
    ['[INFO] step 10 loss 2.1', -1],
    ['[2024-05-01 10:00:00] step 10', -1],
    ['epoch 1: loss 2.1', -1],
    ['step 10: loss 2.1', -1],
    ['[default]:x', -1],
  ];
  for (const [line, rank] of cases) {
    assert.equal(rankLabel(enc.encode(line), 0, enc.encode(line).length), rank, line);
    assert.equal(rankLabelOf(line), rank, line);
  }
});

/** Two ranks printing the same steps, rank 1 a step behind rank 0 and sometimes first. */
function interleaved(label: (rank: number) => string): string {
  const out: string[] = ['starting'];
  for (let s = 10; s <= 100; s += 10) {
    out.push(`${label(0)}step ${s} | loss ${(2 + 10 / s).toFixed(4)} | lr 3e-4`);
    if (s > 10) out.push(`${label(1)}step ${s - 10} | loss ${(2.01 + 10 / (s - 10)).toFixed(4)} | lr 3e-4`);
  }
  return out.join('\n') + '\n';
}

test('every rank printing, interleaved: the first rank labelled is read, the others skipped and said once; no resume is seen', () => {
  for (const label of [(r: number) => `${r}: `, (r: number) => `[default${r}]:`, (r: number) => `[1,${r}]<stdout>:`]) {
    const bytes = enc.encode(interleaved(label));
    const d = decodeAll(textFormat, 'train.log', bytes);
    const loss = series(d.runs(), 'loss');
    assert.deepEqual(Array.from(loss.x.step!), [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], label(1));
    assert.deepEqual(Array.from(loss.y), Array.from(loss.x.step!, (s) => Number((2 + 10 / s).toFixed(4))));
    const messages = d.warnings().map((w) => w.message);
    assert.equal(messages.filter((m) => /rank 0's are read, the other ranks' skipped/.test(m)).length, 1, messages.join(' | '));
    assert.ok(![...messages, ...(d.runs()[0]!.notes ?? [])].some((m) => /the run was resumed/.test(m)));
    // the string path agrees, and so does the byte path fed in small chunks
    const general = new TextLineDecoder('train.log');
    general.push(bytes);
    general.end();
    for (const seed of [1, 2, 3]) {
      const fast = decodeChunked(textFormat, 'train.log', bytes, prng(seed), 1 + seed * 7);
      assert.deepStrictEqual(plainRuns(fast.runs()), plainRuns(general.runs()));
      assert.deepStrictEqual(fast.warnings(), general.warnings());
    }
  }
});

test('one rank labelling its lines: read as they are, no note', () => {
  const text = Array.from({ length: 5 }, (_, i) => `[default0]:step ${(i + 1) * 10} | loss ${3 - i * 0.1}`).join('\n') + '\n';
  const d = decodeAll(textFormat, 'train.log', enc.encode(text));
  assert.equal(series(d.runs(), 'loss').y.length, 5);
  assert.deepEqual(d.warnings(), []);
});

test("another rank's progress bar, drawn with '\\r' on its labelled line, is skipped whole, also when its line arrives in pieces", () => {
  let text = '';
  for (let s = 1; s <= 6; s++) {
    text += `[default0]:step ${s * 10} | loss ${(3 - s * 0.1).toFixed(2)}\n`;
    text += `[default1]:Training: ${s}0%|█| ${s}/10 [00:01<00:09, 1.0it/s, loss=9.9${s}]\rTraining: ${s}5%|█| ${s}/10 [00:02<00:08, 1.0it/s, loss=9.8${s}]\n`;
  }
  const bytes = enc.encode(text);
  const general = new TextLineDecoder('train.log');
  general.push(bytes);
  general.end();
  assert.deepEqual(Array.from(series(general.runs(), 'loss').y), [2.9, 2.8, 2.7, 2.6, 2.5, 2.4]);
  for (const seed of [4, 5, 6, 7]) {
    const fast = decodeChunked(textFormat, 'train.log', bytes, prng(seed), 3 + seed);
    assert.deepStrictEqual(plainRuns(fast.runs()), plainRuns(general.runs()), `chunks of ${3 + seed}`);
  }
});
