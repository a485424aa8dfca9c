// A sweep written as JSON Lines (one object per finished run) is a sweep to the panel and to
// `fit --law …`: the records are read by the one sweep reader, rows named by their line in the
// file. A JSONL training log (a step key) stays a log.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { surfaceData } from '../../../src/extension/model/surface';
import { fitJson } from '../surfaces/surfaceCli';

const dir = mkdtempSync(join(tmpdir(), 'sl-jsonl-sweep-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const loss = (n: number, d: number): number => Number((1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28).toFixed(5));
const Ns = [7e7, 1.6e8, 4.1e8, 1e9];
const Ds = [2e9, 8e9, 3.2e10];

function write(name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('a .jsonl of runs is a sweep: the panel and `fit --law chinchilla` fit its rows, and name a diverged run and a line that is no object by line', async () => {
  const runs = Ns.flatMap((n) => Ds.map((d) => JSON.stringify({ N: n, D: d, loss: loss(n, d) })));
  // line 3 diverged (Python's bare NaN), line 8 is no JSON object
  const lines = [...runs.slice(0, 2), '{"N": 7e7, "D": 1.28e11, "loss": NaN}', ...runs.slice(2, 6), 'oops', ...runs.slice(6)];
  const file = write('runs.jsonl', lines);
  const source = await readSource(file);
  assert.equal(source.format, 'sweep');
  const panel = surfaceData(source)!;
  assert.equal(panel.loss.length, 12);
  const note = 'left out 1 row whose loss is not a finite positive number (row 3: NaN): a diverged or unfinished run';
  assert.deepEqual(source.runs[0]!.notes, [note]);
  assert.ok(source.warnings.some((w) => w.line === 8 && /not a JSON object/.test(w.message)), JSON.stringify(source.warnings));
  const j = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(j.points, 12);
  assert.ok(j.warnings.includes(note), j.warnings.join(' | '));
  assert.ok(j.warnings.some((w) => /runs\.jsonl:8: not a JSON object; line skipped/.test(w)), j.warnings.join(' | '));
  assert.ok(Math.abs(j.params.alpha - 0.34) < 0.02 && Math.abs(j.params.beta - 0.28) < 0.02, JSON.stringify(j.params));
});

test('W&B-like keys, sizes as text and nested metrics read as a CSV sweep\'s would; a repeated run is named', async () => {
  const lines = Ns.flatMap((n) => Ds.map((d) => JSON.stringify({ name: `pythia-${n / 1e6}m`, num_parameters: `${n / 1e6}M`, train_tokens: d, eval: { loss: loss(n, d) }, _runtime: 3600 })));
  const file = write('wandb_runs.jsonl', [...lines, lines[0]!]);
  const source = await readSource(file);
  assert.equal(source.format, 'sweep');
  assert.equal(source.runs[0]!.series[0]!.key, 'eval/loss');
  const j = await fitJson([file, '--law', 'kaplan-nd', '--json']);
  assert.equal(j.points, 13);
  const repeated = '1 row has the same N, D and loss as an earlier row (row 13 = row 1): pasted twice? Each copy is fitted, so that run weighs double';
  assert.ok(j.warnings.includes(repeated), j.warnings.join(' | '));
  assert.ok(source.runs[0]!.notes?.includes(repeated));
  assert.ok(j.warnings.includes('columns not given, taken from the header: --y eval/loss --n num_parameters --d train_tokens'), j.warnings.join(' | '));
});

test('a JSONL training log (a step key) stays a log', async () => {
  const file = write('history.jsonl', Ds.map((d, i) => JSON.stringify({ step: 100 * i, tokens: d, flops: 6e8 * d, loss: loss(1e8, d) })));
  assert.equal((await readSource(file)).format, 'jsonl');
});

test("a W&B history keyed by _step is a log, not a sweep; a runs export whose records pass 8 KB is still a sweep to the panel", async () => {
  const hist = write('history.jsonl', Array.from({ length: 30 }, (_, i) => JSON.stringify({ _step: (i + 1) * 100, _runtime: i * 3.2, loss: 4 - Math.log10(i + 2), tokens: (i + 1) * 1e8, flops: (i + 1) * 6e16 })));
  const log = await readSource(hist);
  assert.notEqual(log.format, 'sweep');
  assert.ok(log.runs[0]!.series.some((s) => s.x.step !== undefined), 'read against its step');
  const notes = 'x'.repeat(9000);
  const big = write('runs_export.jsonl', Ns.flatMap((n) => Ds.map((d) => JSON.stringify({ notes, N: n, D: d, loss: loss(n, d) }))));
  const sweep = await readSource(big);
  assert.equal(sweep.format, 'sweep');
  assert.equal(surfaceData(sweep)!.loss.length, Ns.length * Ds.length);
});
