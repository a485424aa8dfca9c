// The RNSL extrapolation benchmark (Alabdulmohsin et al. 2022): every (Domain, Task, Model) curve
// fitted on its Training == 1 points with each estimator and `auto`, scored by RMSLE on its
// Training == 0 points. Pure: the CLI reads the CSV files and passes the rows in.
import { analyzeCurve } from './analyze';
import { CURVE_LAW_IDS } from './laws/index';

export interface BenchmarkRow {
  readonly domain: string;
  readonly task: string;
  readonly model: string;
  readonly x: number;
  readonly y: number;
  readonly training: boolean;
}

export interface EstimatorSummary {
  /** Mean over the domain's curves that this estimator could fit (see `curves`). */
  readonly meanRmsle: number;
  /** Standard error of that mean. */
  readonly stdErr: number;
  /** Curves where this estimator had the lowest held-out RMSLE among the single estimators (M1–M4, BNSL 0–3, MIX, FLAT, LOGLIN; ties split); for auto, curves where it was at least as good as that best one. */
  readonly wins: number;
  /** Curves it could fit. */
  readonly curves: number;
}

export interface CurveScore {
  readonly domain: string;
  readonly task: string;
  readonly model: string;
  readonly nFit: number;
  readonly nHeldOut: number;
  /** Held-out RMSLE per estimator key (M1 … BNSL-3, MIX, FLAT, LOGLIN, auto); null where the fit failed. */
  readonly rmsle: Record<string, number | null>;
  readonly auto: string | null;
  readonly autoReason: string;
}

export interface BenchmarkReport {
  readonly domains: Record<string, Record<string, EstimatorSummary>>;
  readonly curves: readonly CurveScore[];
  readonly seconds: number;
}

/** Per-domain settings of the reference notebook. */
export function domainSettings(domain: string): { upperBound?: number } {
  return domain === 'IC' || domain === 'BB' ? { upperBound: 1 } : {};
}

/** Every curve law's column (the flat and log-linear laws are auto candidates since issue 11), then auto. */
export const ESTIMATOR_KEYS: readonly string[] = ['M1', 'M2', 'M3', 'M4', 'BNSL-0', 'BNSL-1', 'BNSL-2', 'BNSL-3', 'MIX', 'FLAT', 'LOGLIN', 'auto'];
const keyOf = (lawId: string): string => lawId.toUpperCase();

export function runBenchmark(
  rows: readonly BenchmarkRow[],
  opts: {
    readonly now?: () => number;
    readonly onCurve?: (c: CurveScore) => void;
    readonly filter?: (domain: string) => boolean;
    /** Law ids to fit (default: all curve laws); auto still chooses among its usual candidates. */
    readonly laws?: readonly string[];
  } = {},
): BenchmarkReport {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  const groups = new Map<string, BenchmarkRow[]>();
  for (const r of rows) {
    if (opts.filter && !opts.filter(r.domain)) continue;
    const k = JSON.stringify([r.domain, r.task, r.model]);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  const curves: CurveScore[] = [];
  for (const g of groups.values()) {
    const { domain, task, model } = g[0];
    const a = analyzeCurve(
      g.map((r) => ({ x: r.x, y: r.y })),
      { laws: opts.laws ?? CURVE_LAW_IDS, trainMask: g.map((r) => r.training), ...domainSettings(domain) },
    );
    const rmsle: Record<string, number | null> = {};
    for (const e of a.estimators) {
      const v = e.heldOut?.rmsle;
      rmsle[keyOf(e.law)] = v !== undefined && Number.isFinite(v) ? v : null;
    }
    rmsle.auto = a.auto ? rmsle[keyOf(a.auto.law)] : null;
    const score: CurveScore = {
      domain,
      task,
      model,
      nFit: a.fitPoints.length,
      nHeldOut: a.heldOutPoints.length,
      rmsle,
      auto: a.auto?.law ?? null,
      autoReason: a.auto?.reason ?? 'no choice',
    };
    curves.push(score);
    opts.onCurve?.(score);
  }
  return { domains: summarise(curves), curves, seconds: (now() - t0) / 1000 };
}

function summarise(curves: readonly CurveScore[]): Record<string, Record<string, EstimatorSummary>> {
  const out: Record<string, Record<string, EstimatorSummary>> = {};
  const domains = [...new Set(curves.map((c) => c.domain))];
  const lawKeys = ESTIMATOR_KEYS.filter((k) => k !== 'auto');
  for (const d of domains) {
    const cs = curves.filter((c) => c.domain === d);
    const wins: Record<string, number> = {};
    for (const c of cs) {
      // a law that was not run has no key at all (undefined), one that failed has null
      const vals = lawKeys.map((k) => c.rmsle[k]).filter((v): v is number => typeof v === 'number');
      if (vals.length === 0) continue;
      const best = Math.min(...vals);
      const winners = lawKeys.filter((k) => c.rmsle[k] === best);
      for (const k of winners) wins[k] = (wins[k] ?? 0) + 1 / winners.length;
      // auto "wins" when it is at least as good as the best single estimator (an average may beat them all)
      if (c.rmsle.auto !== null && c.rmsle.auto !== undefined && c.rmsle.auto <= best) wins.auto = (wins.auto ?? 0) + 1;
    }
    out[d] = {};
    for (const k of ESTIMATOR_KEYS) {
      const vals = cs.map((c) => c.rmsle[k]).filter((v): v is number => v !== null && v !== undefined);
      const mean = vals.length ? vals.reduce((s, v) => s + v, 0) / vals.length : NaN;
      const sd = vals.length > 1 ? Math.sqrt(vals.reduce((s, v) => s + (v - mean) ** 2, 0) / (vals.length - 1)) : NaN;
      out[d][k] = { meanRmsle: mean, stdErr: sd / Math.sqrt(vals.length), wins: round(wins[k] ?? 0), curves: vals.length };
    }
  }
  return out;
}

const round = (v: number): number => Math.round(v * 100) / 100;
