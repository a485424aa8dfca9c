// Fits several curve laws to the same points, sharing work where laws nest: BNSL with n breaks
// is warm-started from the fits with fewer breaks, so one chain serves bnsl-0 … bnsl-n.
import { fitBnslChain } from './laws/bnsl';
import { getLaw } from './laws/index';
import { combineFits, MIX_PARTS } from './laws/mix';
import type { FitOptions, FitResult, Observations } from './types';
import { ScalingLensError } from './types';

export type FitOutcome = { readonly fit: FitResult } | { readonly error: string };

const BNSL_ID = /^bnsl-(\d)$/;

export function fitMany(lawIds: readonly string[], obs: Observations, opts: FitOptions = {}): Map<string, FitOutcome> {
  const out = new Map<string, FitOutcome>();
  const breaks = lawIds.map((id) => BNSL_ID.exec(id)).filter((m) => m !== null).map((m) => Number(m[1]));
  if (breaks.length > 0) {
    const distinct = new Set(obs.x).size;
    // the longest chain the data can support (n breaks need 3 + 3n points)
    const maxBreaks = Math.min(Math.max(...breaks), Math.floor((distinct - 3) / 3));
    let chain: FitResult[] = [];
    let chainError = '';
    if (maxBreaks >= 0) {
      try {
        chain = fitBnslChain(obs, maxBreaks, opts);
      } catch (e) {
        chainError = messageOf(e);
      }
    }
    for (const b of breaks) {
      const fit = chain[b];
      if (fit) out.set(`bnsl-${b}`, { fit });
      else
        out.set(`bnsl-${b}`, {
          error: chainError || `BNSL with ${b} break${b === 1 ? '' : 's'} needs at least ${3 + 3 * b} points with distinct x, got ${distinct}`,
        });
    }
  }
  // mix reuses the M3 and M4 fits rather than fitting them twice
  const wantMix = lawIds.includes('mix');
  const ids = wantMix ? [...new Set([...lawIds.filter((id) => id !== 'mix'), ...MIX_PARTS])] : lawIds;
  for (const id of ids) {
    if (out.has(id)) continue;
    try {
      out.set(id, { fit: getLaw(id).fit(obs, opts) });
    } catch (e) {
      if (e instanceof ScalingLensError && e.code === 'unknown-law') throw e;
      out.set(id, { error: messageOf(e) });
    }
  }
  if (wantMix) {
    const parts = MIX_PARTS.map((id) => out.get(id)!);
    const failed = parts.find((o) => !('fit' in o));
    out.set('mix', failed && 'error' in failed ? { error: failed.error } : { fit: combineFits(parts.map((o) => (o as { fit: FitResult }).fit)) });
    // parts fitted only for the mix are not reported unless asked for
    for (const id of MIX_PARTS) if (!lawIds.includes(id)) out.delete(id);
  }
  return out;
}

export function messageOf(e: unknown): string {
  if (e instanceof ScalingLensError) return e.message;
  // anything else is a bug in a law; report it plainly rather than crash the whole analysis
  return `fit failed: ${e instanceof Error ? e.message : String(e)}`;
}
