import { UsageError } from './args';

/** The losses of --reach (fit, predict, watch). */
export function reachLosses(texts: readonly string[]): number[] {
  return texts.map((t) => {
    const v = Number(t);
    if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--reach takes a positive loss (e.g. 2.5), got "${t}"`);
    return v;
  });
}
