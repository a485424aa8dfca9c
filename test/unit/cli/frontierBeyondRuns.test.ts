// `fit SWEEP --law chinchilla`'s frontier runs to budgets far past the sweep: those rows are marked
// and said to be extrapolations, in allocate --from's words (core/beyondSweep.ts), text and JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { command as fit } from '../../../src/cli/commands/fit';
import { printed } from './printed';

const SWEEP = 'test/fixtures/workspace/sweep.csv';

test('frontier rows over 10× past the largest run are marked, and the farthest says what that means', async () => {
  const j = JSON.parse((await printed(() => fit.run([SWEEP, '--law', 'chinchilla', '--json']))).out);
  const largest = j.largestRunFlops as number;
  assert.ok(largest > 0);
  for (const a of j.frontier as { flops: number; warnings: string[] }[]) {
    const said = a.warnings.some((w) => /× the compute of the largest run in sweep\.csv/.test(w));
    assert.equal(said, a.flops > 10 * largest, `${a.flops}: ${a.warnings.join(' | ')}`);
  }
  const { out } = await printed(() => fit.run([SWEEP, '--law', 'chinchilla']));
  const frontier = out.split('compute-optimal frontier')[1]!.split('\n\n')[0]!;
  const rows = frontier.split('\n').filter((l) => /^1\.000e2[123] /.test(l));
  assert.equal(rows.length, 3);
  for (const r of rows) assert.match(r, /× past$/);
  assert.match(frontier, /^1\.000e19 .*\d$/m, 'a budget within the sweep is not marked');
  assert.match(out, /extrapolations of the surface; the farthest: 1e23 FLOPs is 3,333× the compute of the largest run in sweep\.csv/);
});
