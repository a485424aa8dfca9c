// The y range a chart shows: what the data and the fitted curves span, with room for the interval
// bands, but no more than half that span again on each side. A band that reaches 1e-9..1e9 (a
// forecast 250× past the logged span) is clipped at the plot's edge instead of flattening the
// data into a line. And where a log axis starts when Chart.js would start it at 0 (pure).
import type { Marker } from '../src/shared/protocol';
import type { LineDataset } from './chartConfig';

/** Bands reach at most this share of the core span beyond it, each side (log span on log axes). */
const BAND_ROOM = 0.5;
/** The least room left for a band: a tenth of a decade on log axes, 5% of the top on linear ones. */
const MIN_ROOM_DECADES = 0.1;
const MIN_ROOM_SHARE = 0.05;

/** Explicit y bounds when a visible band would stretch the axis past that room; {} otherwise. */
export function yBounds(datasets: readonly LineDataset[], log: boolean): { min?: number; max?: number } {
  const t = (v: number): number => (log ? Math.log10(v) : v);
  const back = (v: number): number => (log ? Math.pow(10, v) : v);
  let coreLo = Infinity;
  let coreHi = -Infinity;
  let bandLo = Infinity;
  let bandHi = -Infinity;
  for (const ds of datasets) {
    if (ds.hidden) continue;
    const band = ds.role === 'band';
    for (const p of ds.data) {
      if (!Number.isFinite(p.y) || (log && !(p.y > 0))) continue;
      const v = t(p.y);
      if (band) {
        if (v < bandLo) bandLo = v;
        if (v > bandHi) bandHi = v;
      } else {
        if (v < coreLo) coreLo = v;
        if (v > coreHi) coreHi = v;
      }
    }
  }
  if (!(coreHi >= coreLo)) return {};
  const room = Math.max(BAND_ROOM * (coreHi - coreLo), log ? MIN_ROOM_DECADES : MIN_ROOM_SHARE * Math.abs(coreHi));
  const out: { min?: number; max?: number } = {};
  if (bandLo < coreLo - room) out.min = back(coreLo - room);
  if (bandHi > coreHi + room) out.max = back(coreHi + room);
  return out;
}

/**
 * Where a log axis must start so Chart.js can draw it: {} unless the smallest drawn value lies a
 * hair under a power of ten (a frontier from 1e21/1e3 starts at 9.999999999999986e17). log10 rounds
 * that up to 18, and Chart.js's log tick generator then floors 0.99999… to a first tick of 0: the
 * axis starts at 0 and the chart is empty. Starting at the power of ten itself is exact to the
 * pixel and gives the generator a first tick it can take.
 */
export function logAxisStart(datasets: readonly LineDataset[], axis: 'x' | 'y'): { min?: number } {
  let lo = Infinity;
  for (const ds of datasets) {
    if (ds.hidden) continue;
    for (const p of ds.data) {
      const v = p[axis];
      if (v > 0 && v < lo) lo = v;
    }
  }
  if (!Number.isFinite(lo)) return {};
  const power = Math.pow(10, Math.floor(Math.log10(lo)));
  return lo < power ? { min: power } : {};
}

/**
 * Where the x axis must start so a target marker before the data's first x is drawn (a target in
 * another unit, or an early step asked of a long run): {} when every target is within what the
 * datasets span. On a log axis it starts at the power of ten under the target (a whole tick, the
 * marker clear of the edge); on a linear one, a twentieth of the gap before it.
 */
export function markerAxisStart(datasets: readonly LineDataset[], markers: readonly Pick<Marker, 'kind' | 'x'>[], log: boolean): { min?: number } {
  let lo = Infinity;
  for (const ds of datasets) {
    if (ds.hidden) continue;
    for (const p of ds.data) if ((!log || p.x > 0) && p.x < lo) lo = p.x;
  }
  let t = Infinity;
  for (const m of markers) if (m.kind === 'target' && m.x !== undefined && Number.isFinite(m.x) && (!log || m.x > 0) && m.x < t) t = m.x;
  if (!Number.isFinite(lo) || !(t < lo)) return {};
  return { min: log ? Math.pow(10, Math.floor(Math.log10(t) - 0.05)) : t - 0.05 * (lo - t) };
}
