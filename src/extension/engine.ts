// The one seam between the extension and the core / ingest APIs it builds on, so the rest of
// src/extension imports from one place. The fit worker imports fitEngine.ts instead, to bundle only the core.
export { analyzeCurve } from './fitEngine';
export { domainSettings } from '../core/benchmark';
export { CURVE_LAW_IDS, getLaw, listLaws } from '../core/laws/index';
export { optimalAllocation, frontier, type Allocation } from '../core/allocation';
export { PRESETS, type SurfacePreset } from '../core/presets';
export { type ChinchillaParams } from '../core/laws/chinchilla';
export { readSource } from '../ingest/files/read';
export { watchSource, type WatchHandle } from '../ingest/files/watch';
