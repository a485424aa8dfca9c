// The CLI's own surface, outside any command: no command, --version, and the exit codes a CI job
// reads (2: the user's mistake, 3: a bug in scaling-lens, never 1, which says no curve was fitted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { EXIT, reportFailure } from '../../../src/cli/failure';
import { UsageError } from '../../../src/cli/args';
import { ScalingLensError } from '../../../src/core/types';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'src', 'cli', 'main.ts');
function runCli(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', timeout: 20000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function failure(err: unknown): { code: number; err: string } {
  const lines: string[] = [];
  const orig = console.error;
  console.error = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    return { code: reportFailure(err), err: lines.join('\n') };
  } finally {
    console.error = orig;
  }
}

test('a user error exits 2 in one line; a bug exits 3 with its stack, apart from 1 (no curve fitted)', () => {
  assert.deepEqual(failure(new UsageError('--level must be between 0 and 1')), { code: 2, err: 'scaling-lens: --level must be between 0 and 1' });
  assert.equal(failure(new ScalingLensError('bad-argument', 'x.csv is empty')).code, 2);
  assert.deepEqual(failure(Object.assign(new Error('ENOENT'), { code: 'ENOENT', path: 'x.csv' })), { code: 2, err: 'scaling-lens: cannot read x.csv: no such file or folder' });
  const bug = failure(new TypeError("Cannot read properties of undefined (reading 'x')"));
  assert.equal(bug.code, 3);
  assert.match(bug.err, /^scaling-lens: internal error: TypeError: Cannot read properties/);
  assert.match(bug.err, /\n\s+at /, 'the stack, for the bug report');
  assert.notEqual(EXIT.internal, EXIT.nothingFitted);
});

test('no command: the usage on stderr, exit 2, stdout empty; --help on stdout, exit 0; --version prints the package version', () => {
  const none = runCli([]);
  assert.equal(none.code, 2);
  assert.equal(none.out, '');
  assert.match(none.err, /^usage: scaling-lens <command>/);
  const help = runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /^usage: scaling-lens <command>/);
  const version = runCli(['--version']);
  assert.equal(version.code, 0, version.err);
  assert.equal(version.out.trim(), JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  const unknown = runCli(['fitt']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.out, '');
  assert.match(unknown.err, /^scaling-lens: unknown command "fitt" \(did you mean fit\?\)\nusage: /);
});
