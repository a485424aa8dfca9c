// A sweep table holds many runs' final losses; a learning curve through all of them mixes model
// sizes. Its curves are the rows at one value of the count held fixed: loss against D for each N
// (or against C, which is 6ND at that N), against N for each D. Loss falls along each of these;
// against N at fixed C it is the IsoFLOP valley, which no learning-curve law describes. Pure.
import type { SeriesData, XKind } from './model';

export interface SweepGroup {
  readonly kind: XKind;
  readonly value: number;
}

const GROUP_KIND: Partial<Record<XKind, XKind>> = { tokens: 'params', flops: 'params', samples: 'params', params: 'tokens' };

/** How a group's count is named to the user: `N = 125M`, and `--group N` in the CLI. */
export const GROUP_SYMBOL: Partial<Record<XKind, string>> = { params: 'N', tokens: 'D' };

/** Fewest distinct x a group needs to be worth a curve. */
const MIN_GROUP_XS = 3;

/** A derived count (D = C/6N) carries rounding noise: equal to 9 digits is the same value. */
function groupValue(v: number | undefined): number {
  return v === undefined || !Number.isFinite(v) ? NaN : Number(v.toPrecision(9));
}

export function inSweepGroup(s: SeriesData, i: number, where: SweepGroup | undefined): boolean {
  return where === undefined || groupValue(s.x[where.kind]?.[i]) === where.value;
}

/**
 * The fixed-count groups of a sweep series against x, in increasing order, when at least two of
 * them have MIN_GROUP_XS distinct x values; undefined otherwise (the table stays one curve).
 */
export function sweepGroupsOf(s: SeriesData, x: XKind): { kind: XKind; values: number[] } | undefined {
  const kind = GROUP_KIND[x];
  const xs = s.x[x];
  const gs = kind && s.x[kind];
  if (!kind || !xs || !gs) return undefined;
  const xsByGroup = new Map<number, Set<number>>();
  for (let i = 0; i < s.y.length; i++) {
    const g = groupValue(gs[i]);
    if (!Number.isFinite(g) || !Number.isFinite(xs[i]!) || !Number.isFinite(s.y[i]!)) continue;
    let set = xsByGroup.get(g);
    if (!set) xsByGroup.set(g, (set = new Set()));
    set.add(xs[i]!);
  }
  const values = [...xsByGroup].filter(([, set]) => set.size >= MIN_GROUP_XS).map(([g]) => g);
  return values.length >= 2 ? { kind, values: values.sort((a, b) => a - b) } : undefined;
}
