// A schedule past 1e8 steps (a typo, or tokens given as steps) is refused in one line: forecast sums
// η step by step, and `--schedule cosine:…,total=1e12` ran on without end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command as forecast } from '../../../src/cli/commands/forecast';
import { ScalingLensError } from '../../../src/core/types';
import { UsageError } from '../../../src/cli/args';

test('forecast --schedule with a total past 1e8 steps is a one-line error, before the run is read', async () => {
  for (const total of ['1e12', '100000001']) {
    const spec = `cosine:warmup=2000,total=${total},peak=3e-4,end=3e-5`;
    await assert.rejects(forecast.run(['no-such-run.csv', '--schedule', spec]), (e: Error) => (e instanceof UsageError || e instanceof ScalingLensError) && e.message === `bad schedule "${spec}": total must be at most 1e8 steps (η is summed step by step); got ${Number(total)}`, total);
  }
});
