// What the one sweep reader (ingest/model/sweepTable.ts) says beside the rows it fits, alike in the
// panel (a sweep file read by ingest) and the CLI (`fit --law chinchilla`): rows repeated (a row
// pasted twice; seeds), and, first and loudly, more than a quarter of the rows left out. Every row
// that can be read is still fitted.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../../src/cli/args';
import { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } from '../../../src/cli/commands/fitSurface';
import { readSurface } from '../../../src/cli/commands/readSurface';
import { readSource } from '../../../src/ingest/files/read';
import { surfaceData } from '../../../src/extension/model/surface';

const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-row-notes-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const loss = (n: number, d: number): string => (1.7 + 400 / n ** 0.34 + 410 / d ** 0.28).toFixed(4);
/** params,tokens,loss rows of a 3×2 grid (lines 2 to 7 of a file). */
const grid = [1e8, 2e8, 4e8].flatMap((n) => [2e9, 8e9].map((d) => `${n},${d},${loss(n, d)}`));

function sweep(name: string, rows: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, ['params,tokens,loss', ...rows].join('\n') + '\n');
  return file;
}

/** The panel's reading notes and fitted row count, and the CLI's. */
async function bothSides(file: string): Promise<{ panel: string[]; cli: string[]; panelRows: number; cliRows: number }> {
  const source = await readSource(file);
  const panel = source.runs.flatMap((r) => [...(r.notes ?? [])]);
  const read = await readSurface(parseArgs([file, '--law', 'chinchilla'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS), 'chinchilla', file);
  return { panel, cli: [...read.reading], panelRows: surfaceData(source)?.loss.length ?? 0, cliRows: read.points };
}

test('a row pasted twice and runs repeated with another loss (seeds) are all fitted, and both sides name them', async () => {
  const seeds = [1e8, 2e8, 4e8].flatMap((n) => [2e9, 8e9].map((d) => `${n},${d},${(Number(loss(n, d)) + 0.01).toFixed(4)}`));
  const file = sweep('repeated.csv', [...grid, grid[0]!, grid[3]!, ...seeds.slice(0, 2)]);
  const { panel, cli, panelRows, cliRows } = await bothSides(file);
  assert.equal(panelRows, 10);
  assert.equal(cliRows, 10);
  const pasted = '2 rows have the same N, D and loss as an earlier row (row 8 = row 2; row 9 = row 5): pasted twice? Each copy is fitted, so that run weighs double';
  const replicates = '2 rows have the same N and D as an earlier row but another loss (row 2 with 10; row 3 with 11): all fitted, as replicates such as seeds (runs that differ only in a setting the fit does not read, such as the learning rate, are averaged the same way)';
  for (const note of [pasted, replicates]) {
    assert.ok(cli.includes(note), `CLI: ${cli.join(' | ')}`);
    assert.ok(panel.includes(note), `panel: ${panel.join(' | ')}`);
  }
});

test('a sweep without repeated rows says nothing of repeats; runs of one N at other D are not repeats', async () => {
  const { panel, cli } = await bothSides(sweep('clean.csv', grid));
  assert.deepEqual(cli, []);
  assert.deepEqual(panel, []);
});

test('more than a quarter of the rows left out is said first on both sides, and the rows left are fitted', async () => {
  const bad = (k: number) => grid.map((r, i) => (i < k ? r.replace(/,[^,]*$/, ',nan') : r));
  // 2 of 6 (a third) left out: said; the two rows added keep 2 of 8 (a quarter) below it
  const many = await bothSides(sweep('many_bad.csv', bad(2)));
  const alarm = 'more than a quarter of the rows are left out: 2 of 6 (33%, named below), so the fit rests on the other 4; unless they are runs that diverged or did not finish, check that the file and its columns are the ones meant';
  assert.equal(many.cli[0], alarm);
  assert.equal(many.panel[0], alarm);
  assert.equal(many.cliRows, 4);
  const quarter = await bothSides(sweep('quarter_bad.csv', [...bad(2), '8e8,2e9,2.9', '8e8,8e9,2.8']));
  assert.ok(!quarter.cli.some((n) => n.startsWith('more than a quarter')), quarter.cli.join(' | '));
  assert.ok(!quarter.panel.some((n) => n.startsWith('more than a quarter')), quarter.panel.join(' | '));
});

test('the CLI prints that alarm on stderr, first of the warnings, in text and with --json', async () => {
  const file = sweep('alarm.csv', [...grid.slice(0, 4).map((r) => r.replace(/,[^,]*$/, ',')), ...grid.slice(4), ...[8e8, 1.6e9, 3.2e9].flatMap((n) => [2e9, 8e9].map((d) => `${n},${d},${loss(n, d)}`))]);
  const printed = async (json: boolean): Promise<{ out: string[]; err: string[] }> => {
    const [out, err] = [[] as string[], [] as string[]];
    const [log, error] = [console.log, console.error];
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    console.error = (...a: unknown[]) => void err.push(a.join(' '));
    try {
      await runSurfaceFit(parseArgs([file, '--law', 'kaplan-nd', ...(json ? ['--json'] : [])], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS));
    } finally {
      [console.log, console.error] = [log, error];
    }
    return { out, err };
  };
  const text = await printed(false);
  assert.match(text.err[0]!, /^warning: more than a quarter of the rows are left out: 4 of 12 \(33%/);
  assert.doesNotMatch(text.out.join('\n'), /warning/);
  const json = await printed(true);
  assert.equal(json.err.length, 1);
  assert.match(json.err[0]!, /^warning: more than a quarter of the rows are left out: 4 of 12/);
});

test('rows left out are named in line order, a text count before a later text loss', async () => {
  // line 3: a count that is text; line 2: a loss that is text (judged first, in another pass)
  const rows = [grid[0]!.replace(/,[^,]*$/, ',oops'), grid[1]!.replace(/^[^,]*/, 'big'), ...grid.slice(2), '8e8,2e9,2.9', '8e8,8e9,2.8', '1.6e9,2e9,2.8', '1.6e9,8e9,2.7'];
  const { cli, panel } = await bothSides(sweep('order.csv', rows));
  for (const notes of [cli, panel]) {
    const note = notes.find((n) => n.startsWith('left out 2 rows'));
    assert.ok(note, notes.join(' | '));
    assert.ok(note.indexOf('row 2') < note.indexOf('row 3'), note);
  }
});
