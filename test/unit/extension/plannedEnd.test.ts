// "Predict at the planned end" puts a target in the field the user can read ("31.4573B", not
// "31457300000" or "3.14573e10"), close enough to the end that taking it leaves no "past the end" caution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTarget, targetLabel, targetNumberText } from '../../../src/core/units';
import { pastPlannedEnd } from '../../../src/extension/model/plannedEnd';
import type { ForecastInput } from '../../../src/extension/model/forecastInput';

// nanoGPT at 1,310,720 tokens a step, planned for 24,000 steps: the end at 31,457,280,000 tokens
const nanoGpt = { plannedSteps: 24000, xOf: (step: number) => step * 1310720 } as unknown as ForecastInput;

test('the planned end as a target is written as an amount with the digits it needs, and taken, is not past the end', () => {
  const past = pastPlannedEnd(nanoGpt, 3.15e11);
  assert.equal(past?.endTarget, '31.4573B');
  const x = parseTarget(past!.endTarget, undefined, 'tokens').value;
  assert.equal(pastPlannedEnd(nanoGpt, x), undefined, 'no caution at the end itself');
  assert.equal(targetLabel(past!.endTarget, x, 'tokens'), '31.5B tokens', 'and the headline names it as the line below does');
});

test('targetNumberText: an amount as the panel writes them ("711K", not "7.11e5"), with the digits asked, read back as x rounded to them', () => {
  assert.equal(targetNumberText(24000, 6), '24K');
  assert.equal(targetNumberText(491520, 6), '491.52K');
  assert.equal(targetNumberText(7.9123e10, 3), '79.1B');
  assert.equal(targetNumberText(7.9e10, 3), '79B');
  assert.equal(targetNumberText(1234.5678, 3), '1.23K');
  assert.equal(targetNumberText(512.345, 3), '512');
  // FLOPs stay in e-notation, as the panel writes them
  assert.equal(targetNumberText(3.14159e23, 3), '3.14e23');
  // a reached x (3 digits) as the target field shows it after a reach query
  assert.equal(targetNumberText(711_234, 3), '711K');
  for (const [x, digits] of [[711_234, 3], [491_520, 6], [3.1457280e10, 6], [7.9123e10, 3], [3.14159e23, 3], [1234.5678, 3]] as const) {
    const back = parseTarget(targetNumberText(x, digits)).value;
    assert.ok(Math.abs(back / Number(x.toPrecision(digits)) - 1) < 1e-12, `${x}: ${back}`);
  }
});

// a run's log with no config: the schedule the user set on the panel is its plan (a cosine to 72,000
// steps), so "loss at 10x" (299K steps) is past its end, said, with the end as the target to take
test('a schedule set on the panel is the planned end when the log and config state none', () => {
  const bare = { xOf: (step: number) => step } as unknown as ForecastInput;
  assert.equal(pastPlannedEnd(bare, 299_000), undefined, 'no plan known: nothing said');
  const past = pastPlannedEnd(bare, 299_000, 72_000);
  assert.match(past?.caution ?? '', /planned to end at step 72K \(the schedule set for it\)/);
  // the Forecast block is pointed at only when it has a forecast to show (not its error or hint)
  assert.doesNotMatch(past?.caution ?? '', /Forecast block/);
  assert.match(pastPlannedEnd(bare, 299_000, 72_000, true)?.caution ?? '', /follow its own schedule \(the Forecast block gives the loss at the end\)$/);
  assert.equal(past?.endTarget, '72K');
  assert.equal(pastPlannedEnd(bare, 72_000, 72_000), undefined, 'at the end itself: no caution');
  // the user's schedule is their word over the length the log records
  const logged = { plannedSteps: 24_000, xOf: (step: number) => step } as unknown as ForecastInput;
  assert.equal(pastPlannedEnd(logged, 50_000, 72_000), undefined);
  assert.match(pastPlannedEnd(logged, 50_000)?.caution ?? '', /24K/);
});
