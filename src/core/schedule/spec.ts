// Learning-rate schedule specs as a user types them once ("cosine:warmup=2160,total=24000,
// peak=3e-4,end=3e-5"): parsing with one-line errors, η per step, and the breakpoints where η is
// not smooth (so a piecewise-linear grid can put knots there).
import { ScalingLensError } from '../types';

export type WsdShape = 'linear' | 'exp' | 'cosine' | 'sqrt';
/** A WSD decay's shape: the what-if cooldown's, or Megatron-LM's "exponential", 2·0.5^f − 1 (exp2). */
export type DecayShape = WsdShape | 'exp2';

export type ScheduleSpec =
  /** `until`: the decay ends there, held at `end` to the total (Megatron's lr_decay_iters, nanoGPT's); absent, at the total. */
  | { readonly kind: 'cosine' | 'linear'; readonly warmup: number; readonly total: number; readonly peak: number; readonly end: number; readonly until?: number }
  | { readonly kind: 'constant'; readonly warmup: number; readonly total: number; readonly peak: number }
  | { readonly kind: 'wsd'; readonly warmup: number; readonly decay: number; readonly total: number; readonly peak: number; readonly end: number; readonly shape: DecayShape }
  | { readonly kind: 'two-stage'; readonly warmup: number; readonly switch: number; readonly total: number; readonly peak: number; readonly then: number }
  | { readonly kind: 'rsqrt'; readonly warmup: number; readonly timescale: number; readonly total: number; readonly peak: number; readonly end: number };

const KEYS: Record<ScheduleSpec['kind'], readonly string[]> = {
  cosine: ['warmup', 'total', 'peak', 'end', 'until'],
  linear: ['warmup', 'total', 'peak', 'end', 'until'],
  constant: ['warmup', 'total', 'peak'],
  wsd: ['warmup', 'decay', 'total', 'peak', 'end', 'shape'],
  'two-stage': ['warmup', 'switch', 'total', 'peak', 'then'],
  rsqrt: ['warmup', 'timescale', 'total', 'peak', 'end'],
};
const OPTIONAL = new Set(['warmup', 'end', 'timescale', 'until']);
const SHAPES: readonly DecayShape[] = ['linear', 'exp', 'cosine', 'sqrt', 'exp2'];
/** Names other tools give these keys (nanoGPT's min_lr, HF's warmup_steps …), for the error's hint. */
const ALIASES: Readonly<Record<string, string>> = { min_lr: 'end', lr_min: 'end', final_lr: 'end', eta_min: 'end', max_lr: 'peak', lr: 'peak', learning_rate: 'peak', warmup_steps: 'warmup', warmup_iters: 'warmup', max_steps: 'total', total_steps: 'total', max_iters: 'total', lr_decay_iters: 'until', decay_start: 'decay' };
/**
 * The longest schedule: the multi-power law sums η step by step, so a forecast of 1e8 steps took
 * 13–23 s and one of 1e12 (a typo, or a count of tokens) never ended. No training run is that long.
 */
export const MAX_TOTAL_STEPS = 1e8;
const EXAMPLE = 'e.g. cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5';

function bad(text: string, why: string): never {
  throw new ScalingLensError('bad-argument', `bad schedule "${text}": ${why}`);
}

/** Parses a spec; throws ScalingLensError with one line saying what is wrong and what was expected. */
export function parseSchedule(text: string): ScheduleSpec {
  const m = /^\s*([a-z-]+)\s*:(.*)$/i.exec(text);
  const kinds = Object.keys(KEYS).join(', ');
  if (!m) bad(text, `expected KIND:key=value,… with KIND one of ${kinds} (${EXAMPLE})`);
  const kind = m[1].toLowerCase() as ScheduleSpec['kind'];
  const keys = KEYS[kind];
  if (!keys) bad(text, `unknown kind "${m[1]}"; one of ${kinds}`);
  const v: Record<string, number> = {};
  let shape: DecayShape = 'linear';
  for (const part of m[2].split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const kv = /^([a-z_][a-z0-9_]*)\s*=\s*(.+)$/i.exec(part);
    if (!kv) bad(text, `"${part}" is not key=value`);
    const key = kv[1].toLowerCase();
    if (!keys.includes(key)) bad(text, `${kind} takes ${keys.join(', ')}; not "${key}"${ALIASES[key] && keys.includes(ALIASES[key]) ? ` (${key} is ${ALIASES[key]} here)` : ''}`);
    if (key in v) bad(text, `"${key}" given twice`);
    if (key === 'shape') {
      const s = kv[2].trim().toLowerCase() as DecayShape;
      if (!SHAPES.includes(s)) bad(text, `shape must be one of ${SHAPES.join(', ')}; got "${kv[2]}"`);
      shape = s;
      v.shape = 1;
      continue;
    }
    const n = Number(kv[2]);
    if (!Number.isFinite(n)) bad(text, `${key} must be a number; got "${kv[2]}"`);
    v[key] = n;
  }
  for (const k of keys) if (!(k in v) && !OPTIONAL.has(k) && k !== 'shape') bad(text, `missing ${k}= (${kind} takes ${keys.join(', ')})`);
  const warmup = v.warmup ?? 0;
  const total = v.total;
  const peak = v.peak;
  const end = v.end ?? 0;
  if (!Number.isInteger(total) || total < 1) bad(text, `total must be a positive whole number of steps; got ${total}`);
  if (total > MAX_TOTAL_STEPS) bad(text, `total must be at most 1e8 steps (η is summed step by step); got ${total}`);
  if (!Number.isInteger(warmup) || warmup < 0 || warmup >= total) bad(text, `warmup must be a whole number of steps in [0, total); got ${warmup}`);
  if (!(peak > 0)) bad(text, `peak must be > 0; got ${peak}`);
  if (end < 0 || end > peak) bad(text, `end must be in [0, peak]; got ${end}`);
  switch (kind) {
    case 'cosine':
    case 'linear': {
      const until = v.until ?? total;
      if (!Number.isInteger(until) || until <= warmup) bad(text, `until (the step the decay ends) must be a whole number after the warmup; got ${until}`);
      return until === total ? { kind, warmup, total, peak, end } : { kind, warmup, total, peak, end, until };
    }
    case 'constant':
      return { kind, warmup, total, peak };
    case 'wsd': {
      const decay = v.decay;
      if (!Number.isInteger(decay) || decay < warmup || decay >= total) bad(text, `decay (the step the decay starts) must be a whole number in [warmup, total); got ${decay}`);
      if (shape === 'exp' && !(end > 0)) bad(text, 'shape=exp needs end > 0 (geometric interpolation to end)');
      return { kind, warmup, decay, total, peak, end, shape };
    }
    case 'rsqrt': {
      // the inverse square root of Megatron-LM, fairseq and HF: peak·√(warmup/s) after the warmup,
      // or peak/√((s − warmup + timescale)/timescale) with a timescale (HF's; needed without a warmup)
      const timescale = v.timescale ?? warmup;
      if (!(timescale > 0)) bad(text, 'rsqrt needs warmup > 0 or a timescale > 0 (η = peak/√((s − warmup + timescale)/timescale))');
      return { kind, warmup, timescale, total, peak, end };
    }
    case 'two-stage': {
      const sw = v.switch;
      const then = v.then;
      if (!Number.isInteger(sw) || sw <= warmup || sw > total) bad(text, `switch must be a whole number in (warmup, total]; got ${sw}`);
      if (!(then > 0)) bad(text, `then must be > 0; got ${then}`);
      return { kind, warmup, switch: sw, total, peak, then };
    }
  }
}

/** A canonical text form (parseSchedule(formatSchedule(s)) equals s). */
export function formatSchedule(s: ScheduleSpec): string {
  // an inverse square root's timescale is its warmup unless said otherwise
  const implied = (k: string, val: unknown): boolean => k === 'kind' || (s.kind === 'rsqrt' && k === 'timescale' && val === s.warmup);
  const parts = Object.entries(s).filter(([k, val]) => !implied(k, val)).map(([k, val]) => `${k}=${val}`);
  return `${s.kind}:${parts.join(',')}`;
}

/** Fraction of the decay done at step s of [from, to], shaped. 0 at `from`, 1 at `to`. */
function decayed(s: number, from: number, to: number): number {
  return Math.min(1, Math.max(0, (s - from) / (to - from)));
}

/** η at integer step s (1-based steps; s = 0 is before training, η = 0 with a warmup). */
export function lrAt(spec: ScheduleSpec, s: number): number {
  const { warmup, peak } = spec;
  if (s < warmup) return (peak * s) / warmup;
  switch (spec.kind) {
    case 'constant':
      return peak;
    case 'cosine': {
      const f = decayed(s, warmup, spec.until ?? spec.total);
      return spec.end + 0.5 * (peak - spec.end) * (1 + Math.cos(Math.PI * f));
    }
    case 'linear':
      return peak + (spec.end - peak) * decayed(s, warmup, spec.until ?? spec.total);
    case 'two-stage':
      return s < spec.switch ? peak : spec.then;
    case 'rsqrt':
      return Math.max(spec.end, peak / Math.sqrt((s - warmup + spec.timescale) / spec.timescale));
    case 'wsd': {
      if (s <= spec.decay) return peak;
      const f = decayed(s, spec.decay, spec.total);
      const { end } = spec;
      switch (spec.shape) {
        case 'linear':
          return peak + (end - peak) * f;
        case 'exp':
          return Math.pow(peak, 1 - f) * Math.pow(end, f);
        case 'cosine':
          return end + 0.5 * (peak - end) * (1 + Math.cos(Math.PI * f));
        case 'sqrt':
          return end + (peak - end) * (1 - Math.sqrt(f));
        case 'exp2':
          return end + (peak - end) * (2 * Math.pow(0.5, f) - 1);
      }
    }
  }
}

/** Steps where η has a kink or a jump: a grid must have knots there (a jump needs both sides). */
export function breakpoints(spec: ScheduleSpec): number[] {
  const out = [0, spec.warmup, spec.total];
  if (spec.kind === 'wsd') out.push(spec.decay);
  if (spec.kind === 'two-stage') out.push(spec.switch - 1, spec.switch);
  if ((spec.kind === 'cosine' || spec.kind === 'linear') && spec.until !== undefined) out.push(spec.until);
  // where an inverse square root reaches its floor
  if (spec.kind === 'rsqrt' && spec.end > 0) out.push(Math.ceil(spec.warmup - spec.timescale + spec.timescale * (spec.peak / spec.end) ** 2));
  return [...new Set(out)].filter((s) => s >= 0 && s <= spec.total).sort((a, b) => a - b);
}

/** Whether η is curved (not linear) between breakpoints, so knots must be dense there. */
export function isCurved(spec: ScheduleSpec): boolean {
  return spec.kind === 'cosine' || spec.kind === 'rsqrt' || (spec.kind === 'wsd' && spec.shape !== 'linear');
}

export function totalSteps(spec: ScheduleSpec): number {
  return spec.total;
}
