// watch --poll: Node's timers cannot wait past 2^31 − 1 ms and fire every 1 ms instead (a
// TimeoutOverflowWarning on stderr and a busy poll), so a period past a day is refused before watching.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pollArg, WATCH_BOOLEANS, WATCH_VALUED } from '../../../src/cli/commands/watch';
import { parseArgs, UsageError } from '../../../src/cli/args';

const poll = (...argv: string[]): number => pollArg(parseArgs(['run', ...argv], WATCH_VALUED, WATCH_BOOLEANS));

test('--poll is from 10 ms to a day; 3e9 (past a timer\'s 2^31 − 1 ms) and 5 are refused in one line', () => {
  assert.equal(poll(), 1000);
  assert.equal(poll('--poll', '86400000'), 86400000);
  for (const ms of ['3e9', '86400001', '5']) {
    assert.throws(() => poll('--poll', ms), (e: Error) => e instanceof UsageError && e.message === `--poll must be from 10 to 86400000 ms (a day); got "${ms}"`, ms);
  }
});
