// The schedule-aware forecast from a sparse validation series (bench/sparseEvalSeries.ts: the loss
// every 250 / 500 / 1000 steps with 0 or 0.2–0.8% eval noise), beside the forecast from the
// per-step log (every 128 steps) at the same cut and the two naive baselines (the last eval held
// flat; E + A·step^−a fitted on the same evals, the forecast's own power law). Each lr-schedules run
// whose schedule decays (both sizes), cut at 1–70% of its decay (bench/decayCuts.ts), run alone (no
// prior), the assumed gain the other size's, as `npm run bench scheduleDecayOnset`. Scored on the
// curve's final loss (the median of the logged loss over the last 1% of the steps): the band is
// for the curve, not for one eval ([What the band covers](../docs/forecast.md)), so a last eval is
// also counted beside it. ~1,100 forecasts with their 200-resample bands: a few minutes, so not in
// `npm run bench`.
// --walkthrough: the case a walkthrough met (the 25M WSD run's val loss every 250 steps, 0.5% noise,
// to 21,250, beside the per-step log to 21,344; the shipped typical gain, as the panel). --family-out: MIN_DECAY_LOSSES chosen from 1, 2,
// 3, 5, 8 with each schedule family left out (as bench/scheduleFamilyOut.ts), on the cuts whose
// gain is measured at 1 (the only ones it moves), the per-step cuts too.
//   npx tsx bench/scheduleSparseVal.ts [--detail | --walkthrough | --family-out]
import { forecastRun, type ForecastRequest } from '../src/core/schedule/index';
import { ANNEAL_GAIN, MIN_DECAY_LOSSES } from '../src/core/schedule/forecast';
import { TRUTH_SHARE } from '../src/core/schedule/ownHistory';
import { medianInPlace } from '../src/core/arrayStats';
import { DECAY_FRACTIONS, decayWindow } from './decayCuts';
import { evalSeries } from './sparseEvalSeries';
import { lrScheduleRuns, type ScheduledRun } from './scheduleForecastEval';

export const SPACINGS = [250, 500, 1000];
/** Eval noise (log sd): none (sparse alone), then the low, middle and high end of bench/evalLogRuns.ts's 0.2–0.8%. */
export const NOISES = [0, 0.002, 0.005, 0.008];

export interface SparseCut {
  readonly run: ScheduledRun;
  readonly size: string;
  readonly family: string;
  /** Share of the decay's length the cut is at. */
  readonly f: number;
  readonly step: number;
  readonly truth: number;
}

export interface Scored {
  readonly miss: number;
  readonly holds: boolean;
  /** The band held the run's last eval (one noisy value), not the curve's end. */
  readonly holdsLastEval: boolean;
  readonly measured: boolean;
  readonly twoMemories: boolean;
  readonly lastValue: number;
  readonly powerLaw: number;
  readonly final: { y: number; lo: number; hi: number };
}

const familyOf = (name: string): string => (name.startsWith('cosine') ? 'cosine' : name.startsWith('wsdcon') ? 'wsdcon' : name.startsWith('wsd') ? 'wsd' : 'constant');

/** Every decaying run cut at each share of its decay (constant runs have none). */
export function sparseCuts(): SparseCut[] {
  const out: SparseCut[] = [];
  for (const run of lrScheduleRuns()) {
    const [size, name] = run.name.split('/') as [string, string];
    const w = decayWindow(name);
    if (!w) continue;
    const last = run.steps.at(-1)!;
    const truth = medianInPlace(Float64Array.from(run.loss.filter((_, i) => run.steps[i]! >= last * (1 - TRUTH_SHARE))));
    for (const f of DECAY_FRACTIONS) out.push({ run, size, family: familyOf(name), f, step: Math.floor(w.start + f * w.length), truth });
  }
  return out;
}

/** The eval series of a run: seeded by run, spacing and noise, the same for each of its cuts (a watch sees one series grow). */
export function seriesOf(c: SparseCut, every: number, sd: number): { steps: number[]; loss: number[] } {
  const seed = 1 + every + Math.round(sd * 1e4) * 7919 + [...c.run.name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 0);
  return evalSeries(c.run, every, sd, seed);
}

type Options = Pick<ForecastRequest, 'bootstrap' | 'memories' | 'measuredDecay' | 'annealingGain' | 'decayLosses'>;

/** The forecast from the losses logged to the cut (`series`, or the per-step log); undefined when too few to forecast from. */
export function scoreCut(c: SparseCut, series: { steps: readonly number[]; loss: readonly number[] } | undefined, opts: Options = {}): Scored | undefined {
  const src = series ?? c.run;
  const k = src.steps.findIndex((s) => s > c.step);
  const n = k < 0 ? src.steps.length : k;
  const lrK = c.run.steps.findIndex((s) => s > c.step);
  const lrN = lrK < 0 ? c.run.steps.length : lrK;
  let fc;
  try {
    fc = forecastRun({ steps: src.steps.slice(0, n), loss: src.loss.slice(0, n), lr: { steps: c.run.steps.slice(0, lrN), lr: c.run.lr.slice(0, lrN) }, schedule: c.run.schedule, annealingGain: c.run.annealingGain, seed: 1, ...opts });
  } catch {
    return undefined;
  }
  const lastEval = src.loss.at(-1)!;
  return {
    miss: fc.final.y / c.truth - 1,
    holds: c.truth >= fc.final.lo && c.truth <= fc.final.hi,
    holdsLastEval: lastEval >= fc.final.lo && lastEval <= fc.final.hi,
    measured: fc.annealing?.measured === true,
    twoMemories: fc.params.lambdaFast !== undefined,
    lastValue: src.loss[n - 1]! / c.truth - 1,
    powerLaw: fc.powerLaw.final.y / c.truth - 1,
    final: fc.final,
  };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const pct = (v: number, d = 2): string => `${(100 * v).toFixed(d)}%`;

export function summary(s: readonly Scored[]): string {
  return `${pct(mean(s.map((x) => Math.abs(x.miss))))} (${s.filter((x) => x.holds).length}/${s.length})`;
}

function main(): void {
  const detail = process.argv.includes('--detail');
  const cuts = sparseCuts();
  const perStep = new Map(cuts.map((c) => [c, scoreCut(c, undefined)]));
  console.log('Mean |miss| of the final loss (bands holding the curve\'s end); the per-step forecast, last value and power law on the cuts the sparse series could forecast');
  console.log('| every | eval noise | cuts | forecast from the evals | its gain measured: cuts, mean |miss| (bands) | band holds the last eval | per-step forecast | last eval held | E + A·step^−a | misses > 1% outside the band |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const all: Scored[] = [];
  for (const every of SPACINGS) {
    for (const sd of NOISES) {
      const rows: { c: SparseCut; s: Scored; p: Scored }[] = [];
      for (const c of cuts) {
        const s = scoreCut(c, seriesOf(c, every, sd));
        const p = perStep.get(c);
        if (s && p) rows.push({ c, s, p });
      }
      const s = rows.map((r) => r.s);
      all.push(...s);
      const measured = s.filter((x) => x.measured);
      const bad = rows.filter((r) => !r.s.holds && Math.abs(r.s.miss) > 0.01);
      console.log(`| ${every} | ${pct(sd, 1)} | ${rows.length} | ${summary(s)} | ${measured.length}: ${measured.length ? summary(measured) : '—'} | ${s.filter((x) => x.holdsLastEval).length}/${s.length} | ${summary(rows.map((r) => r.p))} | ${pct(mean(s.map((x) => Math.abs(x.lastValue))))} | ${pct(mean(s.map((x) => Math.abs(x.powerLaw))))} | ${bad.length} |`);
      if (detail) for (const r of bad) console.log(`|  | ${r.c.run.name} ${Math.round(100 * r.c.f)}% of its decay (step ${r.c.step}) | | ${pct(r.s.miss)} [${r.s.final.lo.toFixed(3)}, ${r.s.final.hi.toFixed(3)}] for ${r.c.truth.toFixed(4)} | ${r.s.measured ? (r.s.twoMemories ? 'measured, two memories' : 'measured, one memory') : 'assumed'} | | per-step ${pct(r.p.miss)} | | | |`);
    }
  }
  console.log(`\nall ${all.length}: ${summary(all)}; measured ${summary(all.filter((x) => x.measured))}, of them one memory ${summary(all.filter((x) => x.measured && !x.twoMemories))}`);
}

/** The walkthrough's case: the forecast from the val series and from the per-step log at 21.3K, the curve's end, the val's last eval. */
function walkthrough(): void {
  const c = sparseCuts().find((x) => x.run.name === '25M/wsd_20000_24000')!;
  const show = (what: string, s: Scored | undefined): void => {
    if (!s) return;
    console.log(`${what}: ${s.final.y.toFixed(3)} [${s.final.lo.toFixed(3)}, ${s.final.hi.toFixed(3)}], ${pct(s.miss)} of the curve's end ${c.truth.toFixed(4)} (${s.holds ? 'in' : 'OUTSIDE'} the band); gain ${s.measured ? 'measured' : 'assumed'}`);
  };
  const val = evalSeries(c.run, 250, 0.005, 16);
  // as the panel forecasts it: the shipped typical gain, not the other size's
  const shipped = { annealingGain: ANNEAL_GAIN };
  show('val loss every 250 steps (0.5% noise) to 21,250', scoreCut({ ...c, step: 21300 }, val, shipped));
  show('per-step log (every 128 steps) to 21,344', scoreCut({ ...c, step: 21344 }, undefined, shipped));
  show('per-step log to 21,216', scoreCut({ ...c, step: 21300 }, undefined, shipped));
  console.log(`the val series' last eval (step ${val.steps.at(-1)}): ${val.loss.at(-1)!.toFixed(4)}, ${pct(val.loss.at(-1)! / c.truth - 1)} off the curve's end`);
}

/** MIN_DECAY_LOSSES chosen with each schedule family left out: the held-out cuts scored with the choice made on the others. */
function familyOut(): void {
  const CANDIDATES = [1, 2, 3, 5, 8];
  const cuts = sparseCuts();
  const cases: { c: SparseCut; series?: { steps: number[]; loss: number[] } }[] = cuts.map((c) => ({ c }));
  for (const every of SPACINGS) for (const sd of NOISES) for (const c of cuts) cases.push({ c, series: seriesOf(c, every, sd) });
  const moved = cases.filter((x) => scoreCut(x.c, x.series, { bootstrap: 0, decayLosses: 1 })?.measured);
  const miss = (xs: typeof moved, k: number): number => mean(xs.map((x) => Math.abs(scoreCut(x.c, x.series, { bootstrap: 0, decayLosses: k })!.miss)));
  console.log(`${moved.length} cuts whose gain is measured at 1 (${moved.filter((x) => !x.series).length} per-step); shipped ${MIN_DECAY_LOSSES}`);
  console.log('| family held out | chosen on the others | its cuts, chosen | shipped | 1 (no rule) |');
  console.log('|---|---|---|---|---|');
  const pooled: Record<string, Scored[]> = { chosen: [], shipped: [], none: [] };
  for (const fam of ['cosine', 'wsd', 'wsdcon']) {
    const others = moved.filter((x) => x.c.family !== fam);
    const k = CANDIDATES.reduce((best, cand) => (miss(others, cand) < miss(others, best) ? cand : best));
    const held = moved.filter((x) => x.c.family === fam);
    const at = (kk: number): Scored[] => held.map((x) => scoreCut(x.c, x.series, { decayLosses: kk })!);
    const row = { chosen: at(k), shipped: at(MIN_DECAY_LOSSES), none: at(1) };
    for (const key of Object.keys(row) as (keyof typeof row)[]) pooled[key]!.push(...row[key]);
    console.log(`| ${fam} | ${k} | ${summary(row.chosen)} | ${summary(row.shipped)} | ${summary(row.none)} |`);
  }
  console.log(`| all | | ${summary(pooled.chosen!)} | ${summary(pooled.shipped!)} | ${summary(pooled.none!)} |`);
}

if (process.argv[1]?.endsWith('scheduleSparseVal.ts')) {
  if (process.argv.includes('--walkthrough')) walkthrough();
  else if (process.argv.includes('--family-out')) familyOut();
  else main();
}
