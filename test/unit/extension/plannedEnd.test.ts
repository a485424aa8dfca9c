// "Predict at the planned end" puts a target in the field the user can read ("3.14573e10", not
// "31457300000"), close enough to the end that taking it leaves no "past the end" caution.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTarget, targetLabel, targetNumberText } from '../../../src/core/units';
import { pastPlannedEnd } from '../../../src/extension/model/plannedEnd';
import type { ForecastInput } from '../../../src/extension/model/forecastInput';

// nanoGPT at 1,310,720 tokens a step, planned for 24,000 steps: the end at 31,457,280,000 tokens
const nanoGpt = { plannedSteps: 24000, xOf: (step: number) => step * 1310720 } as unknown as ForecastInput;

test('the planned end as a target is written in e-notation with the digits it needs, and taken, is not past the end', () => {
  const past = pastPlannedEnd(nanoGpt, 3.15e11);
  assert.equal(past?.endTarget, '3.14573e10');
  const x = parseTarget(past!.endTarget, undefined, 'tokens').value;
  assert.equal(pastPlannedEnd(nanoGpt, x), undefined, 'no caution at the end itself');
  assert.equal(targetLabel(past!.endTarget, x, 'tokens'), '31.5B tokens', 'and the headline names it as the line below does');
});

test('targetNumberText: plain below 1e5, e-notation above, trailing zeros dropped', () => {
  assert.equal(targetNumberText(24000, 6), '24000');
  assert.equal(targetNumberText(491520, 6), '4.9152e5');
  assert.equal(targetNumberText(7.9123e10, 3), '7.91e10');
  assert.equal(targetNumberText(7.9e10, 3), '7.9e10');
  assert.equal(targetNumberText(1234.5678, 3), '1230');
});

// a run's log with no config: the schedule the user set on the panel is its plan (a cosine to 72,000
// steps), so "loss at 10x" (299K steps) is past its end, said, with the end as the target to take
test('a schedule set on the panel is the planned end when the log and config state none', () => {
  const bare = { xOf: (step: number) => step } as unknown as ForecastInput;
  assert.equal(pastPlannedEnd(bare, 299_000), undefined, 'no plan known: nothing said');
  const past = pastPlannedEnd(bare, 299_000, 72_000);
  assert.match(past?.caution ?? '', /planned to end at step 72K \(the schedule set for it\)/);
  assert.equal(past?.endTarget, '72000');
  assert.equal(pastPlannedEnd(bare, 72_000, 72_000), undefined, 'at the end itself: no caution');
  // the user's schedule is their word over the length the log records
  const logged = { plannedSteps: 24_000, xOf: (step: number) => step } as unknown as ForecastInput;
  assert.equal(pastPlannedEnd(logged, 50_000, 72_000), undefined);
  assert.match(pastPlannedEnd(logged, 50_000)?.caution ?? '', /24K/);
});
