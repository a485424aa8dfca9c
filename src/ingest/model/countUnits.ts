// A count column in its header's unit ("params (M)" holds millions, "compute (PF-days)" 8.64e19
// FLOPs each), unless its cells are plain counts already: a spreadsheet keeps the unit in the
// header after the column was filled with raw counts, and scaling those again makes runs no one
// trained. Pure.

/** The count columns of a sweep: parameters, tokens, compute. */
export type CountKind = 'n' | 'd' | 'c';

/** Beyond these, a unit-scaled count is no real run's: the cells were plain counts already. */
const LARGEST_COUNT: Readonly<Record<CountKind, number>> = { n: 1e15, d: 1e17, c: 1e32 };

/**
 * `values` with the plain-number cells (`plain[k]` 1; a size such as "125M" states its own scale)
 * times `scale`, said in `notes`; unless that would make counts no run has, when the cells are
 * read as written, with a note. `key` names the column in the notes.
 */
export function inHeaderUnit(values: Float64Array, plain: Uint8Array, scale: number, key: string, kind: CountKind, notes: string[]): Float64Array {
  if (scale === 1) return values;
  const scaled = values.map((v, k) => (plain[k] ? v * scale : v));
  let largest = 0;
  let smallestPlain = Infinity;
  scaled.forEach((v, k) => {
    largest = Math.max(largest, v);
    if (plain[k]) smallestPlain = Math.min(smallestPlain, values[k]!);
  });
  // a sweep in millions or billions starts below 100,000 of them (100B parameters, 100T tokens)
  if (largest > LARGEST_COUNT[kind] || (scale >= 1e6 && smallestPlain >= 1e5 && smallestPlain < Infinity)) {
    notes.push(`column "${key}": its values already look like plain counts (in its header's unit the largest would be ${largest.toPrecision(3)}), so they are read as written`);
    return values;
  }
  if (plain.some((p) => p === 1)) notes.push(`column "${key}" read in its header's unit: each number × ${scale.toPrecision(3)}`);
  return scaled;
}
