// A sweep table's diverged or crashed runs (a loss of nan, inf or blank) are left out of the sweep
// with one note naming their rows, which `inspect` and `fit --group N` both show; text where the
// loss belongs stays a row warning of its own.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { inspectJson } from '../../../src/cli/commands/inspect';
import { parseArgs } from '../../../src/cli/args';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { loadCurves } from '../../../src/cli/loadCurves';
import { RowsWithoutLoss } from '../../../src/ingest/model/rowsWithoutLoss';

const dir = mkdtempSync(join(tmpdir(), 'sl-noloss-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const surface = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const Ns = [70e6, 160e6, 410e6, 1e9, 2.8e9];
const Ds = [1e9, 3e9, 1e10, 3e10, 1e11];

/** The 5×5 grid with the losses of some rows (0-based data rows) replaced by `cells`. */
function grid(name: string, cells: Record<number, string>): string {
  const rows = Ns.flatMap((n) => Ds.map((d) => [n, d]));
  const file = join(dir, name);
  writeFileSync(file, ['N,D,loss', ...rows.map(([n, d], i) => `${n},${d},${cells[i] ?? surface(n!, d!).toFixed(4)}`)].join('\n') + '\n');
  return file;
}

const NOTE = 'left out 2 rows whose loss is not a finite positive number (rows 9, 21: nan, inf): diverged or unfinished runs';

test('the sweep reader leaves rows whose loss is nan or inf out, with one note naming them; inspect counts the rest', async () => {
  const src = await readSource(grid('diverged.csv', { 7: 'nan', 19: 'inf' }));
  assert.equal(src.format, 'sweep');
  const json = inspectJson(src);
  assert.equal(json.runs[0]!.series[0]!.points, 23);
  assert.deepEqual(json.warnings.map((w) => w.message), [NOTE]);
  assert.ok(src.runs[0]!.series[0]!.y.every((v) => Number.isFinite(v) && v > 0));
});

test('fit --group N on a sweep with diverged rows says which rows it left out, as inspect does', async () => {
  const file = grid('diverged2.csv', { 7: 'nan', 19: 'inf' });
  const loaded = await loadCurves(curveRequest(parseArgs([file, '--group', 'N'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  assert.deepEqual(loaded.curves.map((c) => c.points.length), [5, 4, 5, 4, 5]);
  assert.ok(loaded.warnings.includes(`${file}: ${NOTE}`), loaded.warnings.join('; '));
});

test('a blank loss (a crashed run in a W&B export) is named as blank; text in the loss column is named once, as the CLI names it', async () => {
  const file = grid('crashed.csv', { 3: '', 5: 'oops' });
  const src = await readSource(file);
  assert.equal(src.runs[0]!.series[0]!.y.length, 23);
  assert.deepEqual(src.warnings.map((w) => [w.line, w.message]), [
    [undefined, 'left out 1 row whose loss is not a finite positive number (row 5: blank): a diverged or unfinished run'],
    [undefined, 'left out 1 row without N, D and a loss that can be read (column "loss" row 7: "oops" is not a number)'],
  ]);
});

test('the note names at most 8 rows and counts the others', () => {
  const rows = new RowsWithoutLoss();
  for (let i = 0; i < 11; i++) rows.add(i + 2, i % 2 ? 'NaN' : ' ');
  assert.equal(rows.count, 11);
  assert.equal(rows.note(), 'left out 11 rows whose loss is not a finite positive number (rows 2, 3, 4, 5, 6, 7, 8, 9, … 3 more: blank, NaN, blank, NaN, blank, NaN, blank, NaN): diverged or unfinished runs');
  assert.equal(new RowsWithoutLoss().note(), undefined);
});
