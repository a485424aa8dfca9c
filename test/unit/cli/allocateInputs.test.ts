// allocate's inputs said plainly: a fit's JSON cut short (a CI job that wrote it and failed) is not
// JSON, not "a header but no data rows"; an --n --d or --inference whose compute overflows is not "Infinity";
// an --n that leaves its budget under one token, or a --loss any run reaches, is not planned.
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

test('allocate --n --d whose 6·N·D overflows says so, not "compute budget must be a positive number, got Infinity"', async () => {
  await assert.rejects(allocate.run(['--n', '1e300', '--d', '1T']), (e: Error) => e instanceof UsageError && e.message === '--n 1e300 --d 1T: the budget 6·N·D is past any finite number of FLOPs');
});

test('allocate --loss --inference whose serving compute overflows is refused, not "Infinity to serve … 0.0% saved"', async () => {
  await assert.rejects(allocate.run(['--loss', '2.1', '--inference', '1e300']), (e: Error) => e instanceof UsageError && e.message === '--inference 1e300: serving that many tokens (2·N FLOPs each) is past any finite number of FLOPs');
});

test('allocate --n N --budget C that leaves under one token is refused, not planned (--n 1e30 on 1e21 FLOPs: D = 1.7e-10, loss 2.5e5)', async () => {
  await assert.rejects(allocate.run(['--n', '1e30', '--budget', '1e21']), (e: Error) => e instanceof UsageError && /^--n 1e30 on 1\.000e21 FLOPs leaves D = 1\.667e-10 tokens \(6·N·D = C\), under one: give a smaller --n or a larger --budget$/.test(e.message));
});

test('allocate --loss above the surface at one parameter on one token is refused; it printed 1 FLOPs, N 0.57, D 0.29', async () => {
  await assert.rejects(allocate.run(['--loss', '1e300']), (e: Error) => e instanceof UsageError && e.message === "--loss 1e300 is above the surface's loss at one parameter on one token: any run reaches it");
});
