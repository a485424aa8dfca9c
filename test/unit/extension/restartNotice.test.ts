// A watched log rewritten by another run loses the points read before from the chart: the live
// line says so for a minute from the read that found it, once per note, the newest note winning.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchedOnce } from '../ingest/helpers';
import { RESTART_SHOWN_MS, RestartNotice } from '../../../src/extension/live/restartNotice';

const replaced = (file: string, points: number) => ({ file, message: `replaced by another run (its first step 1 does not carry on the ${points} points read before): only the new file is shown` });

test('a restart note is said on the live line for a minute, then no more; other warnings never', () => {
  const n = new RestartNotice();
  n.take([{ file: '/runs/a/metrics.csv', message: 'replaced mid-run (rotated or rewritten) and carried on from step 40: the 39 points read before are kept before the new file\'s' }, { file: '/runs/a/metrics.csv', line: 3, message: 'row 3: not a number' }], 0);
  assert.equal(n.text(0), undefined, 'points kept, or a bad row: nothing to say on the live line');
  assert.equal(n.take([replaced('/runs/a/metrics.csv', 119)], 1000), true, 'news: the watch sets its clearing timer');
  assert.match(n.text(1000)!, /^metrics\.csv replaced by another run .*119 points read before/);
  assert.ok(n.text(1000 + RESTART_SHOWN_MS - 1));
  // the same note in every later snapshot is not news: the minute runs from the read that found it
  assert.equal(n.take([replaced('/runs/a/metrics.csv', 119)], 50_000), false);
  assert.equal(n.text(1000 + RESTART_SHOWN_MS), undefined);
  // a second restart is said again
  n.take([replaced('/runs/a/metrics.csv', 119), replaced('/runs/a/metrics.csv', 20)], 90_000);
  assert.match(n.text(90_000)!, /20 points read before/);
});

test("a restart of a log that showed no points (a CSV without a header row) does not count the points read before (walkthrough: 'the 59 points read before' of a watch that said 'no points yet')", () => {
  const n = new RestartNotice();
  n.take([replaced('/runs/a/metrics.csv', 59)], 0, false);
  assert.equal(n.text(0), 'metrics.csv replaced by another run: only the new file is shown');
});

test("a run resumed in the same file from a checkpoint drops the points it had logged past it: the live line says so, as it says a restart (walkthrough: a Keras CSV resumed at epoch 10 lost epochs 11-14 from the chart unsaid)", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-resume-notice-'));
  try {
    const file = join(dir, 'metrics.csv');
    const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${(from + i) * 100},${(2 + 10 * ((from + i) * 100) ** -0.3).toFixed(5)}`).join('\n') + '\n';
    writeFileSync(file, `step,loss\n${rows(1, 14)}`);
    const n = new RestartNotice();
    assert.equal(n.take((await watchedOnce(file))!.warnings, 0, false), false);
    appendFileSync(file, rows(10, 12));
    const warnings = (await watchedOnce(file))!.warnings;
    assert.equal(n.take(warnings, 1000, true), true);
    assert.match(n.text(1000)!, /^metrics\.csv: the run was resumed \(its step went back to step 1000 after step 1400\): the 5 point\(s\)/);
    // a log whose first read holds a resume took no drawn point away: its warning says it, the live line not
    const fresh = new RestartNotice();
    assert.equal(fresh.take(warnings, 0, false), false);
    assert.equal(fresh.text(0), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
