// Numbers as the curve commands write them for a human.
import { lossText } from '../core/units';

export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(4) : Number(v.toPrecision(5)).toString();
}

/** A predicted value as the panel's headline writes it: four significant digits, trailing zeros kept ("3.210", not "3.21"). */
export function fmtLoss(v: number | undefined | null): string {
  return v === undefined || v === null ? '—' : lossText(v, fmt);
}
