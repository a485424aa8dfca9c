// The one seam between the extension and the core / ingest APIs it builds on, so the rest of
// src/extension imports from one place. The fit worker imports fitEngine.ts instead, to bundle only the core.
export { analyzeCurve, fitSurface } from './fitEngine';
export { domainSettings } from '../core/benchmark';
export { CURVE_LAW_IDS, getLaw, listLaws } from '../core/laws/index';
export { optimalAllocation, frontier, type Allocation } from '../core/allocation';
export { PLAN_RESAMPLES, allocationIntervals, bootstrapChinchilla } from '../core/surfaceBootstrap';
export { bootstrapFailure } from '../core/calibrate';
export { PRESETS, type SurfacePreset } from '../core/presets';
export { chinchillaFromParams, type ChinchillaParams } from '../core/laws/chinchilla';
export { readSource } from '../ingest/files/read';
export { watchSource, type WatchHandle } from '../ingest/files/watch';
