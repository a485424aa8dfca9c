// Averages of laws: the geometric mean of several laws' extrapolations, each part fitted on its
// own. 'mix' is the average of M3 and M4: they err in opposite directions often enough that their
// log-space average extrapolates better than either on the RNSL benchmark (IC mean RMSLE 0.032 vs
// 0.041 / 0.041). auto returns averages of its best back-tested laws as 'avg(a+b+c)'.
// Parameters are the parts' parameters prefixed by part id ("m3.beta", "m4.alpha", …).
import type { FitOptions, FitResult, Law, Observations, Params } from '../types';
import { m3 } from './m3';
import { m4 } from './m4';

/** The parts of every average built here, so fitMany can reuse fits it already has. */
const partsByLaw = new WeakMap<Law, readonly Law[]>();

/** The parts of an average, or undefined for an ordinary law. */
export function partsOf(law: Law): readonly Law[] | undefined {
  return partsByLaw.get(law);
}

export const avgId = (partIds: readonly string[]): string => `avg(${partIds.join('+')})`;

function split(p: Params, prefix: string): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(p)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}

/** One FitResult for average `id` from its parts' fits (in part order). */
export function combineFits(id: string, parts: readonly FitResult[]): FitResult {
  const params: Params = {};
  parts.forEach((f) => {
    for (const [k, v] of Object.entries(f.params)) params[`${f.law}.${k}`] = v;
  });
  const n = parts[0].residuals.length;
  const residuals = new Float64Array(n);
  for (const f of parts) for (let i = 0; i < n; i++) residuals[i] += f.residuals[i] / parts.length;
  return {
    law: id,
    params,
    residuals,
    objective: residuals.reduce((s, v) => s + v * v, 0),
    iterations: parts.reduce((s, f) => s + f.iterations, 0),
    converged: parts.every((f) => f.converged),
    reason: parts.map((f) => `${f.law}: ${f.reason}`).join('; '),
    warnings: parts.flatMap((f) => f.warnings.map((w) => `${f.law}: ${w}`)),
  };
}

/** The geometric mean of `laws` (distinct ids, at least one), by default id 'avg(a+b+…)'. */
export function averageOf(laws: readonly Law[], label: { id?: string; name?: string; formula?: string } = {}): Law {
  const id = label.id ?? avgId(laws.map((l) => l.id));
  const law: Law = {
    id,
    name: label.name ?? `Average of ${laws.map((l) => l.id.toUpperCase()).join(', ')} (geometric mean)`,
    formula: label.formula ?? `y = (${laws.map((l) => `y_${l.id}`).join(' · ')})^(1/${laws.length})`,
    inputs: ['x'],
    params: laws.flatMap((l) => l.params.map((p) => ({ ...p, name: `${l.id}.${p.name}` }))),
    minPoints: Math.max(...laws.map((l) => l.minPoints)),
    predict(p, x) {
      let s = 0;
      for (const l of laws) s += Math.log(l.predict(split(p, `${l.id}.`), x));
      return Math.exp(s / laws.length);
    },
    fit(obs: Observations, opts?: FitOptions): FitResult {
      return combineFits(id, laws.map((l) => l.fit(obs, opts)));
    },
  };
  partsByLaw.set(law, laws);
  return law;
}

export const mix: Law = averageOf([m3, m4], { id: 'mix', name: 'Mix (geometric mean of M3 and M4)', formula: 'y = sqrt(y_M3 · y_M4)' });
