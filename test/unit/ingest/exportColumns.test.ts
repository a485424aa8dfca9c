// CSVs exported by dashboards keep their runs and metric names: W&B's chart export (a column per
// run, `<run> - <metric>`, with its __MIN/__MAX envelope) and TensorBoard's scalar export
// (`Wall time,Step,Value`, run and tag in the file name). Plain CSVs are read as before.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { tensorboardExportLayout, wandbExportLayout } from '../../../src/ingest/model/exportColumns';

const dir = mkdtempSync(join(tmpdir(), 'sl-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const loss = (s: number, k: number) => 2 + k + 8 * s ** -0.3;

test('W&B chart export: one run per column prefix, the metric under its own name, envelopes and the pandas index dropped', async () => {
  const header = '"index","Step","small - train/loss","small - train/loss__MIN","small - train/loss__MAX","medium - train/loss","medium - train/loss__MIN","medium - train/loss__MAX"';
  const rows = [100, 200, 300, 400, 500].map((s, i) => {
    const a = loss(s, 0);
    const b = i < 4 ? String(loss(s, -0.1)) : ''; // the shorter run's cells are empty
    return `${i},${s},${a},${a - 0.01},${a + 0.01},${b},${b && Number(b) - 0.01},${b && Number(b) + 0.01}`;
  });
  const file = write('wandb_export.csv', [header, ...rows]);
  const before = readFileSync(file, 'utf8');
  const src = await readSource(file);
  assert.deepEqual(src.runs.map((r) => r.name), ['small', 'medium']);
  for (const [r, n] of [[0, 5], [1, 4]] as const) {
    assert.deepEqual(src.runs[r]!.series.map((s) => s.key), ['train/loss']);
    const s = src.runs[r]!.series[0]!;
    assert.equal(s.y.length, n);
    assert.equal(s.split, 'train');
    assert.deepEqual([...s.x.step!], [100, 200, 300, 400, 500].slice(0, n));
  }
  assert.ok(Math.abs(src.runs[1]!.series[0]!.y[0]! - loss(100, -0.1)) < 1e-12);
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('W&B export layout: a run with no points is not listed; a run-label column beside the export is metadata', async () => {
  const file = write('k2_like.csv', [
    'Step,spikes - lm loss,spikes - lm loss__MIN,spikes - lm loss__MAX,main - lm loss,main - lm loss__MIN,main - lm loss__MAX,tokens_seen,model_name',
    ...[1, 2, 3, 4].map((s) => `${s},,,,${loss(s, 0)},${loss(s, 0)},${loss(s, 0)},${s * 1e9},K2`),
  ]);
  const src = await readSource(file);
  assert.deepEqual(src.runs.map((r) => [r.name, r.series.map((s) => `${s.key}:${s.y.length}`)]), [['main', ['lm loss:4']]]);
  assert.deepEqual([...src.runs[0]!.series[0]!.x.tokens!], [1e9, 2e9, 3e9, 4e9]);
});

test('not an export: " - " in a plain column name without an envelope, or a header that only resembles one', () => {
  assert.equal(wandbExportLayout(['step', 'loss - smoothed', 'lr']), undefined);
  assert.equal(wandbExportLayout(['step', 'loss__MIN', 'loss']), undefined, 'an envelope without a run prefix');
  assert.equal(tensorboardExportLayout(['Wall time', 'Step', 'Value', 'extra'], 'a.csv'), undefined);
  assert.equal(tensorboardExportLayout(['step', 'value'], 'a.csv'), undefined);
  const layout = wandbExportLayout(['Step', 'a - b - loss', 'a - b - loss__MAX'])!;
  assert.deepEqual(layout.get(1), { run: 'a', key: 'b - loss' }, 'the first " - " separates the run');
  assert.equal(layout.get(2), 'skip');
});

test('TensorBoard scalar export: the value named by the tag in the file name, the run by its run, wall time not a series', async () => {
  const rows = [50, 100, 150, 200].map((s) => `${1.7e9 + s},${s},${loss(s, 0)}`);
  const named = await readSource(write('run-version_0-tag-val_loss.csv', ['Wall time,Step,Value', ...rows]));
  assert.deepEqual(named.runs.map((r) => [r.name, r.series.map((s) => `${s.key}:${s.split}:${s.y.length}`)]), [['version_0', ['val_loss:val:4']]]);
  const dot = await readSource(write('run-.-tag-train_loss.csv', ['Wall time,Step,Value', ...rows]));
  assert.deepEqual(dot.runs.flatMap((r) => r.series.map((s) => s.key)), ['train_loss'], 'run "." is the log folder itself');
  const plain = await readSource(write('eval.csv', ['Wall time,Step,Value', ...rows]));
  assert.deepEqual(plain.runs.flatMap((r) => r.series.map((s) => s.key)), ['eval']);
});

test('TensorBoard JSON download: [[wall, step, value], …] read as the tag of the run its name states; a truncated one is reported', async () => {
  const rows = [50, 100, 150, 200].map((s, i) => [1.7e9 + i, s, loss(s, 0)]);
  const file = write('run-version_0-tag-val_loss.json', [JSON.stringify(rows)]);
  const before = readFileSync(file, 'utf8');
  const src = await readSource(file);
  assert.equal(src.format, 'tensorboard-json');
  assert.deepEqual(src.runs.map((r) => [r.name, r.series.map((s) => `${s.key}:${s.split}:${s.y.length}`)]), [['version_0', ['val_loss:val:4']]]);
  assert.deepEqual([...src.runs[0]!.series[0]!.x.step!], [50, 100, 150, 200]);
  assert.deepEqual([...src.runs[0]!.series[0]!.x.time!], [1.7e9, 1.7e9 + 1, 1.7e9 + 2, 1.7e9 + 3]);
  assert.equal(readFileSync(file, 'utf8'), before);
  const half = write('run-.-tag-loss.json', [JSON.stringify(rows).slice(0, 40)]);
  const cut = await readSource(half);
  assert.equal(cut.runs.flatMap((r) => r.series).length, 0);
  assert.ok(cut.warnings.some((w) => /not complete JSON/.test(w.message)), JSON.stringify(cut.warnings));
  // a JSON array of other things is not taken for one
  const other = await readSource(write('config.json', ['{"lr": 0.1}'])).catch((e: Error) => e);
  assert.ok(other instanceof Error || other.format !== 'tensorboard-json');
});
