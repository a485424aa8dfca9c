// A sweep law reads only its own columns: another law's column flag (`--law chinchilla --s steps`,
// `--law kaplan-n --d D`) was passed over without a word, and the fit ran on what the user had not meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { command as fit } from '../../../src/cli/commands/fit';
import { UsageError } from '../../../src/cli/args';

const sweep = join(__dirname, '..', '..', 'fixtures', 'workspace', 'sweep.csv');

test('a column flag the sweep law does not read is refused, naming the ones it takes', async () => {
  // a UsageError: one line on stderr, exit 2
  await assert.rejects(fit.run([sweep, '--law', 'chinchilla', '--s', 'N']), (e: Error) => e instanceof UsageError && e.message === '--law chinchilla does not read --s: it takes --n, --d, --c, --y');
  await assert.rejects(fit.run([sweep, '--law', 'kaplan-n', '--d', 'D', '--u', 'C']), /--law kaplan-n does not read --d or --u: it takes --n, --y/);
  await assert.rejects(fit.run([sweep, '--law', 'chinchilla-dc', '--s', 'D']), /--law chinchilla-dc does not read --s: it takes --n, --d, --c, --u, --y/);
});
