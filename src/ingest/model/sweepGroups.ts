// A sweep table holds many runs' final losses; a learning curve through all of them mixes model
// sizes. Its curves are slices: the rows at one value of the count held fixed (loss against D for
// each N, or against C, which is 6ND at that N; against N for each D), and, for an IsoFLOP design
// (several sizes per compute budget), the compute frontier: the lowest loss at each budget, the
// L(C) that Kaplan et al. fit. Loss falls along each of these; against N at a fixed C it is the
// IsoFLOP valley, which no learning-curve law describes. Pure.
import { groupByBudget, isIsoflopDesign } from '../../core/isoflopBudgets';
import type { SeriesData, XKind } from './model';

export type SweepSlice = { readonly kind: XKind; readonly value: number } | { readonly frontier: true };

/** The count held fixed along x, the first the series has (runs across sizes are matched in tokens, samples or steps). */
const GROUP_KIND: Partial<Record<XKind, readonly XKind[]>> = { tokens: ['params'], flops: ['params'], samples: ['params'], params: ['tokens', 'samples', 'step'] };

/** How a slice's count is named to the user: `N = 125M`, and `--group N` in the CLI. */
export const GROUP_SYMBOL: Partial<Record<XKind, string>> = { params: 'N', tokens: 'D', samples: 'D', step: 'step' };

export const FRONTIER_LABEL = 'compute frontier (lowest loss per budget)';

/** Fewest distinct x a slice needs to be worth a curve. */
const MIN_SLICE_XS = 3;

/** A derived count (D = C/6N) carries rounding noise: equal to 9 digits is the same value. */
function groupValue(v: number | undefined): number {
  return v === undefined || !Number.isFinite(v) ? NaN : Number(v.toPrecision(9));
}

function usable(s: SeriesData, xs: Float64Array, i: number): boolean {
  return Number.isFinite(xs[i]!) && Number.isFinite(s.y[i]!);
}

/** Rows of `s` in the slice (1) or not (0); every row when there is no slice. */
export function sliceMask(s: SeriesData, slice: SweepSlice | undefined): Uint8Array {
  const n = s.y.length;
  if (slice === undefined) return new Uint8Array(n).fill(1);
  if ('frontier' in slice) return frontierMask(s);
  const gs = s.x[slice.kind];
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (groupValue(gs?.[i]) === slice.value) mask[i] = 1;
  return mask;
}

/** The lowest-loss row of each compute budget (budgets within 10% are one, as in groupByBudget). */
function frontierMask(s: SeriesData): Uint8Array {
  const mask = new Uint8Array(s.y.length);
  for (const rows of budgets(s)) {
    let best = rows[0]!;
    for (const i of rows) if (s.y[i]! < s.y[best]!) best = i;
    mask[best] = 1;
  }
  return mask;
}

/** Row indices grouped by compute budget, in increasing compute. */
function budgets(s: SeriesData): number[][] {
  const cs = s.x.flops;
  if (!cs) return [];
  return groupByBudget(cs, [...cs.keys()].filter((i) => usable(s, cs, i) && cs[i]! > 0));
}

/**
 * The curves of a sweep series against x: one per value of the fixed count when at least two of
 * them have MIN_SLICE_XS x values; against compute, first the frontier when at least
 * MIN_SLICE_XS budgets each hold several sizes. Empty when none (the table stays one curve).
 */
export function sweepSlicesOf(s: SeriesData, x: XKind): SweepSlice[] {
  const out: SweepSlice[] = [];
  if (x === 'flops' && s.x.params) {
    const isoflop = budgets(s).filter((rows) => new Set(rows.map((i) => s.x.params![i])).size >= 2);
    if (isoflop.length >= MIN_SLICE_XS) out.push({ frontier: true });
  }
  const kind = GROUP_KIND[x]?.find((k) => s.x[k]);
  const xs = s.x[x];
  const gs = kind && s.x[kind];
  if (!kind || !xs || !gs) return out;
  const xsByGroup = new Map<number, Set<number>>();
  for (let i = 0; i < s.y.length; i++) {
    const g = groupValue(gs[i]);
    if (!Number.isFinite(g) || !usable(s, xs, i)) continue;
    let set = xsByGroup.get(g);
    if (!set) xsByGroup.set(g, (set = new Set()));
    set.add(xs[i]!);
  }
  const values = [...xsByGroup].filter(([, set]) => set.size >= MIN_SLICE_XS).map(([g]) => g);
  if (values.length >= 2) for (const value of values.sort((a, b) => a - b)) out.push({ kind, value });
  return out;
}

/**
 * The x a sweep opens on, among `kinds` (in preference order): compute, for an IsoFLOP design
 * (core/isoflop.ts) with a frontier, whatever its size grid (sizes shared by every budget also
 * slice it into one curve per N, but its budgets are what it was designed around); otherwise the
 * first kind that gives it curves. Undefined when none does.
 */
export function sweepDefaultX(s: SeriesData, kinds: readonly XKind[]): XKind | undefined {
  const { params, tokens } = s.x;
  const isoflop = kinds.includes('flops') && params && tokens && isIsoflopDesign({ N: params, D: tokens, loss: s.y });
  if (isoflop && sweepSlicesOf(s, 'flops').some((c) => 'frontier' in c)) return 'flops';
  return kinds.find((k) => sweepSlicesOf(s, k).length > 0);
}
