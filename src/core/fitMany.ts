// Fits several curve laws to the same points, sharing work where laws nest: BNSL with n breaks
// is warm-started from the fits with fewer breaks, so one chain serves bnsl-0 … bnsl-n.
import { fitBnslChain } from './laws/bnsl';
import { getLaw } from './laws/index';
import { combineFits, partsOf } from './laws/mix';
import type { FitOptions, FitResult, Observations } from './types';
import { ScalingLensError } from './types';

export type FitOutcome = { readonly fit: FitResult } | { readonly error: string };

const BNSL_ID = /^bnsl-(\d)$/;

export function fitMany(lawIds: readonly string[], obs: Observations, opts: FitOptions = {}): Map<string, FitOutcome> {
  const out = fitManyRaw(lawIds, obs, opts);
  for (const [id, o] of out) if ('fit' in o) out.set(id, finiteOrError(o.fit));
  return out;
}

/**
 * A fit with a non-finite parameter is an error, never "converged": its predictions are NaN or
 * infinite, so it must not be chosen, averaged or printed as a silent "—".
 */
export function finiteOrError(fit: FitResult): FitOutcome {
  const bad = Object.entries(fit.params).filter(([, v]) => !Number.isFinite(v));
  if (bad.length === 0) return { fit };
  return { error: `the fit gave a non-finite parameter (${bad.map(([k, v]) => `${k} = ${v}`).join(', ')})` };
}

function fitManyRaw(lawIds: readonly string[], obs: Observations, opts: FitOptions): Map<string, FitOutcome> {
  // averages (mix, avg(…)) reuse their parts' fits rather than fitting them again; parts fitted
  // only for an average are not reported unless asked for
  const partIds = new Map(lawIds.map((id) => [id, partsOf(getLaw(id))?.map((l) => l.id)] as const));
  if ([...partIds.values()].some((p) => p !== undefined)) {
    const needed = [...new Set(lawIds.flatMap((id) => partIds.get(id) ?? [id]))];
    const inner = fitMany(needed, obs, opts); // parts that are averages themselves recurse (and are checked)
    const out = new Map<string, FitOutcome>();
    for (const id of lawIds) {
      const ids = partIds.get(id);
      if (!ids) {
        out.set(id, inner.get(id)!);
        continue;
      }
      const parts = ids.map((p) => inner.get(p)!);
      const failed = parts.find((o): o is { error: string } => 'error' in o);
      out.set(id, failed ? { error: failed.error } : { fit: combineFits(getLaw(id), parts.map((o) => (o as { fit: FitResult }).fit)) });
    }
    return out;
  }
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
  for (const id of lawIds) {
    if (out.has(id)) continue;
    try {
      out.set(id, { fit: getLaw(id).fit(obs, opts) });
    } catch (e) {
      if (e instanceof ScalingLensError && e.code === 'unknown-law') throw e;
      out.set(id, { error: messageOf(e) });
    }
  }
  return out;
}

export function messageOf(e: unknown): string {
  if (e instanceof ScalingLensError) return e.message;
  // anything else is a bug in a law; report it plainly rather than crash the whole analysis
  return `fit failed: ${e instanceof Error ? e.message : String(e)}`;
}
