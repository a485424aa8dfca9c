// The command line's own words, in process (main.test.ts spawns the CLI for the exit codes):
// `help` as git and npm take it, and a mistyped command naming the one meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch } from '../../../src/cli/dispatch';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as schedule } from '../../../src/cli/commands/schedule';
import { printed } from './printed';

test('`help` prints the usage, `help COMMAND` that command\'s --help (exit 0); `help fitt` names fit, exit 2', async () => {
  const usage = await printed(() => dispatch(['--help']));
  assert.deepEqual(await printed(() => dispatch(['help'])), usage);
  assert.match(usage.out, /^usage: scaling-lens <command>/);
  assert.deepEqual(await printed(() => dispatch(['help', 'fit'])), { code: 0, out: fit.help, err: '' });
  assert.deepEqual(await printed(() => dispatch(['help', 'schedule', 'predict'])), { code: 0, out: await schedule.helpFor!(['predict', '--help']), err: '' });
  const typo = await printed(() => dispatch(['help', 'fitt']));
  assert.equal(typo.code, 2);
  assert.equal(typo.out, '');
  assert.match(typo.err, /^scaling-lens: unknown command "fitt" \(did you mean fit\?\)\nusage: /);
});
