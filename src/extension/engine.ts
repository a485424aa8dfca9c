// The one seam between the extension and the core / ingest APIs it builds on, so the rest of
// src/extension imports from one place (and the fit worker bundles only what it needs).
import { chinchillaLaw } from '../core/laws/chinchilla';
import type { FitOptions, FitResult, Observations } from '../core/types';

export { analyzeCurve } from '../core/analyze';
export { domainSettings } from '../core/benchmark';
export { CURVE_LAW_IDS, getLaw, listLaws } from '../core/laws/index';
export { optimalAllocation, frontier, type Allocation } from '../core/allocation';
export { PRESETS, type SurfacePreset } from '../core/presets';
export { chinchillaFromParams, type ChinchillaParams } from '../core/laws/chinchilla';
export { readSource } from '../ingest/read';
export { watchSource, type WatchHandle } from '../ingest/watch';

/** Fits the Chinchilla surface L(N, D) = E + A/N^α + B/D^β to a sweep (x = N, x2 = D). */
export function fitSurface(obs: Observations, opts: FitOptions): FitResult {
  return chinchillaLaw.fit(obs, opts);
}
