// Is the Forecast block's own-history line informative? On the bundled lr-schedules runs (each
// size with the other size's assumed decay gain, as bench/scheduleForecastEval.ts cuts them), for
// every run × prefix 25/50/75%: the back-test's miss on the prefix's own log (core ownHistory)
// beside the forecast's real miss at the run's end. The "within 2×" bound is a fixed one, not
// tuned on these figures, nor is the share of the decay ahead a rehearsal must cross to count
// (core/schedule/decay's REHEARSED_DECAY). Then the line's cost on a 72k-step per-step log. No pass/fail.
import { forecastRun, scheduleFromSpec } from '../src/core/schedule/index';
import { ownHistory } from '../src/core/schedule/ownHistory';
import { mulberry32 } from '../src/core/random';
import { runForecastJob } from '../src/extension/forecastJob';
import { FORECAST_BOOTSTRAP } from '../src/extension/model/forecastState';
import { lrScheduleRuns } from './scheduleForecastEval';
import { rows, SPECS } from '../test/unit/schedule/lrData';

const pct = (v: number): string => `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)}%`;

/** Ranks with ties averaged. */
function ranks(v: readonly number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const m = (ra.length - 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i]! - m) * (rb[i]! - m);
    saa += (ra[i]! - m) ** 2;
    sbb += (rb[i]! - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

interface Case {
  readonly name: string;
  readonly frac: number;
  readonly own?: number;
  readonly real: number;
  readonly beforeDecay: boolean;
  readonly shorter: boolean;
  readonly why?: string;
}

const cases: Case[] = [];
console.log('run × prefix: own-history miss (the rehearsal\'s reach / the asked one) | real miss at the run\'s end');
for (const run of lrScheduleRuns()) {
  for (const frac of [0.25, 0.5, 0.75]) {
    const k = Math.floor(run.steps.length * frac);
    const req = { steps: run.steps.slice(0, k), loss: run.loss.slice(0, k), lr: { steps: run.steps.slice(0, k), lr: run.lr.slice(0, k) }, schedule: run.schedule, annealingGain: run.annealingGain, bootstrap: 0 };
    const real = forecastRun(req).final.y / run.loss[run.loss.length - 1]! - 1;
    const o = ownHistory(req)!;
    const c: Case = { name: run.name, frac, real, beforeDecay: !!o.beforeDecay, shorter: !!o.shorter, ...(o.missedBy !== undefined ? { own: o.missedBy } : { why: o.why }) };
    cases.push(c);
    const own = o.missedBy !== undefined ? `${pct(o.missedBy)} (${o.reach!.toFixed(2)}×/${o.askedReach.toFixed(2)}×${o.shorter ? ', shorter' : ''}${o.beforeDecay ? `, ${Math.round(100 * (o.decaySeen ?? 0))}% of the decay ahead` : ''})` : `— (${o.why})`;
    console.log(`  ${run.name.padEnd(24)} ${String(100 * frac).padStart(2)}%  ${own.padEnd(44).slice(0, 90)} | ${pct(real)}`);
  }
}

function summary(label: string, cs: readonly Case[]): void {
  const with_ = cs.filter((c) => c.own !== undefined);
  if (with_.length < 3) {
    console.log(`  ${label.padEnd(38)} ${with_.length} of ${cs.length} with a number: too few to rank`);
    return;
  }
  const own = with_.map((c) => Math.abs(c.own!));
  const real = with_.map((c) => Math.abs(c.real));
  const within = with_.filter((c) => Math.abs(c.real) <= 2 * Math.abs(c.own!)).length;
  const sign = with_.filter((c) => Math.sign(c.real) === Math.sign(c.own!)).length;
  const med = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  console.log(`  ${label.padEnd(38)} ${String(with_.length).padStart(2)} of ${String(cs.length).padStart(2)} with a number; Spearman(|own|, |real|) ${spearman(own, real).toFixed(2).padStart(5)}; |real| ≤ 2·|own| in ${within}/${with_.length}; same sign ${sign}/${with_.length}; median |own| ${pct(med(own))}, |real| ${pct(med(real))}`);
}

console.log('\nper size (25M, then 100M: no rule was chosen on either):');
for (const size of ['25M', '100M']) {
  const mine = cases.filter((c) => c.name.startsWith(`${size}/`));
  summary(`${size} all`, mine);
  summary(`${size} < ½ the decay ahead rehearsed`, mine.filter((c) => c.beforeDecay));
  summary(`${size} decay rehearsed or none ahead`, mine.filter((c) => c.own !== undefined && !c.beforeDecay));
}
summary('both sizes', cases);

// the cost per refit of a live log: a per-step 72k-step log (cosine_72000 at 100M interpolated to
// every step, with 1% seeded noise), the panel's forecast job with and without the line
{
  const r = rows('100M', 'cosine_72000');
  const rnd = mulberry32(3);
  const n = r.steps[r.steps.length - 1]!;
  const steps = new Float64Array(n);
  const loss = new Float64Array(n);
  let j = 0;
  for (let s = 1; s <= n; s++) {
    while (j + 1 < r.steps.length && r.steps[j + 1]! < s) j++;
    const a = r.steps[j]!;
    const b = r.steps[Math.min(j + 1, r.steps.length - 1)]!;
    const f = b > a ? Math.min(1, Math.max(0, (s - a) / (b - a))) : 0;
    steps[s - 1] = s;
    loss[s - 1] = (r.loss[j]! + f * (r.loss[Math.min(j + 1, r.loss.length - 1)]! - r.loss[j]!)) * (1 + 0.01 * (rnd() - 0.5));
  }
  for (const frac of [0.25, 0.5, 0.75]) {
    const k = Math.floor(n * frac);
    const data = { steps: steps.subarray(0, k), loss: loss.subarray(0, k) };
    const o = { spec: SPECS['cosine_72000'], bootstrap: FORECAST_BOOTSTRAP, seed: 1 };
    const time = (f: () => unknown): number => {
      f();
      const t0 = performance.now();
      for (let i = 0; i < 3; i++) f();
      return (performance.now() - t0) / 3;
    };
    const schedule = scheduleFromSpec(o.spec);
    const withLine = time(() => runForecastJob(data, o));
    const line = time(() => ownHistory({ ...data, schedule }));
    console.log(`${frac === 0.25 ? '\n' : ''}cost on a per-step log to step ${k} of 72,000: the forecast job ${withLine.toFixed(0)} ms (${FORECAST_BOOTSTRAP}-resample band), of which the own-history line ${line.toFixed(0)} ms (${((100 * line) / withLine).toFixed(0)}%)`);
  }
}

