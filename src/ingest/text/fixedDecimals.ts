// A table written with a fixed number format (f"{loss:.5f}", np.savetxt's "%.6f") gives every row's
// last cell the same count of decimals. A last row without its line end whose last cell has fewer
// ("4100,2.1" of "4100,2.1034") was cut mid-number by a writer still at work, or by a copy
// stopped short: read, it is a point far off the curve at the very end, where it moves the
// extrapolation most. A writer that prints shortest reprs (2.5, 2.4871) varies its decimals and
// is never judged. Judged at the end
// only, on the rows of the last block read: no cost per row on a big table.

/** Rows before the last that must agree on their decimals for the format to count as fixed. */
const ROWS = 5;

const ZERO = 48;
const NINE = 57;
const POINT = 46;
const NL = 10;
const CR = 13;

/** Digits after the decimal point of `text`: 0 for an integer, -1 for anything else (an exponent,
 *  a word, a decimal comma). */
export function decimalsOf(text: string): number {
  let k = text.length - 1;
  while (k >= 0 && text.charCodeAt(k) >= ZERO && text.charCodeAt(k) <= NINE) k--;
  if (k < 0) return 0;
  return text.charCodeAt(k) === POINT ? text.length - 1 - k : -1;
}

/** As decimalsOf, on the bytes [start, end). */
function decimalsOfBytes(bytes: Uint8Array, start: number, end: number): number {
  let k = end - 1;
  while (k >= start && bytes[k]! >= ZERO && bytes[k]! <= NINE) k--;
  if (k < start) return 0;
  return bytes[k] === POINT ? end - 1 - k : -1;
}

/** The decimals the last cells of the last ROWS non-blank rows of `block` (whole lines) all have;
 *  -1 when they differ or there are fewer rows. Blank last cells (a sparse column) are passed over. */
export function fixedDecimalsOf(block: Uint8Array, delimiter: number): number {
  let seen = 0;
  let decimals = -1;
  let end = block.length;
  while (end > 0 && seen < ROWS) {
    if (block[end - 1] === NL) end--;
    let start = block.lastIndexOf(NL, end - 1) + 1;
    let lineEnd = end;
    if (lineEnd > start && block[lineEnd - 1] === CR) lineEnd--;
    const cell = block.lastIndexOf(delimiter, lineEnd - 1) + 1;
    if (cell > start && cell < lineEnd) {
      const d = decimalsOfBytes(block, cell, lineEnd);
      if (d < 0 || (seen > 0 && d !== decimals)) return -1;
      decimals = d;
      seen++;
    }
    end = start;
    start = 0;
  }
  return seen === ROWS ? decimals : -1;
}

/** Why `lastCell` (of a row without its line end) looks cut short after rows of `decimals`
 *  (fixedDecimalsOf), or undefined when it does not. */
export function cutShort(lastCell: string, decimals: number): string | undefined {
  const cell = lastCell.trim();
  if (decimals <= 0 || cell === '') return undefined;
  const d = decimalsOf(cell);
  if (d < 0 || d >= decimals) return undefined;
  return `its last cell "${cell}" has ${d} decimal${d === 1 ? '' : 's'} where the ${ROWS} rows before it have ${decimals}`;
}
