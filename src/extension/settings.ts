// Typed access to the scalingLens.* settings (declared in package.json `contributes.configuration`).
import * as vscode from 'vscode';

export interface Settings {
  readonly estimators: readonly string[];
  readonly target: string;
  readonly holdoutFraction: number;
  readonly smoothing: number;
  /** Fit a log's LR warmup too (default: the fit starts where the logged LR peaks). */
  readonly fitWarmup?: boolean;
  readonly bootstrapSamples: number;
  readonly pollIntervalMs: number;
  readonly maxChartPoints: number;
  /** The loss the forecast's "reaches L at step s" and P(final < L) are about; unset: none. */
  readonly targetLoss?: number;
  /** Warn once when P(final < target) drops under this (default 0.2). */
  readonly warnBelowProbability?: number;
}

export const DEFAULT_ESTIMATORS = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'] as const;

function clamp(v: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

function targetLossOf(v: unknown): { targetLoss?: number } {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? { targetLoss: v } : {};
}

export function readSettings(scope?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('scalingLens', scope);
  const estimators = c.get<unknown>('estimators');
  return {
    estimators:
      Array.isArray(estimators) && estimators.every((e) => typeof e === 'string') && estimators.length > 0
        ? (estimators as string[])
        : [...DEFAULT_ESTIMATORS],
    target: c.get<string>('target') || '10x',
    holdoutFraction: clamp(c.get<number>('holdoutFraction', 0), 0, 0.9, 0),
    smoothing: clamp(c.get<number>('smoothing', 0), 0, 0.999, 0),
    fitWarmup: c.get<boolean>('fitWarmup', false) === true,
    bootstrapSamples: Math.round(clamp(c.get<number>('bootstrapSamples', 40), 0, 2000, 40)),
    pollIntervalMs: Math.round(clamp(c.get<number>('pollIntervalMs', 1000), 100, 60_000, 1000)),
    maxChartPoints: Math.round(clamp(c.get<number>('maxChartPoints', 2000), 50, 100_000, 2000)),
    ...targetLossOf(c.get<unknown>('targetLoss')),
    warnBelowProbability: clamp(c.get<number>('warnBelowProbability', 0.2), 0, 1, 0.2),
  };
}
