import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, num, UsageError } from '../../../src/cli/args';

test('parseArgs collects repeated and multi-valued flags', () => {
  const a = parseArgs(['f.csv', '--target', '1e9', '1e10', '--json', '--x=N'], ['target', 'x'], ['json']);
  assert.deepEqual(a.positional, ['f.csv']);
  assert.deepEqual(a.flags.get('target'), ['1e9', '1e10']);
  assert.deepEqual(a.flags.get('x'), ['N']);
  assert.ok(a.switches.has('json'));
});

test('parseArgs rejects unknown flags and missing values', () => {
  assert.throws(() => parseArgs(['--nope'], [], []), UsageError);
  assert.throws(() => parseArgs(['--x'], ['x'], []), /needs a value/);
  assert.throws(() => num(parseArgs(['--at', 'abc'], ['at'], []), 'at'), /must be a number/);
});
