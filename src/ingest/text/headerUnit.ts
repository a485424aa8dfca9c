// Spreadsheets name a column with its unit: "params (M)", "tokens [B]", "compute (PF-days)",
// "N (millions)", or with what a short name counts: "N (params)", "D (tokens)". The name matches as
// the bare name; the unit scales the cells to plain counts, since a law fitted on millions would
// extrapolate to "10,000" parameters.

/** Per unit word or letter, the count one cell of 1 stands for. */
const SCALES: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['#', 1],
  ['count', 1],
  ['k', 1e3],
  ['thousand', 1e3],
  ['thousands', 1e3],
  ['m', 1e6],
  ['mil', 1e6],
  ['mln', 1e6],
  ['million', 1e6],
  ['millions', 1e6],
  ['b', 1e9],
  ['g', 1e9],
  ['bn', 1e9],
  ['billion', 1e9],
  ['billions', 1e9],
  ['t', 1e12],
  ['trillion', 1e12],
  ['trillions', 1e12],
  // Kaplan et al.'s compute unit: 1e15 FLOP/s for a day
  ['pf-days', 8.64e19],
  ['pf-day', 8.64e19],
  ['petaflop-days', 8.64e19],
  ['petaflop/s-days', 8.64e19],
  ['pf-s-days', 8.64e19],
]);

/** The thing counted may follow the scale: "(M params)", "(B tokens)", "(GFLOPs)" is not one. */
const COUNTED = new Set(['params', 'parameters', 'param', 'tokens', 'token', 'flops', 'flop', 'samples']);

export interface HeaderUnit {
  /** The header without its unit, trimmed. */
  readonly name: string;
  /** What a cell of 1 counts; undefined when the unit is not a scale known here. */
  readonly scale: number | undefined;
  /** Whether the header had a unit at all. */
  readonly hasUnit: boolean;
}

/** A header's name and the scale its trailing "(unit)" or "[unit]" states. */
export function headerUnit(header: string): HeaderUnit {
  const m = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/.exec(header);
  if (!m || m[1]!.trim() === '') return { name: header.trim(), scale: 1, hasUnit: false };
  const words = m[2]!.toLowerCase().split(/\s+/);
  if (words.length === 2 && COUNTED.has(words[1]!)) words.pop();
  // "N (params)", "C (FLOPs)": the word names what N counts, in ones
  const scale = words.length === 1 ? (COUNTED.has(words[0]!) ? 1 : SCALES.get(words[0]!)) : undefined;
  return { name: m[1]!.trim(), scale, hasUnit: true };
}
