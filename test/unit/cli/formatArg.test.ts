import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { parseFormat } from '../../../src/cli/formatArg';

test('parseFormat passes a known format id and absence through, and names the ids on a bad one', () => {
  assert.equal(parseFormat('jsonl'), 'jsonl');
  assert.equal(parseFormat(undefined), undefined);
  assert.throws(() => parseFormat('xml'), (e: unknown) => e instanceof UsageError && /--format must be one of .*csv.*jsonl.*; got "xml"/.test(e.message));
});

test('fit and predict read --format through it', () => {
  const req = (...extra: string[]) => curveRequest(parseArgs(['log', '--y', 'loss', ...extra], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  assert.equal(req('--format', 'csv').format, 'csv');
  assert.throws(() => req('--format', 'xml'), /--format must be one of/);
});
