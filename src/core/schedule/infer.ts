// The planned schedule read off a logged LR: a log knows η only up to its last step, but a cosine
// or linear decay (or a WSD decay once it has begun) already shows where it is heading. LLM360
// Mamba's LR, read from its first quarter, is cosine to step ≈ 240k with end ≈ 1e-5. A constant
// LR, a step change or an inverse square root says nothing about where the run ends; then the
// answer is why not (or, with the run's planned length, the inverse square root to it). Offered to
// the user as a spec to confirm, never applied silently.
import { formatSchedule, lrAt, MAX_TOTAL_STEPS, type DecayShape, type ScheduleSpec } from './spec';
import { cleanLrLog, type CleanLr, type LrLog } from './lrSeries';
import { ScalingLensError } from '../types';
import { AT_PEAK } from '../warmup';
import { formatAmount } from '../units';

export type ScheduleGuess =
  | { readonly ok: true; readonly spec: ScheduleSpec; readonly text: string; readonly relErr: number; readonly note?: string }
  | { readonly ok: false; readonly why: string; readonly template?: string };

/** A step count as people write it: 12,000. */
const stepText = (s: number): string => s.toLocaleString('en-US');
/** An LR as schedules are written: 3e-4, 2.5e-4. */
const lrText = (v: number): string => Number(v.toPrecision(3)).toExponential();

/**
 * A logged LR at its peak to the last step (no planned length known): what it read, in words, and
 * the schedule with what the log shows (warmup, peak) and "…" for what it cannot (where a decay
 * starts, where the run ends, and to what), to be typed. WSD, as a constant LR so far is its
 * stable phase (a plain constant one is constant:warmup=…,total=…,peak=…).
 */
function constantSoFar(steps: readonly number[], lr: readonly number[], warmup: number, peak: number): { ok: false; why: string; template: string } {
  const last = steps[steps.length - 1]!;
  const p = lrText(peak);
  // a first logged η below the peak is a warmup seen; a log that starts at the peak has none to
  // show; one whose first step is within a logging interval of the start logged all its steps
  const warmed = lr[0]! < peak * (1 - AT_PEAK);
  const read = warmed
    ? `the logged LR warms up to ${p} by step ${stepText(warmup)} and stays there to step ${stepText(last)}`
    : steps[0]! <= steps[1]! - steps[0]!
      ? `the logged LR is constant at ${p} for all ${stepText(last)} steps`
      : `the logged LR is constant at ${p} from step ${stepText(steps[0]!)} to step ${stepText(last)}`;
  return { ok: false, why: `${read}: no decay logged yet, so where the run ends is not in the log`, template: `wsd:warmup=${warmed ? warmup : 0},decay=…,total=…,peak=${p},end=…` };
}

/** A fit whose relative RMS error over the decay exceeds this is no guess. */
const MAX_REL_ERR = 0.01;
const MIN_DECAY_POINTS = 4;
/** Decay points fitted (evenly thinned): enough to see the shape, cheap on a per-step log. */
const MAX_FIT_POINTS = 400;
/** Totals tried: from just past the last logged step to this multiple of it, in 2% steps, then 0.1% around the best. */
const MAX_TOTAL_FACTOR = 50;
const TOTAL_COARSE = 1.02;
const TOTAL_FINE = 1.001;
/** A logged η below this share of the one logged before it is a step change (two-stage), not a decay. */
const STEP_DROP = 0.7;
/** Decay starts tried between the last step logged at the peak and the next logged step. */
const DECAY_START_TRIES = 6;

type Shape = 'cosine' | 'linear' | DecayShape;

/** How far the decay is from its start (1) to its end (0) at fraction f of it, by shape. */
function remaining(shape: Shape, f: number): number {
  switch (shape) {
    case 'cosine':
      return 0.5 * (1 + Math.cos(Math.PI * f));
    case 'linear':
      return 1 - f;
    case 'sqrt':
      return 1 - Math.sqrt(f);
    case 'exp2':
      return 2 * Math.pow(0.5, f) - 1;
    case 'exp':
      return NaN; // geometric: fitted in log space, below
  }
}

interface DecayFit {
  readonly shape: Shape;
  /** The step the decay starts at. */
  readonly from: number;
  readonly total: number;
  readonly end: number;
  readonly relErr: number;
}

/** One shape with a given total: the best end (closed form), and the relative RMS error. */
function fitAt(shape: Shape, from: number, total: number, peak: number, steps: readonly number[], lr: readonly number[], endFixed?: number): DecayFit {
  let end: number;
  if (endFixed !== undefined) end = endFixed;
  else if (shape === 'exp') {
    // log η = (1 − f)·log peak + f·log end: least squares for log end
    let num = 0;
    let den = 0;
    for (let i = 0; i < steps.length; i++) {
      const f = (steps[i] - from) / (total - from);
      num += f * (Math.log(lr[i]) - (1 - f) * Math.log(peak));
      den += f * f;
    }
    end = den > 0 ? Math.exp(num / den) : peak;
  } else {
    // η = peak·g + end·(1 − g): least squares for end
    let num = 0;
    let den = 0;
    for (let i = 0; i < steps.length; i++) {
      const g = remaining(shape, (steps[i] - from) / (total - from));
      num += (lr[i] - peak * g) * (1 - g);
      den += (1 - g) * (1 - g);
    }
    end = den > 0 ? num / den : 0;
  }
  end = Math.min(Math.max(end, shape === 'exp' ? peak * 1e-6 : 0), peak * (1 - AT_PEAK));
  // a decay to (numerically) zero is a decay to 0
  if (shape !== 'exp' && end < peak * 1e-6) end = 0;
  let sq = 0;
  for (let i = 0; i < steps.length; i++) {
    const f = (steps[i] - from) / (total - from);
    const v = shape === 'exp' ? Math.pow(peak, 1 - f) * Math.pow(end, f) : end + (peak - end) * remaining(shape, f);
    sq += (v / lr[i] - 1) ** 2;
  }
  return { shape, from, total, end, relErr: Math.sqrt(sq / steps.length) };
}

/** The best total (a coarse grid, then a fine one around its best) and end for one shape. */
function fitShape(shape: Shape, from: number, peak: number, steps: readonly number[], lr: readonly number[], endFixed?: number, known?: number): DecayFit | undefined {
  if (known !== undefined) return fitAt(shape, from, known, peak, steps, lr, endFixed);
  const last = steps[steps.length - 1];
  const lo = Math.max(last + 1, from + 2);
  let best: DecayFit | undefined;
  const scan = (a: number, b: number, ratio: number): void => {
    for (let total = a; total <= b; total *= ratio) {
      const f = fitAt(shape, from, total, peak, steps, lr, endFixed);
      if (!best || f.relErr < best.relErr) best = f;
    }
  };
  scan(lo, last * MAX_TOTAL_FACTOR, TOTAL_COARSE);
  if (best) scan(Math.max(lo, best.total / TOTAL_COARSE), best.total * TOTAL_COARSE, TOTAL_FINE);
  return best;
}

const round3 = (v: number): number => Number(v.toPrecision(3));

/** Relative RMS error of η = peak·√(warmup/s) (Megatron's, fairseq's inverse square root) over the decay. */
function rsqrtFit(warmup: number, peak: number, points: readonly (readonly [number, number])[]): number {
  let sq = 0;
  for (const [step, lr] of points) sq += ((peak * Math.sqrt(warmup / step)) / lr - 1) ** 2;
  return points.length > 0 ? Math.sqrt(sq / points.length) : Infinity;
}

/** The indices first…last evenly thinned (at most about MAX_FIT_POINTS, the last always kept), without listing them all: a per-step log has millions. */
function thinnedRange(first: number, last: number): number[] {
  const stride = Math.max(1, Math.ceil((last - first + 1) / MAX_FIT_POINTS));
  const out: number[] = [];
  for (let i = first; i <= last; i += stride) out.push(i);
  if (out.length > 0 && out[out.length - 1] !== last) out.push(last);
  return out;
}

/**
 * The schedule the logged LR follows, or why it cannot be told from the log. `planned` is the run's
 * length when the log records it (Hugging Face's max_steps): then only the shape is read off the LR.
 * A schedule longer than a forecast can follow (MAX_TOTAL_STEPS: a log whose "steps" count samples
 * or tokens) is not offered: its spec would be refused when set.
 */
export function inferSchedule(log: CleanLr, planned?: number): ScheduleGuess {
  const guess = readSchedule(log, planned);
  if (!guess.ok || guess.spec.total <= MAX_TOTAL_STEPS) return guess;
  return { ok: false, why: `the LR read as a schedule of ${formatAmount(guess.spec.total)} steps, past the ${formatAmount(MAX_TOTAL_STEPS)} a forecast follows step by step (do the log's steps count samples or tokens?)` };
}

function readSchedule(log: CleanLr, planned?: number): ScheduleGuess {
  const { steps, lr } = log;
  const n = steps.length;
  // at or past the last step logged: a log that has reached its planned end still has it as its total
  const known = planned !== undefined && Number.isFinite(planned) && planned >= steps[n - 1] ? Math.round(planned) : undefined;
  if (n < MIN_DECAY_POINTS + 2) return { ok: false, why: `only ${n} learning-rate points logged` };
  let peak = 0;
  for (const v of lr) if (v > peak) peak = v;
  const iPeak = lr.findIndex((v) => v >= peak * (1 - AT_PEAK));
  // the warmup ends where η peaks (the first logged step, when the log starts after it)
  const warmup = Math.round(steps[lr.indexOf(peak)]);
  for (let i = iPeak + 1; i < n; i++) {
    if (lr[i] < STEP_DROP * lr[i - 1]) return { ok: false, why: `the LR drops from ${round3(lr[i - 1])} to ${round3(lr[i])} at step ${steps[i]} in one go (a step schedule): how long the run goes on is not in the log` };
  }
  // still rising at the last logged step, from well under it: the warmup is not over
  if (lr[n - 1] === peak && lr[n - 1] > lr[n - 2] && lr[0] < 0.5 * peak) return { ok: false, why: `the LR is still warming up (${round3(lr[n - 1])} at step ${steps[n - 1]}): what follows the warmup is not in the log yet` };
  let iLastPeak = iPeak;
  for (let i = iPeak; i < n; i++) if (lr[i] >= peak * (1 - AT_PEAK)) iLastPeak = i;
  if (iLastPeak === n - 1 && known !== undefined) {
    const spec: ScheduleSpec = { kind: 'constant', warmup, total: known, peak: round3(peak) };
    // a log that has reached its planned end shows the whole schedule: no decay is still to come
    const note = known > steps[n - 1] ? `constant so far, so held to the planned step ${known}; a decay still to come would change it` : `constant to the planned step ${known}, which the log has reached`;
    return { ok: true, spec, text: formatSchedule(spec), relErr: 0, note };
  }
  if (iLastPeak === n - 1) return constantSoFar(steps, lr, warmup, peak);
  if (n - 1 - iLastPeak < MIN_DECAY_POINTS) return { ok: false, why: `the LR has only begun to fall (${n - 1 - iLastPeak} points below its peak): too early to read the shape of its decay` };
  const after = (i0: number): number[] => thinnedRange(i0 + 1, n - 1);
  const fitFrom = (shape: Shape, i0: number, from: number, endFixed?: number) => {
    const idx = after(i0);
    return fitShape(shape, from, peak, idx.map((i) => steps[i]), idx.map((i) => lr[i]), endFixed, known);
  };
  // a straight decay (linear; exp in log space) does not show where it stops: any end fits with its own total
  // … so its end is taken as 0, unless the log has reached the end and says otherwise
  const straight = (i0: number, from: number): DecayFit | undefined => {
    if (known !== undefined) return fitFrom('linear', i0, from);
    const zero = fitFrom('linear', i0, from, 0);
    return zero && zero.relErr <= MAX_REL_ERR ? zero : fitFrom('linear', i0, from);
  };
  const plain = [fitFrom('cosine', iPeak, warmup), straight(iPeak, warmup)].filter((f): f is DecayFit => !!f);
  const held = iLastPeak - iPeak >= 3;
  const staged: DecayFit[] = [];
  if (held) {
    // the decay starts between the last step logged at the peak and the next one logged
    const [a, b] = [steps[iLastPeak], steps[iLastPeak + 1]];
    for (let k = 0; k < DECAY_START_TRIES; k++) {
      const from = Math.round(a + ((b - a) * k) / DECAY_START_TRIES);
      for (const f of [straight(iLastPeak, from), fitFrom('cosine', iLastPeak, from), fitFrom('sqrt', iLastPeak, from), fitFrom('exp2', iLastPeak, from), fitFrom('exp', iLastPeak, from, known !== undefined ? undefined : peak / 10)]) if (f) staged.push(f);
    }
  }
  plain.sort((a, b) => a.relErr - b.relErr);
  staged.sort((a, b) => a.relErr - b.relErr);
  const rsqrt = !held && warmup > 0 ? rsqrtFit(warmup, peak, after(iPeak).map((i) => [steps[i], lr[i]])) : Infinity;
  if (rsqrt <= MAX_REL_ERR && !(plain[0]?.relErr < rsqrt)) {
    // an inverse square root never ends by itself: its total comes from the run's planned length
    if (known === undefined) return { ok: false, why: `the logged LR is an inverse square root (peak·√(${warmup}/step), within ${(rsqrt * 100).toFixed(1)}%), which does not show where the run ends: give its total (rsqrt:warmup=${warmup},total=…,peak=${round3(peak)})`, template: `rsqrt:warmup=${warmup},total=…,peak=${round3(peak)}` };
    const spec: ScheduleSpec = { kind: 'rsqrt', warmup, timescale: warmup, total: known, peak: round3(peak), end: 0 };
    return { ok: true, spec, text: formatSchedule(spec), relErr: rsqrt, note: `an inverse square root; total is the planned length the log or config records, ${known} steps` };
  }
  // warmup-stable-decay has one more parameter (where the decay starts): it must fit clearly better
  const wsd = staged.length > 0 && (plain.length === 0 || staged[0].relErr < 0.5 * plain[0].relErr);
  const fits = wsd ? staged : plain;
  const best = fits[0];
  if (!best || !(best.relErr <= MAX_REL_ERR)) {
    return { ok: false, why: `the logged LR is not a cosine, linear${held ? ', or warmup-stable-decay' : ''} decay (best: ${best?.shape ?? 'none'}, off by ${((best?.relErr ?? NaN) * 100).toFixed(1)}%)` };
  }
  const total = Math.round(best.total);
  const end = round3(best.end);
  const p = round3(peak);
  const fitted: ScheduleSpec = wsd
    ? { kind: 'wsd', warmup, decay: best.from, total, peak: p, end, shape: best.shape as DecayShape }
    : { kind: best.shape as 'cosine' | 'linear', warmup, total, peak: p, end };
  // the rounded spec, checked against the whole logged decay
  const idx = after(iPeak);
  const errOf = (s: ScheduleSpec): number => {
    let sq = 0;
    for (const i of idx) sq += (lrAt(s, steps[i]) / lr[i] - 1) ** 2;
    return Math.sqrt(sq / idx.length);
  };
  const { spec, relErr } = roundest(fitted, errOf(fitted), errOf, known !== undefined);
  const runnerUp = fits.find((f) => f.shape !== best.shape);
  const note =
    known !== undefined
      ? `total is the planned length the log or config records, ${known} steps`
      : best.shape === 'linear' && best.end === 0
      ? 'a straight decay does not show where it stops: end=0 assumed, so total is where it would reach 0'
      : best.shape === 'exp'
        ? 'a geometric decay does not show where it stops: end = peak/10 assumed'
        : runnerUp && runnerUp.relErr <= 1.5 * best.relErr
          ? `${runnerUp.shape} fits almost as well`
          : undefined;
  return { ok: true, spec, text: formatSchedule(spec), relErr, ...(note ? { note } : {}) };
}

/** A rounder spec is taken when it fits the logged decay at least as well as the fitted one, within this share of its error (numerical noise). */
const AS_WELL = 1.01;

/** `v` to 1, 2 and 3 significant digits, then `v` itself; with the digits each takes. */
function roundings(v: number): { value: number; digits: number }[] {
  const out = new Map<number, number>();
  for (const d of [1, 2, 3]) {
    const r = Number(v.toPrecision(d));
    if (r > 0 && !out.has(r)) out.set(r, d);
  }
  if (!out.has(v)) out.set(v, 16);
  return [...out].map(([value, digits]) => ({ value, digits }));
}

/**
 * The spec with its fitted total, decay start and end replaced by the roundest numbers that fit the
 * logged decay at least as well as the fitted ones: people write schedules in round numbers, and
 * the fitted ones are off by the search grid's step (23993 for 24000, 0.0000301 for 3e-5). Every
 * combination is tried, since a fitted total and end trade off (24000 fits once the end is 3e-5,
 * not with the fitted 2.97e-5); early in a decay, where a rounder total fits a little worse, the
 * fitted one stays. A total the log records (`totalKnown`) stays.
 */
function roundest(spec: ScheduleSpec, relErr: number, errOf: (s: ScheduleSpec) => number, totalKnown: boolean): { spec: ScheduleSpec; relErr: number } {
  if (spec.kind !== 'cosine' && spec.kind !== 'linear' && spec.kind !== 'wsd') return { spec, relErr };
  const keep = (v: number): { value: number; digits: number }[] => [{ value: v, digits: 16 }];
  const totals = totalKnown ? keep(spec.total) : roundings(spec.total);
  const ends = spec.end === 0 ? keep(0) : roundings(spec.end);
  const decays = spec.kind === 'wsd' ? roundings(spec.decay) : [{ value: NaN, digits: 0 }];
  let best: { spec: ScheduleSpec; relErr: number; digits: number } = { spec, relErr, digits: Infinity };
  for (const t of totals) {
    for (const e of ends) {
      for (const d of decays) {
        const s = (spec.kind === 'wsd' ? { ...spec, total: t.value, end: e.value, decay: d.value } : { ...spec, total: t.value, end: e.value }) as ScheduleSpec;
        if (s.kind === 'wsd' && (s.decay <= s.warmup || s.decay >= s.total)) continue;
        if (s.kind !== 'constant' && 'end' in s && s.end > s.peak) continue;
        const digits = t.digits + e.digits + d.digits;
        if (digits >= best.digits) continue;
        const err = errOf(s);
        if (err <= relErr * AS_WELL + 1e-12) best = { spec: s, relErr: err, digits };
      }
    }
  }
  return { spec: best.spec, relErr: best.relErr };
}

/** The guess's fit in words: "within 0.1%; <note>" (below 0.1% it says 0.1%). */
export function guessFit(g: Extract<ScheduleGuess, { ok: true }>): string {
  const pct = g.relErr < 0.001 ? '0.1%' : `${(g.relErr * 100).toFixed(1)}%`;
  return `within ${pct}${g.note ? `; ${g.note}` : ''}`;
}

/** inferSchedule on a raw logged LR; undefined when the log is unusable (what is wrong is the forecast's to report). */
export function scheduleOfLog(log: LrLog, planned?: number): ScheduleGuess | undefined {
  try {
    return inferSchedule(cleanLrLog(log), planned);
  } catch (err) {
    if (err instanceof ScalingLensError) return undefined;
    throw err;
  }
}
