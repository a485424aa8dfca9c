// A generic CSV written by a training loop that was resumed from a checkpoint into the same file:
// read as a log (the resumed run's points supersede the earlier run's), while a table whose rows
// are in another order keeps every row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { decodeAll, series } from './helpers';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const lossAt = (step: number, shift = 0): string => (2 + 5 * step ** -0.3 + shift).toFixed(5);

function csv(steps: readonly number[], shift: (step: number, i: number) => number = () => 0): string {
  return ['step,loss', ...steps.map((s, i) => `${s},${lossAt(s, shift(s, i))}`)].join('\n') + '\n';
}

test('generic CSV resumed into the same file: the earlier run from the resumed step on is dropped, and said', () => {
  const first = Array.from({ length: 50 }, (_, i) => 100 * (i + 1)); // 100 … 5000
  const second = Array.from({ length: 51 }, (_, i) => 3000 + 100 * i); // 3000 … 8000
  const d = decodeAll(csvFormat, 'train_log.csv', enc(csv([...first, ...second], (_, i) => (i < 50 ? 0.05 : 0))));
  const runs = d.runs();
  const loss = series(runs, 'loss');
  assert.deepEqual(Array.from(loss.x.step!), [...first.filter((s) => s < 3000), ...second]);
  // the kept points at 3000 on are the resumed run's (no +0.05)
  assert.equal(loss.y[loss.x.step!.indexOf(3000)], Number(lossAt(3000)));
  assert.match(runs[0]!.notes!.join('\n'), /resumed \(its step went back to step 3000 after step 5000\): the 21 point\(s\)/);
});

test('generic CSV: rows out of step order, a short rise before a step back, or a second run from the first step keep every row', () => {
  const shuffled = [700, 200, 900, 100, 500, 300, 1000, 400, 800, 600, 1100, 1200];
  const short = [100, 200, 300, 400, 500, 300, 400, 500, 600];
  const twoRuns = [...Array.from({ length: 20 }, (_, i) => 100 * (i + 1)), ...Array.from({ length: 20 }, (_, i) => 100 * (i + 1))];
  for (const steps of [shuffled, short, twoRuns]) {
    const runs = decodeAll(csvFormat, 'table.csv', enc(csv(steps))).runs();
    assert.equal(series(runs, 'loss').y.length, steps.length, steps.join());
    assert.ok(!(runs[0]!.notes ?? []).some((n) => /resumed/.test(n)), steps.join());
  }
});

test('generic CSV with a run column: each labelled run resumed on its own', () => {
  const rows = ['run,step,loss'];
  for (const run of ['a', 'b']) for (let s = 100; s <= 2000; s += 100) rows.push(`${run},${s},${lossAt(s, 0.1)}`);
  for (let s = 1500; s <= 3000; s += 100) rows.push(`a,${s},${lossAt(s)}`);
  const runs = decodeAll(csvFormat, 'runs.csv', enc(rows.join('\n') + '\n')).runs();
  const a = series(runs, 'loss', runs.findIndex((r) => r.name === 'a'));
  const b = series(runs, 'loss', runs.findIndex((r) => r.name === 'b'));
  assert.equal(a.x.step!.length, 14 + 16);
  assert.equal(a.y[a.x.step!.indexOf(2000)], Number(lossAt(2000)));
  assert.equal(b.x.step!.length, 20);
});

test('generic CSV resumed with a sparser series (val every 200 steps): every series drops the earlier run from the resumed step, decided once for the run', () => {
  const rows = ['step,train_loss,val_loss'];
  const add = (from: number, to: number, shift: number): void => {
    for (let st = from; st <= to; st += 10) rows.push(`${st},${lossAt(st, shift)},${st % 200 === 0 ? lossAt(st, shift + 0.1) : ''}`);
  };
  add(10, 1000, 0.05);
  add(500, 1500, 0);
  const runs = decodeAll(csvFormat, 'log.csv', enc(rows.join('\n') + '\n')).runs();
  assert.deepEqual(Array.from(series(runs, 'val_loss').x.step!), [200, 400, 600, 800, 1000, 1200, 1400]);
  assert.equal(series(runs, 'val_loss').y[2], Number(lossAt(600, 0.1)), "the resumed run's value at 600");
  assert.equal(series(runs, 'train_loss').x.step!.length, 49 + 101);
});

test('a table in rising stretches that jump back anywhere (the bundled T5 export) keeps every row', () => {
  const stretches = [[1170000, 1470000], [310000, 350000], [10000, 20000], [770000, 1000000], [800000, 900000]];
  const rows = ['step,val_loss'];
  for (const [a, b] of stretches) for (let st = a!; st <= b!; st += 10000) rows.push(`${st},${lossAt(st)}`);
  const runs = decodeAll(csvFormat, 't5.csv', enc(rows.join('\n') + '\n')).runs();
  assert.equal(series(runs, 'val_loss').y.length, rows.length - 1);
  assert.ok(!(runs[0]!.notes ?? []).some((n) => /resumed/.test(n)));
});

test('the bundled T5 export (its rows in rising stretches of other steps) reads every row of every model', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { readSource } = await import('../../../src/ingest/files/read');
  const file = join(__dirname, '..', '..', '..', 'data', 'trajectories', 't5_pile.csv');
  const src = await readSource(file);
  const rows = readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => /^(xxl|xl|large|base),\d/.test(l));
  for (const run of src.runs) {
    const expected = rows.filter((l) => l.startsWith(`${run.name},`)).length;
    assert.equal(run.series.find((s) => s.key === 'loss')!.y.length, expected, run.name);
  }
  assert.ok(!src.warnings.some((w) => /resumed/.test(w.message)));
});
