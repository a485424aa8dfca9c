// Kaplan's laws (kaplan-n, -d, -c, -ns) and chinchilla-dc read a sweep table with the one reader
// (ingest/model/sweepTable.ts) that chinchilla and the panel use: a row whose count, steps, unique
// tokens or loss cannot be read is left out and named as there, the law's other columns are not
// asked of a row, a header's unit scales every count column, and a column the law needs but the
// table lacks is still a clear error.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } from '../../../src/cli/commands/fitSurface';
import { readSurface } from '../../../src/cli/commands/readSurface';
import { fitJson } from './surfaceCli';

const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-law-rows-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const loss = (n: number, d: number): number => 1.7 + 400 / n ** 0.34 + 410 / d ** 0.28;
const Ns = [1e8, 2e8, 4e8, 8e8];
const Ds = [2e9, 8e9, 3.2e10];

/** A 4×3 grid with columns N, D, C, S (steps), unique (tokens), loss; `edit` rewrites data rows (0-based). */
function table(name: string, edit: Record<number, (cells: string[]) => void> = {}, header = 'N,D,C,S,unique,loss'): string {
  const rows = Ns.flatMap((n) => Ds.map((d) => [n, d, 6 * n * d, d / 1e6, d / 4, loss(n, d).toFixed(5)].map(String)));
  rows.forEach((cells, i) => edit[i]?.(cells));
  const file = join(dir, name);
  writeFileSync(file, [header, ...rows.map((r) => r.join(','))].join('\n') + '\n');
  return file;
}

const read = (file: string, law: string, flags: string[] = []) => readSurface(parseArgs([file, '--law', law, ...flags], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS), law, file);

test('every sweep law leaves out a row whose count, steps or unique tokens cannot be read, named as chinchilla names it, where the old reader stopped at it', async () => {
  const cases: [law: string, flags: string[], edit: (c: string[]) => void, note: string][] = [
    // with a count unread and the other two there it would be had from C ≈ 6ND: one of those is blanked too
    ['kaplan-n', [], (c) => ((c[0] = 'big'), (c[2] = '')), 'left out 1 row without N and a loss that can be read (column "N" row 4: "big" is not a number or a size such as 125M or 1.3B)'],
    ['kaplan-d', [], (c) => ((c[1] = '0'), (c[2] = '')), 'left out 1 row without D and a loss that can be read (column "D" row 4: 0 is not positive (a count of parameters, tokens or FLOPs))'],
    ['kaplan-c', [], (c) => ((c[2] = 'lots'), (c[1] = '')), 'left out 1 row without C and a loss that can be read (column "C" row 4: "lots" is not a number or a size such as 125M or 1.3B)'],
    ['kaplan-ns', ['--s', 'S'], (c) => (c[3] = ''), 'left out 1 row without N, S and a loss that can be read (column "S" row 4: blank)'],
    ['chinchilla-dc', ['--u', 'unique'], (c) => (c[4] = 'all'), 'left out 1 row without N, D, U and a loss that can be read (column "unique" row 4: "all" is not a number or a size such as 125M or 1.3B)'],
    ['kaplan-d', [], (c) => (c[5] = 'diverged'), 'left out 1 row without D and a loss that can be read (column "loss" row 4: "diverged" is not a number)'],
  ];
  for (const [law, flags, edit, note] of cases) {
    const r = await read(table(`${law}.csv`, { 2: edit }), law, flags);
    assert.equal(r.points, 11, law);
    assert.ok(r.reading.includes(note), `${law}: ${r.reading.join(' | ')}`);
    assert.ok(!r.lines!.includes(4), law);
  }
});

test('a one-count law asks a row only for its own count: kaplan-n fits a row whose D is blank', async () => {
  const r = await read(table('blank_d.csv', { 5: (c) => ((c[1] = ''), (c[2] = '')) }), 'kaplan-n');
  assert.equal(r.points, 12);
  assert.deepEqual(r.reading, []);
});

test('unique tokens and steps are read in their header\'s unit, as N, D and C are', async () => {
  // S in thousands, unique tokens in billions
  const file = table('units.csv', Object.fromEntries(Ns.flatMap((_n, i) => Ds.map((d, k) => [3 * i + k, (c: string[]) => ((c[3] = String(d / 1e9)), (c[4] = String(d / 4e9)))]))), 'N,D,C,S (K),unique (B),loss');
  const written = Ds.map((d) => d / 4e9);
  const dc = await read(file, 'chinchilla-dc', ['--u', 'unique (B)']);
  assert.deepEqual([...dc.obs.x3!].slice(0, 3), written.map((u) => u * 1e9));
  assert.ok(dc.reading.includes('column "unique (B)" read in its header\'s unit: each number × 1.00e+9'), dc.reading.join(' | '));
  const ns = await read(file, 'kaplan-ns', ['--s', 'S (K)']);
  assert.deepEqual([...ns.obs.x2!].slice(0, 3), Ds.map((d) => (d / 1e9) * 1e3));
});

test('a column the law needs and the table lacks is still a usage error naming the flag', async () => {
  const nd = table('nd.csv');
  const noC = join(dir, 'no_c.csv');
  writeFileSync(noC, 'N,D,loss\n1e8,2e9,3.1\n2e8,2e9,3.0\n');
  const onlyN = join(dir, 'only_n.csv');
  writeFileSync(onlyN, 'N,loss\n1e8,3.1\n2e8,3.0\n');
  const cases: [string, string, string[], RegExp][] = [
    [onlyN, 'kaplan-c', [], /^--law kaplan-c needs --c COL: only_n\.csv has no column named as compute \(flops, compute …\); its columns: N, loss$/],
    [noC, 'kaplan-ns', [], /^--law kaplan-ns needs --s COL$/],
    [noC, 'chinchilla-dc', [], /^--law chinchilla-dc needs --u COL$/],
    [nd, 'kaplan-ns', ['--s', 'epochs'], /^--s: no column "epochs" in .*; columns are N, D, C, S, unique, loss$/],
  ];
  for (const [file, law, flags, message] of cases) {
    await assert.rejects(read(file, law, flags), (e: unknown) => e instanceof UsageError && message.test(e.message), law);
  }
  // learning curves with no size column, and a W&B export's many columns, shown so that the one to name is seen
  const curves = join(dir, 'curves.csv');
  writeFileSync(curves, 'curve,tokens,loss\nc01,1e7,1.95\nc01,2e7,1.90\n');
  await assert.rejects(read(curves, 'chinchilla', []), (e: unknown) => e instanceof UsageError && e.message === '--law chinchilla needs --n COL: curves.csv has no column named as parameters (params, num_parameters, model_size …); its columns: curve, tokens, loss');
  const wide = join(dir, 'wide.csv');
  writeFileSync(wide, `${Array.from({ length: 14 }, (_, i) => `k${i}`).join(',')},loss\n${Array.from({ length: 15 }, () => '1').join(',')}\n`);
  await assert.rejects(read(wide, 'chinchilla', []), (e: unknown) => e instanceof UsageError && e.message.endsWith('its columns: k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, … 3 more'));
});

test('kaplan-c fits a clean sweep as before: its columns said, no other warning', async () => {
  const j = await fitJson([table('clean.csv'), '--law', 'kaplan-c', '--json']);
  assert.equal(j.points, 12);
  assert.deepEqual(j.warnings, ['columns not given, taken from the header: --y loss --c C']);
});

test('kaplan-c without a compute column takes C = 6·N·D from N and D, says so, and fits as with the column', async () => {
  const withC = await fitJson([table('with_c.csv'), '--law', 'kaplan-c', '--json']);
  const noC = await fitJson([table('nd_only.csv', Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i, (c: string[]) => c.splice(2, 3)])), 'N,D,loss'), '--law', 'kaplan-c', '--json']);
  assert.equal(noC.points, 12);
  assert.deepEqual(noC.warnings, ['no compute column: C = 6·N·D from "N" and "D", as every sweep reader takes it', 'columns not given, taken from the header: --y loss --n N --d D']);
  for (const k of ['Cc', 'alphaC']) assert.ok(Math.abs(noC.params[k]! / withC.params[k]! - 1) < 1e-9, `${k}: ${noC.params[k]} vs ${withC.params[k]}`);
  // columns that the header does not name as counts are named with --n and --d
  const named = await fitJson([table('named.csv', Object.fromEntries(Array.from({ length: 12 }, (_, i) => [i, (c: string[]) => c.splice(2, 3)])), 'size,seen,loss'), '--law', 'kaplan-c', '--n', 'size', '--d', 'seen', '--json']);
  assert.equal(named.points, 12);
  assert.ok(named.warnings.includes('no compute column: C = 6·N·D from "size" and "seen", as every sweep reader takes it'), named.warnings.join(' | '));
});
