// `fit --law chinchilla` (and the other surface laws) on a sweep table with diverged or crashed runs:
// a loss of nan, inf or blank leaves its row out with one note naming it (blank N or D there too),
// while text where a number belongs in a row that has a loss is still an error.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitJson } from './surfaceCli';
import { ScalingLensError } from '../../../src/core/types';

const dir = mkdtempSync(join(tmpdir(), 'sl-surface-rows-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const surface = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const Ns = [70e6, 160e6, 410e6, 1e9, 2.8e9];
const Ds = [1e9, 3e9, 1e10, 3e10, 1e11];
const GRID = Ns.flatMap((n) => Ds.map((d) => [n, d] as const));

/** The 5×5 grid (0.3% noise), with some data rows (0-based) written by `edit`. */
function table(name: string, edit: Record<number, (n: number, d: number) => string> = {}): string {
  const file = join(dir, name);
  const noisy = (n: number, d: number, i: number) => (surface(n, d) * (1 + 0.003 * Math.sin(7 * i))).toFixed(4);
  writeFileSync(file, ['N,D,loss', ...GRID.map(([n, d], i) => edit[i]?.(n, d) ?? `${n},${d},${noisy(n, d, i)}`)].join('\n') + '\n');
  return file;
}


test('nan and inf losses leave their rows out of a chinchilla fit with one warning naming them; the fit is the clean rows\'', async () => {
  const file = table('diverged.csv', { 7: (n, d) => `${n},${d},nan`, 19: (n, d) => `${n},${d},inf` });
  const j = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(j.points, 23);
  assert.equal(j.warnings[0], 'left out 2 rows whose loss is not a finite positive number (rows 9, 21: nan, inf): diverged or unfinished runs');
  assert.ok(Math.abs(j.params.alpha - 0.34) < 0.05 && Math.abs(j.params.beta - 0.28) < 0.03, JSON.stringify(j.params));
});

test('a crashed run in a W&B export (blank loss, NaN train loss, blank tokens) is left out; a zero or negative loss too', async () => {
  const header = '"Name","State","num_parameters","train_tokens","eval/loss","train/loss"';
  const row = (i: number, n: number, d: number, loss: string) => `"run-${i}","finished","${n}","${d}","${loss}","3.0"`;
  const text = GRID.map(([n, d], i) => (i === 4 ? `"run-4","crashed","${n}","","","NaN"` : row(i, n, d, i === 11 ? '0' : surface(n, d).toFixed(4))));
  const file = join(dir, 'wandb.csv');
  writeFileSync(file, [header, ...text].join('\n') + '\n');
  const j = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(j.points, 23);
  // the crashed run is named by its state, the finished one with a zero loss by its loss
  assert.deepEqual(j.warnings.slice(0, 2), [
    'left out 1 run whose State is not finished (row 6: crashed): the last loss of a run that crashed or is still running is not its final loss',
    'left out 1 row whose loss is not a finite positive number (row 13: 0): a diverged or unfinished run',
  ]);
});

test('the other surface laws leave the same rows out (kaplan-nd, kaplan-n)', async () => {
  const file = table('kaplan.csv', { 2: (n, d) => `${n},${d},NaN`, 20: (n, d) => `${n},${d},` });
  for (const law of ['kaplan-nd', 'kaplan-n']) {
    const j = await fitJson([file, '--law', law, '--json']);
    assert.equal(j.points, 23, law);
    assert.equal(j.warnings[0], 'left out 2 rows whose loss is not a finite positive number (rows 4, 22: NaN, blank): diverged or unfinished runs', law);
  }
});

test('a row with text or a blank where N, D or the loss belongs is left out, named with its row, as the panel leaves it out; a table with no row to fit is an error', async () => {
  const cases: [string, Record<number, (n: number, d: number) => string>, string][] = [
    ['wrong_n.csv', { 3: (_n, d) => `big,${d},3.1` }, 'column "N" row 5: "big" is not a number or a size such as 125M or 1.3B'],
    ['wrong_loss.csv', { 3: (n, d) => `${n},${d},diverged` }, 'column "loss" row 5: "diverged" is not a number'],
    ['blank_n.csv', { 3: (_n, d) => `,${d},3.1` }, 'column "N" row 5: blank'],
    ['zero_d.csv', { 3: (n) => `${n},0,3.1` }, 'column "D" row 5: 0 is not positive (a count of parameters, tokens or FLOPs)'],
  ];
  for (const [name, edit, why] of cases) {
    const j = await fitJson([table(name, edit), '--law', 'chinchilla', '--quick', '--json']);
    assert.equal(j.points, 24, name);
    assert.equal(j.warnings[0], `left out 1 row without N, D and a loss that can be read (${why})`, name);
  }
  const noCounts = join(dir, 'no_counts.csv');
  writeFileSync(noCounts, 'N,D,loss\nbig,1e9,3.1\n2e8,,3.0\n');
  await assert.rejects(fitJson([noCounts, '--law', 'chinchilla', '--quick', '--json']), (e: unknown) => e instanceof ScalingLensError && /no row has N, D and a loss to fit \(left out 2 rows/.test(e.message));
  const none = join(dir, 'none.csv');
  writeFileSync(none, 'N,D,loss\n1e8,1e9,nan\n2e8,1e9,\n');
  await assert.rejects(fitJson([none, '--law', 'chinchilla', '--quick', '--json']), (e: unknown) => e instanceof ScalingLensError && /no row has a loss to fit \(left out 2 rows/.test(e.message));
});
