// Number formatting shared by the tables (pure).
import { formatNumber } from './chartConfig';

export function fmtParam(v: number): string {
  return formatNumber(v);
}

export function fmtRmsle(v: number | undefined): string {
  return v === undefined ? '—' : v < 1e-4 ? v.toExponential(1) : v.toFixed(4);
}

export function fmtInterval(lo: number | undefined, hi: number | undefined): string {
  return lo === undefined || hi === undefined ? '' : `[${formatNumber(lo)}, ${formatNumber(hi)}]`;
}

export { formatNumber };
