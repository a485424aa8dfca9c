import { maxBy } from '../core/arrayStats';

/** Rows as aligned columns: the first padded on the right, the others on the left. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, c) => maxBy(rows, (r) => r[c].length));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}
