// `fit --help` points to `fit --law chinchilla --help` for the surface fit's options: that help is
// the surface fit's, not the learning-curve fit's again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command } from '../../../src/cli/commands/fit';
import { SURFACE_FIT_HELP } from '../../../src/cli/commands/fitSurface';

test('fit --help is the curve fit; with --law chinchilla (or kaplan-d, or --n) it is the surface fit, which names --keep-outliers', async () => {
  assert.match(command.help, /see `fit --law chinchilla --help`/);
  assert.equal(await command.helpFor!(['--help']), command.help);
  assert.equal(await command.helpFor!(['--law', 'm4', '--help']), command.help);
  for (const argv of [['--law', 'chinchilla', '--help'], ['--law=kaplan-d', '--help'], ['sweep.csv', '--n', 'N', '--help']]) {
    assert.equal(await command.helpFor!(argv), SURFACE_FIT_HELP, argv.join(' '));
  }
  assert.match(SURFACE_FIT_HELP, /--keep-outliers/);
});
