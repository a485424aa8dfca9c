// Are the run-alone forecast's decay rules held out by schedule? The two memories (twoMemory.ts,
// λfast 0.99 + λ 0.9995) were chosen from 24 pairs on each model size, and MEASURED_DECAY (½) was
// stated; but the two sizes share the same 9 schedules, so a schedule family seen at one size is
// seen at the other. Here each family is left out in turn: the pair (and, separately, the
// threshold from ¼, ⅓, ½, 1 with the shipped pair) is chosen by the mean |miss| of the forecasts
// from the other families' cuts at both sizes, then the held-out family's cuts are scored with it,
// beside the shipped pair and one memory (λ 0.999). The cuts and truth are those of
// `npm run bench scheduleDecayOnset` (1–70% of each decay; constant runs have no decay, so no cuts,
// and neither rule ever applies to them). The assumed gain (cuts whose gain is not used) is the
// other size's, as there; `gain held out` also refits it without the held-out family's runs.
// Choosing runs the forecasts without the bootstrap (it moves no middle); scoring runs them with
// the shipped 200 resamples, for the bands.
//   npx tsx bench/scheduleFamilyOut.ts
import { forecastRun, runLr, type ForecastRequest } from '../src/core/schedule/index';
import { decayShares } from '../src/core/schedule/decay';
import { MEASURED_DECAY } from '../src/core/schedule/forecast';
import { MEASURED_LAMBDA, MEASURED_LAMBDA_FAST } from '../src/core/schedule/twoMemory';
import { TRUTH_SHARE } from '../src/core/schedule/ownHistory';
import { medianInPlace } from '../src/core/arrayStats';
import { TRAIN, type Size } from '../test/unit/schedule/lrData';
import { decayCuts, decayWindow } from './decayCuts';
import { decayGainOn, lrScheduleRuns, type ScheduledRun } from './scheduleForecastEval';

export const FAMILIES: Record<string, readonly string[]> = {
  constant: ['constant_24000', 'constant_72000'],
  cosine: ['cosine_24000', 'cosine_72000'],
  wsd: ['wsd_20000_24000', 'wsdld_20000_24000'],
  wsdcon: ['wsdcon_3', 'wsdcon_9', 'wsdcon_18'],
};
const familyOf = (name: string): string => Object.entries(FAMILIES).find(([, ns]) => ns.includes(name))![0];

type Memories = NonNullable<ForecastRequest['memories']>;
const SHIPPED: Memories = [MEASURED_LAMBDA_FAST, MEASURED_LAMBDA];
// the 24 candidates of bench/scheduleLateDecay.ts pairs
const PAIRS: Memories[] = [0.98, 0.985, 0.99, 0.993, 0.995, 0.997].flatMap((f) => [0.998, 0.999, 0.9995, 0.9998].map((s): Memories => [f, s]));
const THRESHOLDS = [0.25, 1 / 3, 0.5, 1];
const memName = (m: Memories): string => (m === 'one' ? 'one 0.999' : `${m[0]}+${m[1]}`);
const thrName = (t: number): string => (Math.abs(t - 1 / 3) < 1e-9 ? '⅓' : String(t));

interface Cut {
  readonly run: ScheduledRun;
  readonly family: string;
  readonly size: Size;
  readonly k: number;
  readonly truth: number;
  /** decay seen / decay ahead at the cut (decay.ts shares). */
  readonly ratio: number;
}

function cutsOf(runs: readonly ScheduledRun[]): Cut[] {
  const out: Cut[] = [];
  for (const run of runs) {
    const [size, name] = run.name.split('/') as [Size, string];
    const w = decayWindow(name);
    if (!w) continue;
    const last = run.steps.at(-1)!;
    const truth = medianInPlace(Float64Array.from(run.loss.filter((_, i) => run.steps[i] >= last * (1 - TRUTH_SHARE))));
    const grid = runLr({ evalSteps: run.steps, schedule: run.schedule }).grid;
    for (const { k } of decayCuts(run.steps, w)) {
      const [seen, ahead] = decayShares(grid, [1, run.steps[k - 1]!, last]);
      out.push({ run, family: familyOf(name), size, k, truth, ratio: seen! / ahead! });
    }
  }
  return out;
}

interface Score {
  readonly miss: number;
  readonly holds: boolean;
  readonly measured: boolean;
}

function score(c: Cut, opts: Pick<ForecastRequest, 'memories' | 'measuredDecay' | 'annealingGain' | 'bootstrap'>): Score {
  const { run, k } = c;
  const fc = forecastRun({ steps: run.steps.slice(0, k), loss: run.loss.slice(0, k), lr: { steps: run.steps.slice(0, k), lr: run.lr.slice(0, k) }, schedule: run.schedule, annealingGain: run.annealingGain, seed: 1, ...opts });
  return { miss: Math.abs(fc.final.y / c.truth - 1), holds: c.truth >= fc.final.lo && c.truth <= fc.final.hi, measured: fc.annealing?.measured === true };
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
const summary = (s: readonly Score[]): string => `${pct(mean(s.map((x) => x.miss)))} (${s.filter((x) => x.holds).length}/${s.length})`;

/** The candidate whose forecasts miss least on average over `cuts` (no bootstrap: the middles only). */
function choose<T>(cuts: readonly Cut[], candidates: readonly T[], opts: (t: T) => Parameters<typeof score>[1]): T {
  let best = candidates[0] as T;
  let bestMiss = Infinity;
  for (const t of candidates) {
    const m = mean(cuts.map((c) => score(c, { ...opts(t), bootstrap: 0 }).miss));
    if (m < bestMiss) [best, bestMiss] = [t, m];
  }
  return best;
}

function main(): void {
  const runs = lrScheduleRuns();
  // as scheduleDecayOnset: a cut with too few losses after the warmup to forecast from is no cut
  const cuts = cutsOf(runs).filter((c) => {
    try {
      return score(c, { bootstrap: 0 }) !== undefined;
    } catch {
      return false;
    }
  });
  const families = Object.keys(FAMILIES);
  const measuredAt = (c: Cut): boolean => score(c, { bootstrap: 0 }).measured;
  console.log(`${cuts.length} cuts (${families.map((f) => `${f} ${cuts.filter((c) => c.family === f).length}`).join(', ')}); ${cuts.filter(measuredAt).length} use their own gain (decay seen ≥ ${MEASURED_DECAY} of the decay ahead)`);

  console.log('\n## the two memories, one family left out: mean |miss| of its cuts (bands holding the final loss)');
  console.log('| family held out | pair chosen on the others | its cuts, chosen pair | shipped pair | one memory 0.999 | its gain-used cuts: chosen / shipped / one |');
  console.log('|---|---|---|---|---|---|');
  const pooled: Record<string, Score[]> = { chosen: [], shipped: [], one: [] };
  for (const fam of families) {
    const held = cuts.filter((c) => c.family === fam);
    if (held.length === 0) {
      console.log(`| ${fam} | — | no decay: no cuts, neither rule applies | | | |`);
      continue;
    }
    const pair = choose(cuts.filter((c) => c.family !== fam), PAIRS, (m) => ({ memories: m }));
    const per = { chosen: held.map((c) => score(c, { memories: pair })), shipped: held.map((c) => score(c, { memories: SHIPPED })), one: held.map((c) => score(c, { memories: 'one' })) };
    for (const k of Object.keys(per) as (keyof typeof per)[]) pooled[k]!.push(...per[k]);
    const used = (s: Score[]) => s.filter((_, i) => per.shipped[i]!.measured);
    console.log(`| ${fam} | ${memName(pair)} | ${summary(per.chosen)} | ${summary(per.shipped)} | ${summary(per.one)} | ${used(per.chosen).length} cuts: ${pct(mean(used(per.chosen).map((x) => x.miss)))} / ${pct(mean(used(per.shipped).map((x) => x.miss)))} / ${pct(mean(used(per.one).map((x) => x.miss)))} |`);
  }
  console.log(`| all, each family's pair chosen without it | | ${summary(pooled.chosen!)} | ${summary(pooled.shipped!)} | ${summary(pooled.one!)} | |`);

  console.log(`\n## the threshold (decay seen / decay ahead before the gain is used; shipped ${MEASURED_DECAY}), shipped pair, one family left out`);
  console.log(`| family held out | threshold chosen on the others | its cuts, chosen | ${THRESHOLDS.map(thrName).join(' | ')} | ${THRESHOLDS.map((t) => `${thrName(t)}, gain held out too`).join(' | ')} |`);
  console.log(`|---|---|---|${THRESHOLDS.map(() => '---|').join('')}${THRESHOLDS.map(() => '---|').join('')}`);
  const pooledThr: Score[] = [];
  const pooledAt = THRESHOLDS.map((): Score[] => []);
  for (const fam of families) {
    const held = cuts.filter((c) => c.family === fam);
    if (held.length === 0) continue;
    const thr = choose(cuts.filter((c) => c.family !== fam), THRESHOLDS, (t) => ({ measuredDecay: t }));
    const at = THRESHOLDS.map((t) => held.map((c) => score(c, { measuredDecay: t })));
    at.forEach((s, i) => pooledAt[i]!.push(...s));
    const chosen = at[THRESHOLDS.indexOf(thr)]!;
    pooledThr.push(...chosen);
    // the assumed gain refitted on the training runs outside the held-out family, each size's from the other size
    const names = TRAIN.filter((n) => familyOf(n) !== fam);
    const gain = new Map<Size, number>((['25M', '100M'] as Size[]).map((s) => [s, decayGainOn(s, names)]));
    const gainOut = THRESHOLDS.map((t) => held.map((c) => score(c, { measuredDecay: t, annealingGain: gain.get(c.size === '25M' ? '100M' : '25M')! })));
    console.log(`| ${fam} | ${thrName(thr)} | ${summary(chosen)} | ${at.map(summary).join(' | ')} | ${gainOut.map(summary).join(' | ')} |`);
  }
  console.log(`| all, each family's threshold chosen without it | | ${summary(pooledThr)} | ${pooledAt.map(summary).join(' | ')} | |`);
  // the cuts a lower threshold moves, paired: how many it brings nearer the final loss
  const shipped = pooledAt[THRESHOLDS.indexOf(MEASURED_DECAY)]!;
  THRESHOLDS.filter((t) => t !== MEASURED_DECAY).forEach((t) => {
    const other = pooledAt[THRESHOLDS.indexOf(t)]!;
    const moved = other.map((s, i) => s.miss - shipped[i]!.miss).filter((d) => d !== 0);
    console.log(`threshold ${thrName(t)} against ${MEASURED_DECAY}: ${moved.length} cuts move, ${moved.filter((d) => d < 0).length} nearer the final loss, mean |miss| change on them ${pct(mean(moved))}`);
  });
}

main();
