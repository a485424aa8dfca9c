// The RNSL benchmark's league tables, over all curves and per domain (protocol.ts).

export interface BenchmarkRow {
  readonly law: string;
  readonly name: string;
  /** Curves this estimator fitted (and was scored on). */
  readonly curves: number;
  readonly meanRmsle: number;
  readonly medianRmsle: number;
  /** Curves on which it had the lowest held-out RMSLE. */
  readonly wins: number;
}

export interface BenchmarkAuto {
  readonly curves: number;
  readonly meanRmsle: number;
  readonly medianRmsle: number;
}

/** The league table of one domain (IC, NMT, …) of a benchmark whose curves name theirs. */
export interface BenchmarkGroup {
  readonly name: string;
  readonly curves: number;
  readonly rows: readonly BenchmarkRow[];
  readonly auto?: BenchmarkAuto;
}

export interface BenchmarkView {
  readonly file: string;
  readonly curves: number;
  /** Over all curves. */
  readonly rows: readonly BenchmarkRow[];
  /** The back-tested `auto` choice scored the same way. */
  readonly auto?: BenchmarkAuto;
  /** Per domain, when the curves come from more than one; else empty. */
  readonly groups: readonly BenchmarkGroup[];
  readonly seconds: number;
  readonly cancelled: boolean;
}
