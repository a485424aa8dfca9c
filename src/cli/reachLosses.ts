import { UsageError } from './args';
import { plainNumbers } from '../core/targetText';

/** The losses of --reach (fit, predict, watch). */
export function reachLosses(texts: readonly string[]): number[] {
  return texts.map((t) => {
    // "2,5": a decimal comma, as the Predict box reads it
    const v = Number(plainNumbers(t.trim()));
    if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--reach takes a positive loss (e.g. 2.5), got "${t}"`);
    return v;
  });
}
