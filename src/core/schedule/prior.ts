// A fitted schedule-aware law as it travels between fit, predict and forecast (and FIT.json):
// the law's name and its parameters, one set for a model size and data.
import { ScalingLensError } from '../types';
import { MPL_NAMES, type MplParams } from './mpl';
import { TISSUE_LAMBDA, type TissueParams } from './tissue';

export type ScheduleLaw = 'mpl' | 'tissue';

/** `y`: the series the law was fitted to ("loss", "val_bpb"), in a FIT.json that records it. */
export type ScheduleFit = ({ readonly law: 'mpl'; readonly params: MplParams } | { readonly law: 'tissue'; readonly params: TissueParams }) & { readonly y?: string };

const TISSUE_NAMES = ['L0', 'A', 'alpha', 'C'] as const;

/** Reads {"law", "params", "y"?} (the output of `schedule fit --json`; one saved before it recorded its y has none); one-line errors. */
export function parseScheduleFit(v: unknown, what = 'the fit'): ScheduleFit {
  const o = v as { law?: unknown; params?: Record<string, unknown>; y?: unknown } | null;
  if (!o || typeof o !== 'object' || (o.law !== 'mpl' && o.law !== 'tissue') || !o.params || typeof o.params !== 'object') {
    throw new ScalingLensError('bad-argument', `${what} is not a schedule-law fit: expected {"law": "mpl"|"tissue", "params": {…}} as written by "scaling-lens schedule fit --json"`);
  }
  const names = o.law === 'mpl' ? MPL_NAMES : TISSUE_NAMES;
  const p: Record<string, number> = {};
  for (const k of names) {
    const x = o.params[k];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ScalingLensError('bad-argument', `${what}: parameter ${k} of the ${o.law} law is missing or not a number`);
    p[k] = x;
  }
  const y = typeof o.y === 'string' && o.y.trim() !== '' ? { y: o.y } : {};
  if (o.law === 'mpl') return { law: 'mpl', params: p as unknown as MplParams, ...y };
  const lambda = typeof o.params.lambda === 'number' ? o.params.lambda : TISSUE_LAMBDA;
  return { law: 'tissue', params: { ...(p as { L0: number; A: number; alpha: number; C: number }), lambda }, ...y };
}
