// Compare Estimators: each law's back-test error against how far it extrapolated (protocol.ts).
import type { ChartView } from './chartView';

/** One law's back-test: its error after fitting on x ≤ xmax / factor, for each factor. */
export interface BacktestRow {
  readonly law: string;
  readonly name: string;
  readonly color: number;
  /** RMSLE on the points past the cut, per factor; null where the prefix was too short or the fit failed. */
  readonly errors: readonly (number | null)[];
  /** Points the prefix held, per factor (0 where it could not be fitted). */
  readonly nFit: readonly number[];
  /** Fitted for comparison; auto does not choose among it (M1, BNSL-0/2/3), as the panel table marks. */
  readonly notAutoCandidate?: boolean;
  /** An earlier row's law whose errors this one's equal at every cut both took: on this curve the two collapse to one fit. */
  readonly sameAs?: string;
}

/** Compare Estimators: each law fitted on prefixes, its error against how far it extrapolated. */
export interface BacktestView {
  readonly curve: string;
  /** Extrapolation factors r: fit on x ≤ xmax / r, score on the rest. */
  readonly factors: readonly number[];
  readonly rows: readonly BacktestRow[];
  readonly chart: ChartView;
  /** What auto chose for this curve and why (from the analysis). */
  readonly auto?: string;
  /** How auto weighs the cuts r = 1.5, 2, 3 for this curve ("3 : 1 : 0.5", or "evenly"). */
  readonly cutWeights?: string;
  /** Factors given no column, and why (too few points before the cut; the same cut as the one before). */
  readonly notes?: readonly string[];
}
