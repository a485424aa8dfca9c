// Compare Estimators' view (pure): each law's back-test error against the extrapolation factor it
// was asked for — fitted on x ≤ xmax / r, scored on the rest — as chart series and table rows. The
// evidence behind auto's choice: auto weighs the short rehearsals (r = 1.5, 2, 3) most.
import type { Law } from '../../core/types';
import type { BacktestRow, BacktestView, ChartSeries } from '../../shared/protocol';
import type { LawBacktestResult } from '../fitEngine';
import { sameFitAs } from '../../core/sameFit';

/** How far each rehearsal extrapolates: r = 1.25 (the last fifth of the log-x… span) to 10×. */
export const BACKTEST_FACTORS: readonly number[] = [1.25, 1.5, 2, 3, 5, 10];

export interface BacktestViewInput {
  readonly curve: string;
  readonly factors: readonly number[];
  readonly results: readonly LawBacktestResult[];
  readonly lawOf: (id: string) => Law | undefined;
  /** Palette slot per law, as in the main chart and the comparison table. */
  readonly colorOf: (law: string) => number;
  readonly auto?: { readonly law: string; readonly reason: string };
  /** Laws fitted for comparison that auto does not choose among. */
  readonly notAutoCandidates?: readonly string[];
  /** The weights auto gave the cuts r = 1.5, 2, 3 on this curve. */
  readonly cutWeights?: readonly number[];
}

export function buildBacktestView(input: BacktestViewInput): BacktestView {
  const { keep, notes } = shownFactors(input.factors, input.results);
  const factors = keep.map((k) => input.factors[k]!);
  const named = (law: string): string => input.lawOf(law)?.name ?? law;
  const errorsOf = input.results.map((r) => keep.map((k) => errorOf(r.perCut[k])));
  const twins = sameFitAs(errorsOf);
  const rows: BacktestRow[] = input.results.map((r, i) => {
    const errors = errorsOf[i]!;
    const twin = twins[i] === undefined ? undefined : input.results[twins[i]!];
    return {
      law: r.law,
      name: named(r.law),
      color: input.colorOf(r.law),
      errors,
      nFit: keep.map((k) => r.perCut[k]?.nFit ?? 0),
      ...(input.auto && input.notAutoCandidates?.includes(r.law) ? { notAutoCandidate: true } : {}),
      ...(twin ? { sameAs: named(twin.law) } : {}),
    };
  });
  const series: ChartSeries[] = rows
    .map((row): ChartSeries => {
      const isAuto = row.law === input.auto?.law;
      return {
        id: `backtest|${row.law}`,
        label: isAuto ? `auto: ${row.name}` : row.name,
        role: 'backtest',
        group: `backtest|${row.law}`,
        curve: input.curve,
        estimator: row.law,
        color: row.color,
        // log axes: an error of exactly 0 cannot be drawn (it stays in the table)
        points: row.errors.flatMap((e, i) => (e !== null && e > 0 ? [{ x: factors[i]!, y: e }] : [])),
      };
    })
    .filter((s) => s.points.length > 0);
  return {
    curve: input.curve,
    factors,
    rows,
    ...(notes.length > 0 ? { notes } : {}),
    chart: {
      id: `backtest|${input.curve}`,
      title: `Back-test of ${input.curve}: error after extrapolating by r`,
      xLabel: 'extrapolation factor r (fitted on x ≤ x_max / r)',
      yLabel: 'RMSLE past the cut',
      xLog: true,
      yLog: true,
      series,
      markers: [],
    },
    ...(input.auto ? { auto: `${input.auto.law}: ${input.auto.reason}` } : {}),
    ...(input.cutWeights ? { cutWeights: weightsText(input.cutWeights) } : {}),
  };
}

const errorOf = (c: LawBacktestResult['perCut'][number]): number | null => (c && Number.isFinite(c.rmsle) ? c.rmsle : null);

/**
 * The factors given a column, and why the others are not. A short curve (a sparse sweep's few
 * runs) leaves the far cuts too few points for any law, and two cuts with no point between them
 * refit every law on the same prefix: such columns only repeat "—" or their neighbour's figures.
 */
function shownFactors(factors: readonly number[], results: readonly LawBacktestResult[]): { keep: number[]; notes: string[] } {
  const keep: number[] = [];
  const empty: number[] = [];
  const repeats: string[] = [];
  factors.forEach((f, k) => {
    if (results.every((r) => errorOf(r.perCut[k]) === null)) return void empty.push(f);
    const prev = keep[keep.length - 1];
    const samePrefix = prev !== undefined && results.every((r) => (r.perCut[k]?.nFit ?? 0) === (r.perCut[prev]?.nFit ?? 0) && errorOf(r.perCut[k]) === errorOf(r.perCut[prev]));
    if (samePrefix) return void repeats.push(`×${f} cuts where ×${factors[prev]!} does (no point between), so its column would repeat that one`);
    keep.push(k);
  });
  const notes = [...repeats];
  if (empty.length > 0) notes.push(`${empty.map((f) => `×${f}`).join(', ')} left out: before ${empty.length === 1 ? 'that cut' : 'those cuts'} too few points are left for any law to be fitted`);
  return { keep, notes };
}

/** "3 : 1 : 0.5", or "evenly" when every cut counts alike. */
function weightsText(weights: readonly number[]): string {
  return weights.every((w) => w === weights[0]) ? 'evenly' : weights.join(' : ');
}
