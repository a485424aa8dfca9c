// The schedule-aware forecast's answer to "when does the loss reach X?" (model/forecastReach.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forecastReach, forecastReachText } from '../../../src/extension/model/forecastReach';
import type { ForecastLanded } from '../../../src/extension/model/forecastState';
import type { ForecastInput } from '../../../src/extension/model/forecastInput';

// a cosine run logged to step 20K of 72K whose forecast ends at 2.806: falling to 2.95 by 40K,
// then faster as the LR decays
const curve = Array.from({ length: 53 }, (_, i) => {
  const step = 20_000 + i * 1_000;
  const y = 3.0 - 0.05 * ((step - 20_000) / 20_000) - 0.064 * Math.max(0, (step - 40_000) / 32_000) ** 2;
  return { step, y, lo: y * 0.99, hi: y * 1.01 };
});
const landed = (undetermined = false) => ({ curveId: 'c', outcome: { base: { curve, final: curve[curve.length - 1], ...(undetermined ? { undetermined: true } : {}) } } }) as unknown as ForecastLanded;
const input = { curveId: 'c', xOf: (s: number) => s } as unknown as ForecastInput;
const at = (x: number) => `${Math.round(x / 100) / 10}K steps`;

test('a loss the forecast reaches before the schedule ends: where, with its band', () => {
  const r = forecastReach(landed(), input, 2.95, 20_000)!;
  assert.ok(r.x! > 39_000 && r.x! < 41_000, String(r.x));
  assert.equal(r.end, 72_000);
  const text = forecastReachText(r, 'loss', '95%', at)!;
  assert.match(text, /^loss = 2\.950 at x ≈ \d+(\.\d)?K steps by the schedule-aware forecast, before the schedule ends at 72K steps \(95%: .+ – .+\)$/);
});

test('a loss below where the forecast ends is not reached: the schedule ends first, at its forecast loss', () => {
  const r = forecastReach(landed(), input, 2.7, 20_000)!;
  assert.equal(r.x, undefined);
  assert.equal(forecastReachText(r, 'loss', '95%', at), 'loss = 2.700: not reached by the end of the schedule (x = 72K steps), where the schedule-aware forecast ends at 2.806');
  // one the band's near edge gets to before the end is said so
  assert.match(forecastReachText(forecastReach(landed(), input, 2.8, 20_000)!, 'loss', '95%', at)!, /ends at 2\.806, though the 95% band's near edge gets there at x ≈ 68\.4K steps$/);
});

test('no answer from a forecast that is undetermined, of another curve, or not landed', () => {
  assert.equal(forecastReach(landed(true), input, 2.95, 20_000), undefined);
  assert.equal(forecastReach(landed(), { ...input, curveId: 'other' } as ForecastInput, 2.95, 20_000), undefined);
  assert.equal(forecastReach(undefined, input, 2.95, 20_000), undefined);
});
