// `allocate --from fit.json` says when a budget is far past the sweep, as `allocate --from SWEEP`
// does: `fit --law chinchilla --json` carries the 6·N·D of the largest run it went through
// (largestRunFlops). A fit's JSON written before it did plans as before, with no note.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { type AllocateJson } from '../../../src/cli/commands/allocateJson';
import { fitJson } from './surfaceCli';

const SWEEP = 'test/fixtures/workspace/sweep.csv';
const dir = mkdtempSync(join(tmpdir(), 'sl-allocate-fit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function allocateJson(argv: string[]): Promise<AllocateJson> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await allocate.run([...argv, '--json']), 0);
  } finally {
    console.log = orig;
  }
  return JSON.parse(lines.join('\n')) as AllocateJson;
}

/** The largest 6·N·D among the sweep file's rows, read here from its N and D columns. */
function largestInFile(file: string): number {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  const [n, d] = [header!.indexOf('N'), header!.indexOf('D')];
  return Math.max(...rows.map((r) => 6 * Number(r[n]) * Number(r[d])));
}

const fitFile = (name: string, fit: object): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(fit));
  return file;
};

test('allocate --from fit.json notes a budget over 10× the sweep\'s largest run, as allocate --from the sweep does', async () => {
  const fit = await fitJson([SWEEP, '--law', 'chinchilla', '--quick', '--json']);
  assert.equal(fit.outliers.length, 0);
  assert.ok(Math.abs(fit.largestRunFlops! / largestInFile(SWEEP) - 1) < 1e-12, `largestRunFlops ${fit.largestRunFlops}`);
  const file = fitFile('fit.json', fit);
  const far = await allocateJson(['--budget', '1e23', '--from', file]);
  const fromSweep = await allocateJson(['--budget', '1e23', '--from', SWEEP]);
  assert.equal(far.notes?.length, 1, JSON.stringify(far.notes));
  assert.deepEqual(far.notes, fromSweep.notes);
  // within a decade of the largest run: no note
  const near = await allocateJson(['--budget', String(5 * largestInFile(SWEEP)), '--from', file]);
  assert.equal(near.notes, undefined);
});

test('a fit.json without largestRunFlops (written before it was) plans the same, with no note and no error', async () => {
  const fit = await fitJson([SWEEP, '--law', 'chinchilla', '--quick', '--json']);
  const { largestRunFlops, ...older } = fit;
  assert.ok(largestRunFlops !== undefined);
  const [withField, without] = [await allocateJson(['--budget', '1e23', '--from', fitFile('new.json', fit)]), await allocateJson(['--budget', '1e23', '--from', fitFile('old.json', older)])];
  assert.equal(without.notes, undefined);
  assert.equal(without.warnings, undefined);
  assert.deepEqual(without.allocations, withField.allocations);
  // nor does a field that is not a positive compute
  const broken = await allocateJson(['--budget', '1e23', '--from', fitFile('broken.json', { ...fit, largestRunFlops: 'big' })]);
  assert.equal(broken.notes, undefined);
});
