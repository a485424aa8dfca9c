import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, num, seedArg, UsageError } from '../../../src/cli/args';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';

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

test('a mistyped option names the one meant, when only one is that close; any other points to --help', () => {
  const fit = (...argv: string[]) => () => parseArgs(['f.csv', ...argv], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS);
  const cases: [string, string][] = [['--holdout', 'holdout-frac'], ['--boostrap', 'bootstrap'], ['--jsn', 'json'], ['--seeed', 'seed'], ['--tagret', 'target'], ['--keep-warmpu', 'keep-warmup'], ['--Robust', 'robust']];
  for (const [typed, meant] of cases) assert.throws(fit(typed, '1'), (e: Error) => e instanceof UsageError && e.message === `unknown option ${typed} (did you mean --${meant}?)`, typed);
  // nothing close, or two as close (--fit-until and --format both begin "f"): not guessed at
  for (const typed of ['--foo', '--x-col', '--f']) assert.throws(fit(typed, '1'), (e: Error) => e.message === `unknown option ${typed}; --help lists the options`, typed);
});

test('fit or predict with no PATH, or several (a shell glob), says which command and what to give', () => {
  const request = (flag: 'target' | 'at', ...argv: string[]) => () => curveRequest(parseArgs(argv, CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), flag);
  assert.throws(request('target'), (e: Error) => e instanceof UsageError && e.message === 'fit needs a PATH (a CSV file, a training log or a folder of runs)');
  assert.throws(request('at', '--at', '2x', '--json'), (e: Error) => e.message === 'predict needs a PATH (a CSV file, a training log or a folder of runs)');
  assert.throws(request('target', 'runs/a.csv', 'runs/b.csv'), (e: Error) => e.message === 'fit takes one PATH, got 2 (runs/a.csv, runs/b.csv): for several runs give their folder (--group run fits each)');
  assert.throws(request('at', 'a', 'b', 'c', 'd'), (e: Error) => e.message === 'predict takes one PATH, got 4 (a, b, c, …): for several runs give their folder (--group run fits each)');
});

test('a one-dash option is refused as one, not taken for a PATH; a negative number stays a value', () => {
  assert.throws(() => parseArgs(['-x', 'tokens', 'f.csv'], ['x'], []), /^Error: unknown option -x: options take two dashes \(--x\)$/);
  assert.throws(() => parseArgs(['f.csv', '-json'], [], ['json']), /unknown option -json: options take two dashes \(--json\)/);
  assert.throws(() => parseArgs(['f.csv', '-q'], [], []), /^Error: unknown option -q: options take two dashes$/);
  assert.deepEqual(parseArgs(['f.csv', '--fit-until', '-1'], ['fit-until'], []).flags.get('fit-until'), ['-1']);
});

test('a command with no PATH names the stray word, and the one-value flag it followed, by its place', () => {
  assert.throws(() => parseArgs(['--loss', '2.0', '2.1'], ['loss'], [], { path: false }), /unexpected argument "2\.1" \(--loss takes one value\)$/);
  // the same word twice: the first, which followed no flag, is the one named
  assert.throws(() => parseArgs(['2.2', '--loss', '2.1', '2.2'], ['loss'], [], { path: false }), /unexpected argument "2\.2"$/);
  assert.deepEqual(parseArgs(['--budget', '1e21', '1e22'], ['budget'], [], { path: false }).flags.get('budget'), ['1e21', '1e22']);
});

test('a switch given a value is refused, not read as on: --keep-warmup=no does not keep the warmup', () => {
  assert.throws(() => parseArgs(['f.csv', '--keep-warmup=no'], [], ['keep-warmup']), /--keep-warmup takes no value \(got "no"\)/);
  assert.throws(() => parseArgs(['f.csv', '--json=false'], [], ['json']), UsageError);
  assert.ok(parseArgs(['f.csv', '--json'], [], ['json']).switches.has('json'));
});

test('--seed is a whole number in every command that takes one (1.5 was read as 1 by fit, predict and forecast)', () => {
  assert.equal(seedArg(parseArgs(['--seed', '7'], ['seed'], [])), 7);
  assert.equal(seedArg(parseArgs([], ['seed'], [])), undefined);
  assert.throws(() => seedArg(parseArgs(['--seed', '1.5'], ['seed'], [])), /--seed must be a whole number from 0 to 4294967295; got "1\.5"/);
  // the generators keep 32 bits: 2^32 and 1e300 were seed 0 again, -1 was 4294967295
  for (const wraps of ['4294967296', '1e300', '-1']) assert.throws(() => seedArg(parseArgs(['--seed', wraps], ['seed'], [])), /--seed must be a whole number from 0 to 4294967295/, wraps);
  assert.equal(seedArg(parseArgs(['--seed', '4294967295'], ['seed'], [])), 4294967295);
  assert.throws(() => curveRequest(parseArgs(['f.csv', '--seed', '1.5'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'), /--seed must be a whole number/);
});

test('--upper-bound of 0 or less is refused (it was fitted with a warning that the bound was ignored)', () => {
  const request = (bound: string) => curveRequest(parseArgs(['f.csv', '--upper-bound', bound], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  assert.throws(() => request('-1'), /--upper-bound is the metric's maximum, above every loss \(1 for an error rate\); got -1/);
  assert.throws(() => request('0'), UsageError);
  assert.equal(request('1').upperBound, 1);
});

test('--bootstrap: one rule for fit, predict, a surface fit and forecast: a whole number, 0 for none', async () => {
  const { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } = await import('../../../src/cli/commands/fitSurface');
  const { command: forecast } = await import('../../../src/cli/commands/forecast');
  const curve = (k: string) => curveRequest(parseArgs(['f.csv', '--bootstrap', k], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target');
  assert.equal(curve('0').bootstrap, 0);
  assert.throws(() => curve('-3'), /--bootstrap must be a whole number of resamples from 0 \(none\) to 10000; got "-3"/);
  // forecast took any count (1e8 ran for ever); a surface fit refused 0 (none)
  await assert.rejects(forecast.run(['run.csv', '--bootstrap', '1e8']), /--bootstrap must be a whole number of resamples from 0 \(none\) to 10000; got "1e8"/);
  const sweep = 'test/fixtures/workspace/sweep.csv';
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await runSurfaceFit(parseArgs([sweep, '--law', 'chinchilla', '--quick', '--bootstrap', '0', '--json'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS)), 0);
  } finally {
    console.log = orig;
  }
  assert.equal(JSON.parse(lines.join('\n')).intervals, undefined);
});

test('--level without bootstrap resamples is refused: fit has none unless --bootstrap K, predict has 200 unless --bootstrap 0', () => {
  const request = (flag: 'target' | 'at', extra: string[], resamples?: number) => curveRequest(parseArgs(['f.csv', ...extra], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), flag, resamples);
  assert.throws(() => request('target', ['--level', '0.8']), /--level sets the coverage of the bootstrap intervals: add --bootstrap K/);
  assert.equal(request('target', ['--level', '0.8', '--bootstrap', '50']).level, 0.8);
  assert.equal(request('at', ['--level', '0.8'], 200).bootstrap, 200);
  assert.throws(() => request('at', ['--level', '0.8', '--bootstrap', '0'], 200), /--level sets the coverage/);
});
