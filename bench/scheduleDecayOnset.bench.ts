// The run-alone forecast (no prior, as the CLI runs it) cut just after a
// decay starts: each lr-schedules run whose schedule decays, its log cut at 1–70% of the decay's
// length (cosine: warmup to end; two-stage: the switch to the end; WSD: the decay), scored on the
// final loss (the median of the last 1% of the full log's steps, as the own-history line's truth).
// Per cut: the decay seen (core/schedule/decay.ts, a share of a full decay's S2), the error, the
// gain of a full decay fitted on the cut and whether the forecast used it (else ANNEAL_GAIN), and
// whether the 95% band held the truth. The assumed gain is the other size's (leave-one-size-out, as
// bench/realCurvesSchedule.ts): the shipped one was measured on these runs.
//   npm run bench scheduleDecayOnset
import { forecastRun, runLr } from '../src/core/schedule/index';
import { decayShares } from '../src/core/schedule/decay';
import { TRUTH_SHARE } from '../src/core/schedule/ownHistory';
import { medianInPlace } from '../src/core/arrayStats';
import { decayCuts, decayWindow } from './decayCuts';
import { lrScheduleRuns } from './scheduleForecastEval';

const pct = (v: number, d = 1): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(d)}%`;
console.log('| run | cut | step | decay seen | error | gain fitted ± sd | used | band holds |');
console.log('|---|---|---|---|---|---|---|---|');
const errs: number[] = [];
let held = 0;
let total = 0;
for (const r of lrScheduleRuns()) {
  {
    const name = r.name.split('/')[1]!;
    const w = decayWindow(name);
    if (!w) continue;
    const last = r.steps.at(-1)!;
    const truth = medianInPlace(Float64Array.from(r.loss.filter((_, i) => r.steps[i] >= last * (1 - TRUTH_SHARE))));
    const sch = r.schedule;
    const grid = runLr({ evalSteps: r.steps, schedule: sch }).grid;
    for (const { f, k } of decayCuts(r.steps, w)) {
      const cut = r.steps[k - 1]!;
      const seen = decayShares(grid, [1, cut])[0]!;
      let fc;
      try {
        fc = forecastRun({ steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: sch, annealingGain: r.annealingGain, seed: 1 });
      } catch (e) {
        console.log(`| ${r.name} | ${Math.round(100 * f)}% | ${cut} | ${(100 * seen).toFixed(1)}% | no forecast: ${(e as Error).message} | | | |`);
        continue;
      }
      const err = fc.final.y / truth - 1;
      const holds = truth >= fc.final.lo && truth <= fc.final.hi;
      errs.push(Math.abs(err));
      total++;
      if (holds) held++;
      const a = fc.annealing;
      console.log(`| ${r.name} | ${Math.round(100 * f)}% | ${cut} | ${(100 * seen).toFixed(1)}% | ${pct(err, 2)} | ${a ? `${pct(a.gain)} ± ${(100 * a.sd).toFixed(1)}%` : '—'} | ${a?.measured ? 'fitted' : 'assumed'} | ${holds ? 'yes' : 'NO'} |`);
    }
  }
}
const sorted = [...errs].sort((a, b) => a - b);
console.log(`\n${total} cuts: mean |error| ${(100 * errs.reduce((s, v) => s + v, 0) / total).toFixed(2)}%, median ${(100 * sorted[Math.floor(total / 2)]!).toFixed(2)}%, worst ${(100 * sorted.at(-1)!).toFixed(2)}%; the band held the final loss in ${held} of ${total}`);
