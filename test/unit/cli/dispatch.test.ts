// The command line's own words, in process (main.test.ts spawns the CLI for the exit codes):
// `help` as git and npm take it, and a mistyped command naming the one meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dispatch } from '../../../src/cli/dispatch';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as schedule } from '../../../src/cli/commands/schedule';
import { printed } from './printed';
import { closestName } from '../../../src/cli/didYouMean';

test('`help` prints the usage, `help COMMAND` that command\'s --help (exit 0); `help fitt` names fit, exit 2', async () => {
  const usage = await printed(() => dispatch(['--help']));
  assert.deepEqual(await printed(() => dispatch(['help'])), usage);
  // an option after help names no command: the usage, not `--version`'s answer
  assert.deepEqual(await printed(() => dispatch(['help', '--version'])), usage);
  assert.match(usage.out, /^usage: scaling-lens <command>/);
  assert.deepEqual(await printed(() => dispatch(['help', 'fit'])), { code: 0, out: fit.help, err: '' });
  assert.deepEqual(await printed(() => dispatch(['help', 'schedule', 'predict'])), { code: 0, out: await schedule.helpFor!(['predict', '--help']), err: '' });
  const typo = await printed(() => dispatch(['help', 'fitt']));
  assert.equal(typo.code, 2);
  assert.equal(typo.out, '');
  assert.match(typo.err, /^scaling-lens: unknown command "fitt" \(did you mean fit\?\)\nusage: /);
});

test('a word two edits from every command (or an option one letter long) is not guessed at: the limit is 1 edit under 5 letters, 2 from 5', async () => {
  // `in` is two edits from fit, and was named "did you mean fit?" (the first name one past the limit was kept)
  const typo = await printed(() => dispatch(['in']));
  assert.equal(typo.code, 2);
  assert.match(typo.err, /^scaling-lens: unknown command "in"\nusage: /);
  assert.equal(closestName('f', ['at', 'json']), undefined);
  assert.equal(closestName('plots', ['inspect', 'predict', 'fit']), undefined);
  assert.equal(closestName('rn', ['run', 'N', 'D']), 'run');
  assert.equal(closestName('forcast', ['fit', 'forecast']), 'forecast');
});
