// allocate --from FIT.json: a fit's JSON cut short (a CI job that wrote it and failed) is said to be
// not JSON; it was read as a CSV sweep and refused as "has a header but no data rows".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { UsageError } from '../../../src/cli/args';

test('allocate --from a .json that does not parse says it is not JSON and how to write one', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sl-allocjson-')), 'fit.json');
  writeFileSync(file, '{"law": "chinchilla", "params": {"E": 1.69,');
  await assert.rejects(allocate.run(['--budget', '1e21', '--from', file]), (e: Error) => e instanceof UsageError && /^--from .*fit\.json is not JSON \(.+\): write it with "scaling-lens fit SWEEP --law chinchilla --json > /.test(e.message));
});
