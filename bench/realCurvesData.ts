// The development corpus of real training curves (data/trajectories, data/lr-schedules), turned
// into one list of points per curve following data/trajectories/README.md's recipe and quirks.
// Shared by bench/realCurves.bench.ts and the unit tests that pin its figures.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Point } from '../src/core/analysis';
import { warmupEnd } from '../src/core/warmup';

export interface RealCurve {
  readonly set: string;
  readonly name: string;
  readonly points: Point[];
  /** Where the product starts the fit: the end of the logged LR warmup (core/warmup.ts), for logs that have one. */
  readonly fitFrom?: number;
}

type Row = Record<string, string>;
const read = (file: string): Row[] => parse(readFileSync(file, 'utf8'), { columns: true, relax_column_count: true }) as Row[];

const finitePositive = (p: Point): boolean => Number.isFinite(p.x) && Number.isFinite(p.y) && p.x > 0 && p.y > 0;

function grouped(rows: readonly Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r[key];
    let g = out.get(k);
    if (!g) out.set(k, (g = []));
    g.push(r);
  }
  return out;
}

/**
 * T5 on the Pile, one curve per model: per-token cross-entropy vs step. `cross_ent_loss` is summed
 * over the batch's target tokens; the per-token columns overflow after step 0, so the divisor
 * (≈ 233,472 target tokens per batch) is taken from each model's step-0 row, where both are
 * intact. The `loss` column is not used: it adds the z-loss term. The step-0 row itself is dropped
 * (x = 0 has no logarithm).
 */
export function t5Curves(dir = 'data/trajectories'): RealCurve[] {
  const out: RealCurve[] = [];
  for (const [model, rows] of grouped(read(join(dir, 't5_pile.csv')), 'model_name')) {
    const first = rows.find((r) => Number(r.steps) === 0);
    const perBatch = first ? Number(first.cross_ent_loss) / Number(first.cross_ent_loss_per_all_target_tokens) : 233472;
    const points = rows.map((r) => ({ x: Number(r.steps), y: Number(r.cross_ent_loss) / perBatch })).filter(finitePositive);
    out.push({ set: 'T5', name: `t5-${model}`, points });
  }
  return out;
}

/** OPT checkpoints, one curve per model size: loss = ln(perplexity) vs tokens (`num_token` is log10 tokens). */
export function optCurves(dir = 'data/trajectories'): RealCurve[] {
  const out: RealCurve[] = [];
  for (const [size, rows] of grouped(read(join(dir, 'opt_trajectories.csv')), 'model_size')) {
    const points = rows.map((r) => ({ x: 10 ** Number(r.num_token), y: Math.log(Number(r.ppl)) })).filter(finitePositive);
    out.push({ set: 'OPT', name: `opt-${size}`, points });
  }
  return out;
}

/** LLM360 K2 65B: training loss vs `tokens_seen` (`Step` is not monotonic). */
export function k2Curves(dir = 'data/trajectories'): RealCurve[] {
  const points = read(join(dir, 'K2.csv'))
    .filter((r) => r['k2 training - lm loss'] !== '' && r.tokens_seen !== '')
    .map((r) => ({ x: Number(r.tokens_seen), y: Number(r['k2 training - lm loss']) }))
    .filter(finitePositive);
  return [{ set: 'K2', name: 'k2-65b', points }];
}

/** LLM360 Mamba 3B's log as numbers: step, loss and the logged learning rate, per step. */
export function mambaRows(dir = 'data/trajectories'): { step: number; loss: number; lr: number }[] {
  return read(join(dir, 'llm360Mamba3B.csv')).map((r) => ({ step: Number(r.step), loss: Number(r.loss), lr: Number(r.lr) }));
}

/** LLM360 Mamba 3B: per-step training loss vs step (44k points; analyze log-bins long curves). */
export function mambaCurves(dir = 'data/trajectories'): RealCurve[] {
  const rows = mambaRows(dir);
  const points = rows.map((r) => ({ x: r.step, y: r.loss })).filter(finitePositive);
  const fitFrom = warmupEnd(rows.map((r) => r.step), rows.map((r) => r.lr));
  return [{ set: 'Mamba', name: 'mamba-3b', points, ...(fitFrom !== undefined ? { fitFrom } : {}) }];
}

/** The 18 runs of data/lr-schedules (25M and 100M models, nine schedules): loss vs step. */
export function lrScheduleCurves(dir = 'data/lr-schedules'): RealCurve[] {
  const out: RealCurve[] = [];
  for (const size of ['25M', '100M']) {
    for (const f of readdirSync(join(dir, size)).filter((n) => n.endsWith('.csv')).sort()) {
      const points = read(join(dir, size, f)).map((r) => ({ x: Number(r.step), y: Number(r.loss) })).filter(finitePositive);
      out.push({ set: 'lr-schedules', name: `${size}/${f.replace(/\.csv$/, '')}`, points });
    }
  }
  return out;
}

export function corpusCurves(): RealCurve[] {
  return [...t5Curves(), ...optCurves(), ...k2Curves(), ...mambaCurves(), ...lrScheduleCurves()];
}
