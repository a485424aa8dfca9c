// Numbers as the CLI writes them for a human (JSON keeps the numbers as they are). One rule for
// every command: a loss is written as the panel writes it (core/units.ts lossText), and a value
// that is missing or not finite as MISSING, never "NaN" or "null".
import { lossText } from '../core/units';

/** A value there is none of (no interval, no back-test, a NaN). */
export const MISSING = '—';

/** Five significant digits; e-notation outside [1e-3, 1e5). */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return MISSING;
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(4) : Number(v.toPrecision(5)).toString();
}

/** A loss (or a perplexity, bits, an error) as the panel's headline writes it: four significant digits, trailing zeros kept ("3.210", not "3.21"). */
export function fmtLoss(v: number | undefined | null): string {
  return v === undefined || v === null || !Number.isFinite(v) ? MISSING : lossText(v);
}
