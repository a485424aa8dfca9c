// `allocate --n N --d D`: the loss a surface gives at N parameters trained on D tokens. The budget
// is 6·N·D, planned as `--n` with `--budget` plans it (the optimal split of the same compute beside
// it), so the notes past the sweep and the intervals from refits follow from that budget.
import { UsageError } from '../args';
import { FLOPS_PER_PARAM_TOKEN, type FixedSizePlan } from '../../core/allocation';
import type { Interval } from '../../core/surfaceBootstrap';
import { fmt, lossIntervalText } from './surfaceOutput';
import { fmtLoss } from '../numberText';

export interface PointAmounts {
  readonly N: number;
  readonly D: number;
  /** 6·N·D. */
  readonly flops: number;
}

/** --n and --d read as amounts (by `amount`, which refuses 0, 10x and a unit of the other axis); --d wants --n and no --budget. */
export function pointAmounts(nText: string | undefined, dText: string, hasBudget: boolean, amount: (text: string, flag: string) => number): PointAmounts {
  if (nText === undefined) throw new UsageError('--d needs --n: the loss of N parameters trained on D tokens, such as --n 7B --d 1T');
  if (hasBudget) throw new UsageError('give --d or --budget with --n, not both: with --n N --d D the budget is 6·N·D');
  const N = amount(nText, 'n');
  const D = amount(dText, 'd');
  const flops = FLOPS_PER_PARAM_TOKEN * N * D;
  // each amount is finite, their product need not be (--n 1e300 --d 1T): said as such, not "got Infinity"
  if (!Number.isFinite(flops)) throw new UsageError(`--n ${nText} --d ${dText}: the budget 6·N·D is past any finite number of FLOPs`);
  return { N, D, flops };
}

/** One fixed-size plan in words: its loss (and interval, at `level`), against the optimal split of the same budget. */
export function fixedSizeText(p: FixedSizePlan, lossInterval: Interval | undefined, level: number, atPoint: boolean): string {
  const iv = lossInterval ? ` ${lossIntervalText(lossInterval)} (${Number((level * 100).toPrecision(3))}%)` : '';
  const o = p.optimal;
  const head = atPoint
    ? `N = ${fmt(p.plan.N)} on D = ${fmt(p.plan.D)} tokens (${fmt(p.plan.tokensPerParam)} tokens/param, 6·N·D = ${fmt(p.plan.flops)} FLOPs): loss ${fmtLoss(p.plan.loss)}${iv}; ` +
      `optimal split of the same budget, N ${fmt(o.N)}, D ${fmt(o.D)}, gives ${fmtLoss(o.loss)} (+${fmtLoss(p.excessLoss)}).`
    : `N = ${fmt(p.plan.N)} on ${fmt(p.plan.flops)} FLOPs: D ${fmt(p.plan.D)} (${fmt(p.plan.tokensPerParam)} tokens/param), loss ${fmtLoss(p.plan.loss)}${iv}; ` +
      `optimal split gives ${fmtLoss(o.loss)} (+${fmtLoss(p.excessLoss)}).`;
  return `${head} This N is compute-optimal at ${fmt(p.budgetWhereOptimal)} FLOPs.`;
}
