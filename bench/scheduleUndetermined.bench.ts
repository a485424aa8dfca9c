// How the "not determined yet" mark (core/schedule/forecast.ts UNDETERMINED_BAND: a 95% band of the
// final loss wider than ×2) sorts the run-alone forecasts of the 18 lr-schedules runs, from early
// prefixes on: how many are marked, how far their middles were from the final loss, and how far the
// others were (and how often their band held it). The bound was fixed before this was measured.
//   npm run bench scheduleUndetermined
import { forecastRun } from '../src/core/schedule/index';
import { lrScheduleRuns } from './scheduleForecastEval';

const runs = lrScheduleRuns();
const mean = (a: readonly number[]): string => (a.length ? `${((100 * a.reduce((s, v) => s + v, 0)) / a.length).toFixed(2)}%` : '—');
console.log('run-alone forecasts of the final loss (no prior), 18 lr-schedules runs, their schedules given\n');
console.log('| prefix | forecasts | undetermined: n, mean abs. error of the middle | determined: mean abs. error, band holds the final loss |');
console.log('|---|---|---|---|');
for (const frac of [0.1, 0.2, 0.25, 0.35, 0.5, 0.75]) {
  const undetermined: number[] = [];
  const determined: number[] = [];
  let covered = 0;
  let failed = 0;
  for (const r of runs) {
    const k = Math.max(5, Math.floor(r.steps.length * frac));
    try {
      const fc = forecastRun({ steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: r.schedule, annealingGain: r.annealingGain, bootstrap: 100 });
      const truth = r.loss.at(-1)!;
      const err = Math.abs(fc.final.y / truth - 1);
      if (fc.undetermined) undetermined.push(err);
      else {
        determined.push(err);
        if (truth >= fc.final.lo && truth <= fc.final.hi) covered++;
      }
    } catch {
      failed++;
    }
  }
  console.log(`| ${frac * 100}% | ${runs.length - failed} | ${undetermined.length}, ${mean(undetermined)} | ${mean(determined)}, ${covered} of ${determined.length} |`);
}
