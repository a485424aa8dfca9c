// Averages of laws: the geometric mean of several laws' extrapolations, each part fitted on its
// own. 'mix' is the average of M3 and M4: they err in opposite directions often enough that their
// log-space average extrapolates better than either on the RNSL benchmark (IC mean RMSLE 0.032 vs
// 0.041 / 0.041). auto returns averages of its best back-tested laws as 'avg(a+b+c)'.
// An average of averages is flattened: 'avg(m4+mix)' is M4^(3/4)·M3^(1/4), and its parameters are
// each base law's once, prefixed by that law's id ("m3.beta", "m4.alpha", …).
import type { FitOptions, FitResult, Law, Observations, Params } from '../types';
import { m3 } from './m3';
import { m4 } from './m4';

/** For every average built here: its direct parts, and the weight of each base (non-average) law. */
const structure = new WeakMap<Law, { readonly parts: readonly Law[]; readonly weights: ReadonlyMap<Law, number> }>();

/** The direct parts of an average, or undefined for an ordinary law. */
export function partsOf(law: Law): readonly Law[] | undefined {
  return structure.get(law)?.parts;
}

/** Each base law's exponent in the geometric mean (they sum to 1); a plain law is itself with weight 1. */
export function baseWeights(law: Law): ReadonlyMap<Law, number> {
  return structure.get(law)?.weights ?? new Map([[law, 1]]);
}

export const avgId = (partIds: readonly string[]): string => `avg(${partIds.join('+')})`;

function split(p: Params, prefix: string): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(p)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

/**
 * One FitResult for `average` from its direct parts' fits (in part order). A part that is itself an
 * average already carries base-prefixed parameters; the same base law fitted once gives the same values.
 */
export function combineFits(average: Law, parts: readonly FitResult[]): FitResult {
  const params: Params = {};
  const warnings = new Set<string>();
  const unconverged = new Set<string>();
  const direct = partsOf(average) ?? [];
  parts.forEach((f, i) => {
    const nested = direct[i] !== undefined && partsOf(direct[i]) !== undefined;
    for (const [k, v] of Object.entries(f.params)) params[nested ? k : `${f.law}.${k}`] = v;
    for (const w of f.warnings) warnings.add(nested ? w : `${f.law}: ${w}`);
    // a nested average's reason already names its unconverged base laws ("m4: …; m3: …")
    if (!f.converged) for (const r of nested ? f.reason.split('; ') : [`${f.law}: ${f.reason}`]) unconverged.add(r);
  });
  const n = parts[0].residuals.length;
  const residuals = new Float64Array(n);
  for (const f of parts) for (let i = 0; i < n; i++) residuals[i] += f.residuals[i] / parts.length;
  return {
    law: average.id,
    params,
    residuals,
    objective: residuals.reduce((s, v) => s + v * v, 0),
    iterations: parts.reduce((s, f) => s + f.iterations, 0),
    converged: unconverged.size === 0,
    reason: unconverged.size === 0 ? 'every part converged' : [...unconverged].join('; '),
    warnings: [...warnings],
    ...fittedFromOf(parts),
  };
}

/** An average means something only where every part does: from the latest part's start. */
function fittedFromOf(parts: readonly FitResult[]): { fittedFrom?: number } {
  const starts = parts.map((f) => f.fittedFrom).filter((x): x is number => x !== undefined);
  return starts.length > 0 ? { fittedFrom: Math.max(...starts) } : {};
}

/** How an average names its parts where the id shouted would read badly (m2 → M2, bnsl-1 → BNSL-1). */
const SHORT_NAMES: Record<string, string> = { flat: 'flat', loglin: 'log-linear', mix: 'Mix' };

/** The geometric mean of `laws` (distinct ids, at least one), by default id 'avg(a+b+…)'. */
export function averageOf(laws: readonly Law[], label: { id?: string; name?: string; formula?: string } = {}): Law {
  const id = label.id ?? avgId(laws.map((l) => l.id));
  const weights = new Map<Law, number>();
  for (const part of laws) for (const [base, w] of baseWeights(part)) weights.set(base, (weights.get(base) ?? 0) + w / laws.length);
  const bases = [...weights];
  const law: Law = {
    id,
    name: label.name ?? `Average of ${laws.map((l) => SHORT_NAMES[l.id] ?? l.id.toUpperCase()).join(', ')} (geometric mean)`,
    formula: label.formula ?? formulaOf(bases),
    inputs: ['x'],
    params: bases.flatMap(([l]) => l.params.map((p) => ({ ...p, name: `${l.id}.${p.name}` }))),
    minPoints: Math.max(...laws.map((l) => l.minPoints)),
    predict(p, x) {
      let s = 0;
      for (const [l, w] of bases) s += w * Math.log(l.predict(split(p, `${l.id}.`), x));
      return Math.exp(s);
    },
    fit(obs: Observations, opts?: FitOptions): FitResult {
      return combineFits(law, laws.map((l) => l.fit(obs, opts)));
    },
  };
  structure.set(law, { parts: laws, weights });
  return law;
}

function formulaOf(bases: readonly (readonly [Law, number])[]): string {
  const w0 = bases[0][1];
  if (bases.every(([, w]) => Math.abs(w - w0) < 1e-12)) return `y = (${bases.map(([l]) => `y_${l.id}`).join(' · ')})^(1/${bases.length})`;
  return `y = ${bases.map(([l, w]) => `y_${l.id}^${fraction(w)}`).join(' · ')}`;
}

/** Weights are sums of 1/k-products of small part counts: show them as fractions when they are. */
function fraction(w: number): string {
  for (let d = 2; d <= 36; d++) {
    const n = Math.round(w * d);
    if (Math.abs(n / d - w) < 1e-9) return `(${n}/${d})`;
  }
  return w.toPrecision(3);
}

export const mix: Law = averageOf([m3, m4], { id: 'mix', name: 'Mix (geometric mean of M3 and M4)', formula: 'y = sqrt(y_M3 · y_M4)' });
