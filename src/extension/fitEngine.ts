// The core entry points the fit worker runs, kept apart from engine.ts so the worker bundle holds
// the core alone, not the log readers (and their SQLite engine) that engine.ts also re-exports.
import { chinchillaLaw } from '../core/laws/chinchilla';
import type { FitOptions, FitResult, Observations } from '../core/types';

export { analyzeCurve } from '../core/analyze';

/** Fits the Chinchilla surface L(N, D) = E + A/N^α + B/D^β to a sweep (x = N, x2 = D). */
export function fitSurface(obs: Observations, opts: FitOptions): FitResult {
  return chinchillaLaw.fit(obs, opts);
}
