// A sibling run feeds a prior, or its final loss a reference target, only when it finished: one
// that diverged (its loss NaN to the end, 2+ points) or stopped short of its planned end (its
// config's, max_steps, or where its logged LR's cosine decay ends) is left out of the prior and
// marked in the reference picker, with why; one much shorter than the others, its end unknown, is
// kept and named.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScheduleRuns, type LoadedRun } from '../../../src/ingest/scheduleRuns';
import { choosePriorRuns } from '../../../src/extension/model/priorRuns';
import { runCaveats, unfinishedWhy } from '../../../src/extension/model/unfinishedRuns';

const D25 = join(__dirname, '..', '..', '..', 'data', 'lr-schedules', '25M');
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'logformats');
const tmp = mkdtempSync(join(tmpdir(), 'sl-unfinished-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The first `share` of a bundled run's rows, as a run of its own; `tail` replaces its last losses. */
async function cut(name: string, share: number, as: string, tail: string[] = []): Promise<LoadedRun> {
  const [head, ...rows] = readFileSync(join(D25, `${name}.csv`), 'utf8').trim().split('\n');
  const kept = rows.slice(0, Math.floor(rows.length * share));
  for (let i = 0; i < tail.length; i++) kept[kept.length - tail.length + i] = kept[kept.length - tail.length + i]!.replace(/[^,]+$/, tail[i]!);
  const file = join(tmp, `${as}.csv`);
  writeFileSync(file, [head, ...kept].join('\n') + '\n');
  return (await loadScheduleRuns(file))[0]!;
}

test('a cosine run stopped at 60% of its decay is left out of the prior, with where its LR says it ends', async () => {
  const half = await cut('cosine_24000', 0.6, 'cosine_half');
  const done = await loadScheduleRuns(join(D25, 'cosine_72000.csv'));
  const p = choosePriorRuns([half, ...done]);
  assert.deepEqual(p.names, ['cosine_72000']);
  assert.deepEqual(p.skipped, ['cosine_half: unfinished: its last step, 15.1K, is 63% of the way to step 24K (where its logged LR\'s decay ends, cosine:warmup=2160,total=24000,peak=0.0003,end=0.00003); still running or cut short']);
  assert.equal(p.notes, undefined);
  // the same run, whole, is finished
  assert.equal(unfinishedWhy((await loadScheduleRuns(join(D25, 'cosine_24000.csv')))[0]!), undefined);
});

test('a run whose loss ends NaN 2+ times is left out as diverged; one NaN at the end alone is kept', async () => {
  const diverged = await cut('wsdcon_9', 1, 'wsdcon_nan', ['nan', 'inf', 'nan']);
  const skippedStep = await cut('wsdcon_3', 1, 'wsdcon_one_nan', ['nan']);
  const p = choosePriorRuns([diverged, skippedStep]);
  assert.deepEqual(p.names, ['wsdcon_one_nan']);
  assert.equal(p.skipped.length, 1);
  assert.match(p.skipped[0]!, /^wsdcon_nan: diverged: its loss is NaN or infinite from step 13\.9K to the end \(3 points\)$/);
  assert.throws(() => choosePriorRuns([diverged]), /^.*no finished run to fit a prior on: wsdcon_nan: diverged/);
});

test('a run short of its planned length (HF max_steps) is unfinished, whatever its LR does', async () => {
  const [hf] = await loadScheduleRuns(join(FIXTURES, 'trainer_state.json'));
  assert.equal(unfinishedWhy(hf!), 'unfinished: its last step, 60, is 50% of the way to step 120 (its planned length); still running or cut short');
});

test('a run much shorter than the others, its end unknown (constant LR), is kept in the prior and named; marked in the reference picker', async () => {
  const early = await cut('constant_24000', 0.3, 'constant_early');
  const others = [...(await loadScheduleRuns(join(D25, 'cosine_24000.csv'))), ...(await loadScheduleRuns(join(D25, 'wsd_20000_24000.csv')))];
  const p = choosePriorRuns([early, ...others]);
  assert.deepEqual(p.names, ['constant_early', 'cosine_24000', 'wsd_20000_24000']);
  assert.deepEqual(p.skipped, []);
  assert.deepEqual(p.notes, ['constant_early: much shorter than the others: its last step, 8.58K, is under half theirs (median 23.9K); still running or cut short?']);
  // the reference picker marks it, and a run that stopped short of its decay's end; not the finished ones
  const half = await cut('cosine_24000', 0.6, 'cosine_half');
  const marks = runCaveats([early, half, ...others]);
  assert.deepEqual([...marks.keys()].map((r) => r.name.replace(/^.*[\\/]/, '')).sort(), ['constant_early.csv', 'cosine_half.csv']);
  assert.match(marks.get(half)!, /^unfinished: its last step, 15\.1K, is 63% of the way to step 24K/);
});
