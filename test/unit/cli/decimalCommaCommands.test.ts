// The CLI's column commands on tables written with decimal commas: they read the numbers (and the
// sizes) as the ingest path does, and pass on what it says of the decimal mark — in the JSON's
// warnings where the command has them, as `warning:` lines otherwise.
import { printed } from './printed';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../../../src/cli/args';
import { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, type SurfaceFitJson } from '../../../src/cli/commands/fitSurface';
import { command as benchmark, readBenchmarkRows } from '../../../src/cli/commands/benchmark';
import { fitCurves } from '../../../src/cli/curveFit';
import { scratchTree } from '../ingest/helpers';

const { root: dir, put: write } = scratchTree('sl-dc-commands-');

const FIXTURES = 'test/fixtures/logformats';
const POINT_SWEEP = join(FIXTURES, 'scaling_sweep_CNDloss.csv');
const COMMA_SWEEP = join(FIXTURES, 'sweep_decimal_comma.csv');

const capture = printed;

const surfaceFit = (argv: string[]) => capture(() => runSurfaceFit(parseArgs(argv, SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS)));

test('fit --law … on a sweep of decimal commas fits what its decimal-point twin fits, and says how it read the file', async () => {
  const args = ['--law', 'kaplan-nd', '--n', 'N', '--d', 'D', '--y', 'loss', '--json'];
  const point = JSON.parse((await surfaceFit([POINT_SWEEP, ...args])).out) as SurfaceFitJson;
  const comma = JSON.parse((await surfaceFit([COMMA_SWEEP, ...args])).out) as SurfaceFitJson;
  assert.deepEqual(comma.params, point.params);
  const said = `${COMMA_SWEEP}:2: read with decimal commas ("44000000,0" is 44000000)`;
  assert.deepEqual(comma.warnings.slice(0, 1), [said]);
  assert.ok(!point.warnings.some((w) => w.includes('decimal')), point.warnings.join('\n'));
  // the text output lists it with the command's other warnings, on stderr: stdout holds the fit alone
  const text = await surfaceFit([COMMA_SWEEP, ...args.slice(0, -1)]);
  assert.ok(text.err.split('\n').includes(`warning: ${said}`), text.err);
  assert.doesNotMatch(text.out, /warning/);
});

test('fit --law …: a cell written with the other mark is counted in a warning when unused, and its row left out and named when used', async () => {
  const lines = readFileSync(COMMA_SWEEP, 'utf8').split(/\r?\n/);
  const extra = lines.map((l, i) => (i === 0 ? `${l};note` : l ? `${l};${i === 3 ? '0.5' : 'x'}` : l)).join('\n');
  const j = JSON.parse((await surfaceFit([write('extra.csv', extra), '--law', 'kaplan-nd', '--n', 'N', '--d', 'D', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  assert.ok(j.warnings.includes(`${join(dir, 'extra.csv')}:4: 1 row has a number with a decimal point in a table read with decimal commas (first "0.5"); those cells were not read`), j.warnings.join('\n'));
  // "3.117175" where decimals are commas is not guessed at (3.117175, or 3117175 with thousands points)
  const used = lines.map((l, i) => (i === 2 ? l.replace(/,(\d+)$/, '.$1') : l)).join('\n');
  const u = JSON.parse((await surfaceFit([write('used.csv', used), '--law', 'kaplan-nd', '--n', 'N', '--d', 'D', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  assert.equal(u.points, lines.filter((l) => l).length - 2);
  assert.ok(u.warnings.includes('left out 1 row without N, D and a loss that can be read (column "loss" row 3: "3.117175" is not a number (a decimal point in a table read with decimal commas))'), u.warnings.join('\n'));
});

test('fit --law chinchilla: sizes written with a decimal comma ("1,3B") are read where the table writes decimals so', async () => {
  const rows = ['model;D;loss'];
  const sizes = ['125M', '350M', '0,76B', '1,3B', '2,7B'];
  const tokens = ['2,5B', '7B', '15,2B', '26B', '54B'];
  sizes.forEach((n, i) => tokens.forEach((d, k) => rows.push(`${n};${d};${(1.7 + 400 / (i + 2) ** 2 / 100 + 4 / (k + 2)).toFixed(4).replace('.', ',')}`)));
  const j = JSON.parse((await surfaceFit([write('sizes.csv', rows.join('\n')), '--law', 'kaplan-nd', '--n', 'model', '--d', 'D', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  assert.equal(j.points, 25);
  // the same table with decimal points fits the same
  const point = rows.map((r) => r.replace(/(\d),(\d)/g, '$1.$2')).join('\n');
  const p = JSON.parse((await surfaceFit([write('sizes-point.csv', point), '--law', 'kaplan-nd', '--n', 'model', '--d', 'D', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  assert.deepEqual(j.params, p.params);
});

const BENCH_HEADER = 'Domain;Task;Model;Seen Examples;Loss;Training';

test('benchmark reads a table of decimal commas, and its warnings on stderr say so and count the cells it left unread', async () => {
  const rows = [BENCH_HEADER];
  for (let i = 0; i < 12; i++) rows.push(`IC;t;m;${(1e5 * 2 ** i).toFixed(1).replace('.', ',')};${(2 + 3 * (i + 1) ** -0.5).toFixed(6).replace('.', ',')};${i < 9 ? 1 : 0}`);
  rows[4] = rows[4].replace(/;(\d+),(\d+);1$/, ';$1.$2;1');
  const path = write('bench.csv', rows.join('\n'));
  const notes: string[] = [];
  const read = await readBenchmarkRows([path], notes);
  assert.equal(read.length, 11);
  assert.deepEqual(read.slice(0, 3).map((r) => [r.x, r.y]), [[1e5, 5], [2e5, 2 + 3 * 2 ** -0.5], [4e5, 2 + 3 * 3 ** -0.5]].map(([x, y]) => [x, Number(y.toFixed(6))]));
  const unread = `${path}:5: 1 row has a number with a decimal point in a table read with decimal commas (first "${rows[4].split(';')[4]}"); those cells were not read`;
  assert.deepEqual(notes, [`${path}:2: read with decimal commas ("100000,0" is 100000)`, unread, `${path}: skipped 1 row without a finite Seen Examples and Loss`]);
  const { err } = await capture(() => benchmark.run([path, '--json']));
  assert.ok(err.split('\n').includes(`warning: ${unread}`), err);
});

test('fit --x COL --group COL on a table of decimal commas: the curve and its warnings', async () => {
  const rows = ['run;iter;loss'];
  for (let i = 1; i <= 16; i++) rows.push(`a;${100 * i};${(1.5 + 4 * i ** -0.7).toFixed(5).replace('.', ',')}`);
  const path = write('curves.csv', rows.join('\n'));
  const [r] = await fitCurves({ path, xCol: 'iter', yCol: 'loss', groupCols: ['run'], law: 'm2', targets: [], bootstrap: 0, seed: 1 });
  assert.ok(r.warnings.includes(`${path}:2: read with decimal commas ("5,50000" is 5.5)`), r.warnings.join('\n'));
  assert.ok(Math.abs(r.params.errInf - 1.5) < 0.05, JSON.stringify(r.params));
});

test('fit --law … reads a count column in its header\'s unit ("N (M)", "D [B]"), as the sweep reader does, and says so', async () => {
  const [header, ...rows] = readFileSync(POINT_SWEEP, 'utf8').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const [iN, iD] = [cols.indexOf('N'), cols.indexOf('D')];
  const inUnits = rows.map((r) => r.split(',').map((v, i) => (i === iN ? String(Number(v) / 1e6) : i === iD ? String(Number(v) / 1e9) : v)).join(','));
  const renamed = cols.map((c, i) => (i === iN ? 'N (M)' : i === iD ? 'D [B]' : c)).join(',');
  const scaled = write('sweep_units.csv', [renamed, ...inUnits].join('\n') + '\n');
  const plain = JSON.parse((await surfaceFit([POINT_SWEEP, '--law', 'kaplan-nd', '--n', 'N', '--d', 'D', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  const units = JSON.parse((await surfaceFit([scaled, '--law', 'kaplan-nd', '--n', 'N (M)', '--d', 'D [B]', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  for (const [k, v] of Object.entries(plain.params)) assert.ok(Math.abs(units.params[k]! - v) <= 1e-6 * Math.max(1, Math.abs(v)), `${k}: ${units.params[k]} vs ${v}`);
  assert.ok(units.warnings.includes('column "N (M)" read in its header\'s unit: each number × 1.00e+6'), units.warnings.join('\n'));
  // a size in a cell states its own scale; plain counts under a unit header are read as written
  const sized = write('sweep_sized.csv', [renamed, ...inUnits.map((r) => r.split(',').map((v, i) => (i === iN ? `${v}M` : v)).join(','))].join('\n') + '\n');
  const counts = write('sweep_counts.csv', [renamed, ...rows].join('\n') + '\n');
  for (const file of [sized, counts]) {
    const fit = JSON.parse((await surfaceFit([file, '--law', 'kaplan-nd', '--n', 'N (M)', '--d', 'D [B]', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
    for (const [k, v] of Object.entries(plain.params)) assert.ok(Math.abs(fit.params[k]! - v) <= 1e-6 * Math.max(1, Math.abs(v)), `${file} ${k}: ${fit.params[k]} vs ${v}`);
  }
  const asWritten = JSON.parse((await surfaceFit([counts, '--law', 'kaplan-nd', '--n', 'N (M)', '--d', 'D [B]', '--y', 'loss', '--json'])).out) as SurfaceFitJson;
  assert.ok(asWritten.warnings.some((w) => /column "D \[B\]": its values already look like plain counts/.test(w)), asWritten.warnings.join('\n'));
});
