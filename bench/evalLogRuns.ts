// Synthetic eval logs of LM pretraining runs: the validation loss every Δ steps (12–40 evals per
// run), with the logged LR, under warmup + cosine / WSD / linear / constant schedules. The loss
// follows the multi-power law (schedules.md) with parameters drawn around the published 25M and
// 100M fits, capped at the loss of an untrained model (ln of a 50k vocabulary), and small iid
// log-normal noise (an eval set is fixed, so its loss barely jitters). Two disjoint seed ranges:
// 'dev' for choosing a rule, 'report' for the figures quoted, so no rule is scored on the runs
// it was chosen on. None of this is real data; it complements data/, where no curve is an eval
// log with a few points past its warmup.
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

export function evalLogRun(seed: number): EvalLogRun {
  const u = mulberry32(seed);
  const z = normal(mulberry32(seed ^ 0x5bd1e995));
  const evals = 12 + Math.floor(u() * 29);
  const every = pick(u, [200, 250, 500, 1000]);
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
  const sd = 0.002 + 0.006 * u();
  return {
    name: `${spec.kind}${spec.kind === 'cosine' && spec.end === 0 ? '0' : ''} ${evals}×${every} warmup ${warmup} (seed ${seed})`,
    steps,
    lr: steps.map((s) => eta[s]!),
    loss: truth.map((v) => v * Math.exp(sd * z())),
    truth,
  };
}

export function evalLogRuns(split: keyof typeof SEEDS, n: number): EvalLogRun[] {
  return Array.from({ length: n }, (_, i) => evalLogRun(SEEDS[split] + i));
}

export const runPoints = (r: EvalLogRun): Point[] => r.steps.map((x, i) => ({ x, y: r.loss[i]! }));
