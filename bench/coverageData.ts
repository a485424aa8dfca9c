// The curves the coverage bench scores intervals on: the RNSL benchmark (Training == 0 points held
// out) and the real-curve corpus (data/trajectories, data/lr-schedules), each corpus curve fitted on
// its first 50% and 25% of points in x order and scored on the rest. Recipes from
// data/trajectories/README.md: T5 per-token loss = cross_ent_loss / (target tokens per batch, from
// the step-0 row), OPT loss = ln ppl vs tokens (num_token is log10), K2 loss vs tokens_seen,
// Mamba per-step loss vs step, LR schedules loss vs step.
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Point } from '../src/core/analysis';
import { domainSettings } from '../src/core/benchmark';
import { warmupEnd } from '../src/core/warmup';
import { benchmarkCurves, benchmarkRows } from './benchmarkRows';

export interface CoverageCurve {
  /** The calibration set it belongs to (leave-one-set-out unit). */
  readonly set: string;
  /** Finer label for the report (T5, OPT, …; RNSL domain). */
  readonly subset: string;
  readonly name: string;
  readonly points: Point[];
  readonly trainMask: boolean[];
  readonly upperBound?: number;
  /** Where the product starts the fit: the end of the logged LR warmup (core/warmup.ts), for logs that have one. */
  readonly fitFrom?: number;
}

function rows(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, relax_column_count: true }) as Record<string, string>[];
}

export function rnslCurves(): CoverageCurve[] {
  return benchmarkCurves(benchmarkRows()).map((g) => ({
    set: g[0].domain === 'IC' ? 'RNSL vision' : 'RNSL language',
    subset: `RNSL ${g[0].domain}`,
    name: `${g[0].domain}/${g[0].task}/${g[0].model}`,
    points: g.map((r) => ({ x: r.x, y: r.y })),
    trainMask: g.map((r) => r.training),
    ...domainSettings(g[0].domain),
  }));
}

/** Sorted, positive points; first `frac` of them (in x order) marked for fitting. */
function prefixCurve(set: string, subset: string, name: string, pts: Point[], frac: number, fitFrom?: number): CoverageCurve {
  const p = pts.filter((q) => q.x > 0 && q.y > 0 && Number.isFinite(q.x) && Number.isFinite(q.y)).sort((a, b) => a.x - b.x);
  const k = Math.floor(p.length * frac);
  return { set, subset, name: `${name} @${Math.round(frac * 100)}%`, points: p, trainMask: p.map((_, i) => i < k), ...(fitFrom !== undefined ? { fitFrom } : {}) };
}

function trajectories(): { subset: string; name: string; points: Point[]; fitFrom?: number }[] {
  const out: { subset: string; name: string; points: Point[]; fitFrom?: number }[] = [];
  const t5 = rows('data/trajectories/t5_pile.csv');
  for (const model of [...new Set(t5.map((r) => r.model_name))]) {
    const rs = t5.filter((r) => r.model_name === model);
    const r0 = rs.find((r) => Number(r.steps) === 0)!;
    const perBatch = Number(r0.cross_ent_loss) / Number(r0.cross_ent_loss_per_all_target_tokens);
    out.push({ subset: 'T5', name: `t5 ${model}`, points: rs.map((r) => ({ x: Number(r.steps), y: Number(r.cross_ent_loss) / perBatch })) });
  }
  const opt = rows('data/trajectories/opt_trajectories.csv');
  for (const size of [...new Set(opt.map((r) => r.model_size))]) {
    out.push({ subset: 'OPT', name: `opt ${size}`, points: opt.filter((r) => r.model_size === size).map((r) => ({ x: 10 ** Number(r.num_token), y: Math.log(Number(r.ppl)) })) });
  }
  const k2 = rows('data/trajectories/K2.csv').filter((r) => r['k2 training - lm loss'] !== '');
  out.push({ subset: 'K2', name: 'k2', points: k2.map((r) => ({ x: Number(r.tokens_seen), y: Number(r['k2 training - lm loss']) })) });
  const mamba = rows('data/trajectories/llm360Mamba3B.csv');
  const fitFrom = warmupEnd(mamba.map((r) => Number(r.step)), mamba.map((r) => Number(r.lr)));
  out.push({ subset: 'Mamba', name: 'mamba 3b', points: mamba.map((r) => ({ x: Number(r.step), y: Number(r.loss) })), ...(fitFrom !== undefined ? { fitFrom } : {}) });
  return out;
}

function lrSchedules(): { subset: string; name: string; points: Point[] }[] {
  const out: { subset: string; name: string; points: Point[] }[] = [];
  for (const size of ['25M', '100M']) {
    for (const f of readdirSync(`data/lr-schedules/${size}`).filter((n) => n.endsWith('.csv')).sort()) {
      out.push({ subset: `LR ${size}`, name: `${size} ${f.replace('.csv', '')}`, points: rows(`data/lr-schedules/${size}/${f}`).map((r) => ({ x: Number(r.step), y: Number(r.loss) })) });
    }
  }
  return out;
}

export function corpusCurves(fracs: readonly number[] = [0.5, 0.25]): CoverageCurve[] {
  const out: CoverageCurve[] = [];
  for (const frac of fracs) {
    for (const c of trajectories()) out.push(prefixCurve('trajectories', c.subset, c.name, c.points, frac, c.fitFrom));
    for (const c of lrSchedules()) out.push(prefixCurve('lr-schedules', c.subset, c.name, c.points, frac));
  }
  return out;
}
