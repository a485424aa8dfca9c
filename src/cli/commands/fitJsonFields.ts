// The fields `allocate --from FIT.json` reads from a saved fit (`fit --law chinchilla --json`), each
// checked as it is read: a field that is not what a fit writes is left out, or refused where the
// plan needs it.
import type { SweepSpan } from '../../core/beyondSweep';
import { basename } from 'node:path';
import { UsageError } from '../args';
import { bootstrapMeta } from './surfaceOutput';
import { chinchillaFromParams, type ChinchillaParams } from '../../core/laws/chinchilla';
import { ScalingLensError } from '../../core/types';
import type { SurfaceBackTest } from '../../core/surfaceBackTest';
import { isPlannedLaw, type LawBackTest, type SurfaceLawComparison } from '../../core/surfaceLawComparison';
import type { Params } from '../../core/types';

/** The sweep a fit was made on: its file's name and its largest run's 6·N·D (a budget far past it is said). */
export interface SweepOrigin {
  readonly file: string;
  readonly largestRunFlops: number;
  /** Its smallest run's 6·N·D (a budget far under it is said); absent in a fit's JSON from before it was saved. */
  readonly smallestRunFlops?: number;
  /** Its runs' range of N and of D (a size or token count far outside it is said); absent before it was saved. */
  readonly span?: SweepSpan;
}

export interface SurfaceDraws {
  readonly draws: ChinchillaParams[];
  readonly resamples: number;
  readonly level: number;
}

/** The refits of `fit --law chinchilla --bootstrap K --json` (bootstrap.draws, each [E, A, B, alpha, beta]), if present. */
export function drawsFromJson(text: string): SurfaceDraws | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return drawsOf(parsed);
}

/** The refits in a parsed fit. */
export function drawsOf(parsed: unknown): SurfaceDraws | undefined {
  const b = (parsed as { bootstrap?: { draws?: unknown; resamples?: unknown; level?: unknown } } | null)?.bootstrap;
  if (!b || !Array.isArray(b.draws)) return undefined;
  const draws = b.draws
    .filter((d): d is number[] => Array.isArray(d) && d.length === 5 && d.every((v) => typeof v === 'number' && Number.isFinite(v)))
    .map(([E, A, B, alpha, beta]) => ({ E, A, B, alpha, beta }));
  return { draws, ...bootstrapMeta(b, draws.length) };
}

/** The surface of a parsed `fit --law chinchilla --json` (or a bare {E, A, B, alpha, beta} object). */
export function surfaceOf(parsed: unknown, path: string): ChinchillaParams {
  if (typeof parsed !== 'object' || parsed === null) throw new UsageError(`${path} does not hold a surface`);
  const rec = parsed as Record<string, unknown>;
  if (typeof rec.law === 'string' && rec.law !== 'chinchilla' && rec.law !== 'chinchilla-dc') {
    throw new UsageError(`${path} holds a "${rec.law}" fit; allocate needs a chinchilla surface`);
  }
  const params = (typeof rec.params === 'object' && rec.params !== null ? rec.params : rec) as Record<string, number>;
  try {
    return chinchillaFromParams(params);
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

/** R_D* and R_N* of a parsed `fit --law chinchilla-dc --json`, if that is what it holds. */
export function decayOf(parsed: unknown): { RD: number; RN: number } | undefined {
  const p = (parsed as { params?: Record<string, unknown> } | null)?.params;
  const ok = (v: unknown): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v);
  return p && ok(p.RD) && ok(p.RN) ? { RD: p.RD, RN: p.RN } : undefined;
}

/** The sweep a parsed fit was made on, when it says its largest run (a fit's JSON from before it did says nothing). */
export function sweepOf(parsed: unknown, from: string): SweepOrigin | undefined {
  const fit = parsed as { largestRunFlops?: unknown; smallestRunFlops?: unknown; runsSpan?: unknown; file?: unknown } | null;
  const largest = fit?.largestRunFlops;
  if (typeof largest !== 'number' || !(largest > 0) || !Number.isFinite(largest)) return undefined;
  const smallest = fit?.smallestRunFlops;
  const ok = typeof smallest === 'number' && smallest > 0 && Number.isFinite(smallest);
  const span = spanOf(fit?.runsSpan);
  return { file: basename(typeof fit?.file === 'string' ? fit.file : from), largestRunFlops: largest, ...(ok ? { smallestRunFlops: smallest } : {}), ...(span ? { span } : {}) };
}

/** A fit JSON's `runsSpan`, when it is two positive [lo, hi] ranges. */
function spanOf(v: unknown): SweepSpan | undefined {
  const s = v as { N?: unknown; D?: unknown } | null | undefined;
  const range = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every((x) => typeof x === 'number' && x > 0 && Number.isFinite(x)) && r[0] <= r[1];
  return s && range(s.N) && range(s.D) ? { N: s.N, D: s.D } : undefined;
}

/** A fit JSON's `backTest` (fit --law chinchilla --json), when it is one (backTestFrom). */
export function backTestOf(parsed: unknown): SurfaceBackTest | undefined {
  return backTestFrom((parsed as { backTest?: unknown } | null)?.backTest);
}

/**
 * A fit JSON's `lawBackTests` (fit --law chinchilla --json), when it holds one: each law's back-test
 * as backTestFrom reads it, and a law with a plan and its finite parameters as the one to plan beside
 * or instead of Chinchilla's. A law's back-test that is not one leaves the comparison out.
 */
export function lawBackTestsOf(parsed: unknown): SurfaceLawComparison | undefined {
  const c = (parsed as { lawBackTests?: { backTests?: unknown; better?: Record<string, unknown> } } | null)?.lawBackTests;
  if (typeof c !== 'object' || c === null || !Array.isArray(c.backTests)) return undefined;
  const backTests = c.backTests.map((t: { law?: unknown; backTest?: unknown } | null) => ({ law: t?.law, backTest: backTestFrom(t?.backTest) }));
  if (!backTests.every((t): t is LawBackTest => typeof t.law === 'string' && t.backTest !== undefined)) return undefined;
  const b = c.better;
  const params = b?.params as Record<string, unknown> | undefined;
  const finite = params && Object.values(params).every((v) => typeof v === 'number' && Number.isFinite(v));
  const better = b && typeof b.law === 'string' && isPlannedLaw(b.law) && finite ? { law: b.law, params: params as Params, ...(typeof b.chinchillaNoPlan === 'string' ? { chinchillaNoPlan: b.chinchillaNoPlan } : {}) } : undefined;
  return { backTests, ...(better ? { better } : {}) };
}

/** A back-test as a fit's JSON holds it: a reason, or figures a back-test can give (whole run counts, the held-out runs past the fitted ones, errors ≥ 0). */
function backTestFrom(value: unknown): SurfaceBackTest | undefined {
  const bt = value as Record<string, unknown> | null | undefined;
  if (typeof bt !== 'object' || bt === null) return undefined;
  if (typeof bt.reason === 'string') return { reason: bt.reason };
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  const [fitRuns, fitFlops, heldRuns, heldFlops, meanAbsError, worstError] = (['fitRuns', 'fitFlops', 'heldRuns', 'heldFlops', 'meanAbsError', 'worstError'] as const).map((k) => num(bt[k]));
  const runs = (n: number): boolean => Number.isInteger(n) && n > 0;
  if (!(runs(fitRuns!) && runs(heldRuns!) && fitFlops! > 0 && heldFlops! > fitFlops! && meanAbsError! >= 0 && Math.abs(worstError!) >= meanAbsError!)) return undefined;
  const f = bt.frontier as Record<string, unknown> | undefined;
  const frontier = f && runs(num(f.runs)) && num(f.surface) >= 0 && num(f.baseline) >= 0 ? { frontier: { runs: num(f.runs), surface: num(f.surface), baseline: num(f.baseline) } } : {};
  return { fitRuns: fitRuns!, fitFlops: fitFlops!, heldRuns: heldRuns!, heldFlops: heldFlops!, meanAbsError: meanAbsError!, worstError: worstError!, ...frontier };
}
