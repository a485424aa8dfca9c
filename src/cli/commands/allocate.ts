// `scaling-lens allocate --budget C [C…] [--from FIT.json | --preset chinchilla|epoch] [--json]`:
// the compute-optimal model size and token count for each budget on a fitted or published
// Chinchilla surface, plus the inverse questions (--loss: compute to reach a loss; --n: a fixed
// model size on the budget).
import { readFileSync } from 'node:fs';
import { parseArgs, one, UsageError } from '../args';
import type { Command } from '../command';
import { computeForLoss, fixedSizePlan, optimalAllocation, type Allocation, type FixedSizePlan } from '../../core/allocation';
import { chinchillaFromParams, type ChinchillaParams } from '../../core/laws/chinchilla';
import { PRESETS, presetIds } from '../../core/presets';
import { ScalingLensError } from '../../core/types';
import { parseBudget, parseTarget } from '../../core/units';
import { allocationTable, fmt } from './surfaceOutput';

const VALUED = ['budget', 'from', 'preset', 'loss', 'n'];
const BOOLEANS = ['json'];

interface Source {
  readonly label: string;
  readonly params: ChinchillaParams;
}

/** Reads `fit --law chinchilla --json` output (or a bare {E, A, B, alpha, beta} object). */
export function surfaceFromJson(text: string, path: string): ChinchillaParams {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON (expected the output of "fit --law chinchilla --json")`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new UsageError(`${path} does not hold a surface`);
  const rec = parsed as Record<string, unknown>;
  if (typeof rec.law === 'string' && rec.law !== 'chinchilla' && rec.law !== 'chinchilla-dc') {
    throw new UsageError(`${path} holds a "${rec.law}" fit; allocate needs a chinchilla surface`);
  }
  const params = (typeof rec.params === 'object' && rec.params !== null ? rec.params : rec) as Record<string, number>;
  try {
    return chinchillaFromParams(params);
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`${path}: ${err.message}`);
    throw err;
  }
}

function source(from: string | undefined, preset: string | undefined): Source {
  if (from !== undefined && preset !== undefined) throw new UsageError('give either --from FIT.json or --preset, not both');
  if (from !== undefined) {
    let text: string;
    try {
      text = readFileSync(from, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${from}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    return { label: `fit in ${from}`, params: surfaceFromJson(text, from) };
  }
  const id = preset ?? 'chinchilla';
  const p = PRESETS[id];
  if (!p) throw new UsageError(`--preset must be one of ${presetIds().join(', ')}; got "${id}"`);
  return { label: p.label, params: p.params };
}

function amount(text: string, flag: string): number {
  try {
    return flag === 'budget' ? parseBudget(text) : parseTarget(text).value;
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`--${flag}: ${err.message}`);
    throw err;
  }
}

export interface AllocateJson {
  source: string;
  surface: ChinchillaParams;
  allocations: Allocation[];
  forLoss?: Allocation & { targetLoss: number };
  fixedSize?: FixedSizePlan[];
}

export const command: Command = {
  help: [
    'scaling-lens allocate --budget C [C…] [--from FIT.json | --preset chinchilla|epoch|epoch-huber] [--loss L] [--n N] [--json]',
    '  Compute-optimal model size N_opt, tokens D_opt, tokens per parameter and the loss L* for each',
    '  budget C in FLOPs (C ≈ 6ND), on a fitted surface (the JSON printed by "fit --law chinchilla --json")',
    '  or a published one (default: chinchilla). --loss L: the compute needed to reach loss L.',
    '  --n N: train a model of N parameters on each budget instead, compared with the optimal split.',
    '  Amounts accept suffixes: 5.76e23, 70B, 1.4T.',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, VALUED, BOOLEANS);
    if (args.positional.length) throw new UsageError(`unexpected argument "${args.positional[0]}"`);
    const budgets = (args.flags.get('budget') ?? []).map((b) => amount(b, 'budget'));
    const lossText = one(args, 'loss');
    if (budgets.length === 0 && lossText === undefined) throw new UsageError('allocate needs --budget C [C…] (FLOPs) or --loss L');
    const src = source(one(args, 'from'), one(args, 'preset'));
    const nText = one(args, 'n');
    const out: AllocateJson = { source: src.label, surface: src.params, allocations: budgets.map((c) => optimalAllocation(src.params, c)) };
    if (lossText !== undefined) {
      const target = Number(lossText);
      if (!Number.isFinite(target)) throw new UsageError(`--loss must be a number, got "${lossText}"`);
      out.forLoss = { ...computeForLoss(src.params, target), targetLoss: target };
    }
    if (nText !== undefined) {
      if (budgets.length === 0) throw new UsageError('--n needs --budget to know how much compute the model gets');
      const N = amount(nText, 'n');
      out.fixedSize = budgets.map((c) => fixedSizePlan(src.params, N, c));
    }
    if (args.switches.has('json')) {
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }
    const s = src.params;
    const lines = [`surface: ${src.label}`, `  L = ${fmt(s.E)} + ${fmt(s.A)}/N^${fmt(s.alpha)} + ${fmt(s.B)}/D^${fmt(s.beta)}`, ''];
    if (out.allocations.length) lines.push(allocationTable(out.allocations));
    if (out.forLoss) {
      const f = out.forLoss;
      lines.push('', `to reach loss ${fmt(f.targetLoss)}: ${fmt(f.flops)} FLOPs, N ${fmt(f.N)}, D ${fmt(f.D)} (${fmt(f.tokensPerParam)} tokens/param)`);
    }
    for (const p of out.fixedSize ?? []) {
      lines.push(
        '',
        `N = ${fmt(p.plan.N)} on ${fmt(p.plan.flops)} FLOPs: D ${fmt(p.plan.D)} (${fmt(p.plan.tokensPerParam)} tokens/param), loss ${fmt(p.plan.loss)}; ` +
          `optimal split gives ${fmt(p.optimal.loss)} (+${fmt(p.excessLoss)}). This N is compute-optimal at ${fmt(p.budgetWhereOptimal)} FLOPs.`,
      );
    }
    const warnings = new Set([...out.allocations, ...(out.forLoss ? [out.forLoss] : []), ...(out.fixedSize ?? []).map((p) => p.plan)].flatMap((a) => a.warnings));
    for (const w of warnings) lines.push(`warning: ${w}`);
    console.log(lines.join('\n'));
    return 0;
  },
};
