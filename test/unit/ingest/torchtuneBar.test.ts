// torchtune's console: a tqdm bar per epoch whose description states epoch, global step and loss
// ("1|25|Loss: 1.87: 25%|██▌ | 25/100 [...]"), with no postfix. Read as the loss at that global step
// (not at the bar's count, which restarts each epoch and would look like a resumed run), by the
// byte scanner and the string scanner alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextLineDecoder, textFormat } from '../../../src/ingest/formats/text';
import { epochStepHead } from '../../../src/ingest/text/tqdmBar';
import { decodeAll, decodeChunked, plainRuns, prng, series } from './helpers';

const enc = new TextEncoder();

test("a description of epoch|step|metrics is read; other descriptions are not", () => {
  assert.deepEqual(epochStepHead('1|25|Loss: 1.8738068532943726:'), { epoch: 1, step: 25, metrics: 'Loss: 1.8738068532943726' });
  assert.equal(epochStepHead('Epoch 1:'), undefined);
  assert.equal(epochStepHead('Training'), undefined);
});

test('torchtune over two epochs: the loss at each global step, its epoch beside it; no resume', () => {
  let text = 'INFO:torchtune.utils._logging:Model is initialized.\n';
  let step = 0;
  for (const epoch of [1, 2]) {
    for (let n = 1; n <= 5; n++) {
      step++;
      text += `${epoch}|${step}|Loss: ${(3 / Math.sqrt(step)).toFixed(16)}: ${n * 20}%|${'█'.repeat(n * 2)}${' '.repeat(10 - n * 2)}| ${n}/5 [00:0${n}<00:0${5 - n},  1.00s/it]${n === 5 ? '\n' : '\r'}`;
    }
  }
  const bytes = enc.encode(text);
  const d = decodeAll(textFormat, 'torchtune.log', bytes);
  const loss = series(d.runs(), 'Loss');
  assert.deepEqual(Array.from(loss.x.step!), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(Array.from(loss.x.epoch!), [1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
  assert.equal(loss.y[6], Number((3 / Math.sqrt(7)).toFixed(16)));
  assert.deepEqual(d.runs()[0]!.notes ?? [], []);
  const general = new TextLineDecoder('torchtune.log');
  general.push(bytes);
  general.end();
  for (const seed of [1, 2, 3]) {
    const fast = decodeChunked(textFormat, 'torchtune.log', bytes, prng(seed), 5 + seed * 11);
    assert.deepStrictEqual(plainRuns(fast.runs()), plainRuns(general.runs()), `chunks of ${5 + seed * 11}`);
  }
});
