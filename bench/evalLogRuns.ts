// Synthetic logs of LM pretraining runs, with the logged LR, under warmup + cosine / WSD / linear /
// constant schedules. The loss follows the multi-power law (schedules.md) with parameters drawn
// around the published 25M and 100M fits, capped at the loss of an untrained model (ln of a 50k
// vocabulary). Two kinds:
// - eval logs: the validation loss every Δ steps (12–40 evals per run), small iid log-normal noise
//   (an eval set is fixed, so its loss barely jitters);
// - train logs: the training loss every 1–20 steps (1,000–6,000 points), noise that wanders with
//   the data order (AR(1) in log y, ρ 0.3–0.95, 1–3% σ), and in a third of the runs 1–3 loss
//   spikes (+20–100%) that fade over 20–200 steps.
// Two disjoint seed ranges: 'dev' for choosing a rule, 'report' for the figures quoted, so no rule
// is scored on the runs it was chosen on. None of this is real data; it complements data/, where
// no curve is an eval log with a few points past its warmup and only one is a per-step log.
import type { Point } from '../src/core/analysis';
import { mulberry32, normal } from '../src/core/random';
import { mplNaive, type MplParams } from '../src/core/schedule/mpl';
import { lrAt, type ScheduleSpec } from '../src/core/schedule/spec';

export interface EvalLogRun {
  readonly name: string;
  readonly steps: number[];
  readonly lr: number[];
  readonly loss: number[];
  /** The loss the law gives without noise, at each step. */
  readonly truth: number[];
}

const UNTRAINED = Math.log(50_257);
const SEEDS = { dev: 1_000, report: 2_000 } as const;
export type LogKind = 'eval' | 'train';

function pick<T>(u: () => number, xs: readonly T[]): T {
  return xs[Math.floor(u() * xs.length)]!;
}

function schedule(u: () => number, total: number, warmup: number, peak: number): ScheduleSpec {
  const kind = pick(u, ['cosine10', 'cosine0', 'wsd', 'linear', 'constant'] as const);
  switch (kind) {
    case 'cosine10':
      return { kind: 'cosine', warmup, total, peak, end: 0.1 * peak };
    case 'cosine0':
      return { kind: 'cosine', warmup, total, peak, end: 0 };
    case 'linear':
      return { kind: 'linear', warmup, total, peak, end: 0 };
    case 'constant':
      return { kind: 'constant', warmup, total, peak };
    case 'wsd':
      return { kind: 'wsd', warmup, decay: Math.round(total * (0.8 + 0.1 * u())), total, peak, end: 0.01 * peak, shape: pick(u, ['linear', 'sqrt', 'cosine'] as const) };
  }
}

export function evalLogRun(seed: number, kind: LogKind = 'eval'): EvalLogRun {
  const u = mulberry32(kind === 'eval' ? seed : seed + 0x10000);
  const z = normal(mulberry32(seed ^ 0x5bd1e995));
  const evals = kind === 'eval' ? 12 + Math.floor(u() * 29) : 1_000 + Math.floor(u() * 5_001);
  const every = kind === 'eval' ? pick(u, [200, 250, 500, 1000]) : pick(u, [1, 5, 10, 20]);
  const total = evals * every;
  // warmup 1–10% of the run, as LM recipes set it (often a fixed 1–2k steps)
  const warmup = Math.max(50, Math.round(total * (0.01 + 0.09 * u())));
  const peak = pick(u, [3e-4, 6e-4, 1e-3]) * (0.7 + 0.6 * u());
  const spec = schedule(u, total, warmup, peak);
  const base = u() < 0.5 ? { L0: 3.04, A: 0.525, alpha: 0.508, B: 363.8, C: 2.066, beta: 0.583, gamma: 0.641 } : { L0: 2.651, A: 0.601, alpha: 0.453, B: 437.9, C: 2.132, beta: 0.598, gamma: 0.655 };
  const jitter = (v: number, by: number): number => v * Math.exp(by * (2 * u() - 1));
  const p: MplParams = { ...base, L0: base.L0 * (0.8 + 0.4 * u()), A: jitter(base.A, 0.4), alpha: jitter(base.alpha, 0.25), B: jitter(base.B, 0.4) };
  // a schedule to 0 ends at η = 0, where the law's η^(−γ) is infinite: floor it far below any logged LR
  const eta = Float64Array.from({ length: total + 1 }, (_, s) => Math.max(lrAt(spec, s), 1e-6 * peak));
  const steps = Array.from({ length: evals }, (_, i) => (i + 1) * every);
  const truth = Array.from(mplNaive(p, eta, steps, warmup), (v) => Math.min(v, UNTRAINED));
  return {
    name: `${kind} ${spec.kind}${spec.kind === 'cosine' && spec.end === 0 ? '0' : ''} ${evals}×${every} warmup ${warmup} (seed ${seed})`,
    steps,
    lr: steps.map((s) => eta[s]!),
    loss: kind === 'eval' ? withEvalNoise(u, z, truth) : withTrainNoise(u, z, truth),
    truth,
  };
}

function withEvalNoise(u: () => number, z: () => number, truth: readonly number[]): number[] {
  const sd = 0.002 + 0.006 * u();
  return truth.map((v) => v * Math.exp(sd * z()));
}

function withTrainNoise(u: () => number, z: () => number, truth: readonly number[]): number[] {
  const rho = 0.3 + 0.65 * u();
  const sd = 0.01 + 0.02 * u();
  const spikes = u() < 1 / 3 ? Array.from({ length: 1 + Math.floor(u() * 3) }, () => ({ at: Math.floor(truth.length * (0.1 + 0.8 * u())), size: 0.2 + 0.8 * u(), fade: 20 + 180 * u() })) : [];
  let e = 0;
  return truth.map((v, i) => {
    e = rho * e + Math.sqrt(1 - rho * rho) * sd * z();
    const spike = spikes.reduce((s, k) => s + (i >= k.at ? k.size * Math.exp(-(i - k.at) / k.fade) : 0), 0);
    return v * Math.exp(e) * (1 + spike);
  });
}

export function evalLogRuns(split: keyof typeof SEEDS, n: number, kind: LogKind = 'eval'): EvalLogRun[] {
  return Array.from({ length: n }, (_, i) => evalLogRun(SEEDS[split] + i, kind));
}

export const runPoints = (r: EvalLogRun): Point[] => r.steps.map((x, i) => ({ x, y: r.loss[i]! }));
