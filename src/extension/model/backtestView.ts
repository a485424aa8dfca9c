// Compare Estimators' view (pure): each law's back-test error against the extrapolation factor it
// was asked for — fitted on x ≤ xmax / r, scored on the rest — as chart series and table rows. The
// evidence behind auto's choice: auto weighs the short rehearsals (r = 1.5, 2, 3) most.
import type { Law } from '../../core/types';
import type { BacktestRow, BacktestView, ChartSeries } from '../../shared/protocol';
import type { LawBacktestResult } from '../fitEngine';

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
  const rows: BacktestRow[] = input.results.map((r) => ({
    law: r.law,
    name: input.lawOf(r.law)?.name ?? r.law,
    color: input.colorOf(r.law),
    errors: r.perCut.map((c) => (c && Number.isFinite(c.rmsle) ? c.rmsle : null)),
    nFit: r.perCut.map((c) => c?.nFit ?? 0),
    ...(input.auto && input.notAutoCandidates?.includes(r.law) ? { notAutoCandidate: true } : {}),
  }));
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
        points: row.errors.flatMap((e, i) => (e !== null && e > 0 ? [{ x: input.factors[i]!, y: e }] : [])),
      };
    })
    .filter((s) => s.points.length > 0);
  return {
    curve: input.curve,
    factors: [...input.factors],
    rows,
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

/** "3 : 1 : 0.5", or "evenly" when every cut counts alike. */
function weightsText(weights: readonly number[]): string {
  return weights.every((w) => w === weights[0]) ? 'evenly' : weights.join(' : ');
}
