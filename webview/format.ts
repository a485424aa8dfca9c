// Number formatting shared by the tables (pure).
import { formatNumber } from './chartConfig';
import { formatAmount, lossText } from '../src/core/units';

export function fmtParam(v: number): string {
  return formatNumber(v);
}

/** Four decimals, but two significant digits below 1e-3, so small errors (LM curves, ~8e-4) still compare. */
export function fmtRmsle(v: number | undefined): string {
  if (v === undefined) return '—';
  if (v < 1e-5) return v.toExponential(1);
  return v < 1e-3 ? v.toPrecision(2) : v.toFixed(4);
}

/** "[lo, hi]" with each end written by `fmt`; '' when either end is missing. */
const bracketed =
  (fmt: (v: number) => string) =>
  (lo: number | undefined, hi: number | undefined): string =>
    lo === undefined || hi === undefined ? '' : `[${fmt(lo)}, ${fmt(hi)}]`;

export const fmtInterval = bracketed(formatNumber);

export { formatNumber };

/** A count of parameters or tokens as the notification writes it: "13.4B", "[9.8B, 17.1B]". */
export function fmtAmount(v: number): string {
  return formatAmount(v);
}

export const fmtAmountInterval = bracketed(formatAmount);

/** Tokens per parameter: "97.4", and a far one as an amount ("100K", not "100000.0": 100M on 10T tokens). */
export function fmtRatio(v: number): string {
  return Math.abs(v) >= 1e4 ? formatAmount(v) : v.toFixed(1);
}

/** A loss as a headline shows it: four significant digits, trailing zeros kept (3.000, not 3). */
export function fmtLoss(v: number): string {
  return lossText(v, formatNumber);
}

/** A predicted value's interval as the value beside it is written: "[2.840, 2.933]", not "[2.84, 2.933]". */
export const fmtLossInterval = bracketed(fmtLoss);

/** "1 warning", "3 warnings": a count with its noun in the number it needs (regular plurals only). */
export function counted(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}
