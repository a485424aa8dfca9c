// `allocate`'s answer as text, from the JSON it would print.
import { allocationTable, fmt, intervalText, lossIntervalText, table } from './surfaceOutput';
import { fmtLoss } from '../numberText';
import { surfaceBackTestText } from '../../core/surfaceBackTest';
import { terminalSafe } from '../terminalText';
import type { TextAnswer } from '../textAnswer';
import { APPROACH_2, isoflopAllocationTable } from './isoflopOutput';
import { fixedSizeText } from './allocatePoint';
import type { AllocateJson } from './allocateJson';
import type { Source } from './allocateSource';
import type { Interval } from '../../core/surfaceBootstrap';
import { unreachedText } from '../../core/reachInterval';

function constrainedText(c: NonNullable<AllocateJson['constrained']>, level: number): string {
  const lv = `${Number((level * 100).toPrecision(3))}%`;
  const head = `with ${fmt(c.uniqueTokens)} unique tokens (repeats decay with R_D* ${fmt(c.RD)}, excess parameters with R_N* ${fmt(c.RN)}: ${c.decaySource}):`;
  const header = ['budget (FLOPs)', 'N_opt (params)', 'D_opt (tokens)', 'epochs', 'L*', 'unlimited data: N, D, L*', ...(c.intervals ? [`N ${lv} CI`, `epochs ${lv} CI`, `L* ${lv} CI`] : [])];
  const rows = c.allocations.map((a, k) => {
    const u = a.unconstrained;
    const iv = c.intervals?.[k];
    return [fmt(a.flops), fmt(a.N), fmt(a.D), fmt(a.epochs), fmtLoss(a.loss), `${fmt(u.N)}, ${fmt(u.D)}, ${fmtLoss(u.loss)} (+${fmtLoss(a.excessLoss)})`, ...(iv ? [intervalText(iv.N), intervalText(iv.epochs), lossIntervalText(iv.loss)] : [])];
  });
  return [head, table(header, rows)].join('\n');
}

/** The answer, its warnings and notes; `atPoint`: the plan is of --n N --d D (no --budget). */
export function allocateText(out: AllocateJson, src: Pick<Source, 'params' | 'label' | 'backTest'>, planned: readonly number[], level: number, atPoint: boolean): TextAnswer {
  const s = src.params;
  const lines = [`surface: ${src.label}`, `  L = ${fmt(s.E)} + ${fmt(s.A)}/N^${fmt(s.alpha)} + ${fmt(s.B)}/D^${fmt(s.beta)}`, ...(src.backTest ? [`  ${terminalSafe(surfaceBackTestText(src.backTest, Math.max(...planned)))}`] : []), ...(out.backTests?.text ? [`  ${out.backTests.text}`] : []), ''];
  if (out.allocations.length) lines.push(allocationTable(out.allocations, out.allocationIntervals, level));
  const better = out.backTests?.better;
  if (better?.allocations.length) lines.push('', `${better.law}'s plan, its surface fitted to the whole sweep (no intervals):`, allocationTable(better.allocations));
  if (out.intervalNote) lines.push(out.intervalNote);
  if (out.constrained) lines.push('', constrainedText(out.constrained, level));
  if (out.isoflop) {
    const ci = out.isoflop.aInterval ? ` ${intervalText(out.isoflop.aInterval)} (${Math.round(level * 100)}%)` : '';
    lines.push('', `${APPROACH_2}, from the same sweep: N_opt ∝ C^${fmt(out.isoflop.a)}${ci}`);
    lines.push(isoflopAllocationTable(out.isoflop.allocations, out.isoflop.intervals, level));
    if (out.isoflop.intervalNote) lines.push(out.isoflop.intervalNote);
  }
  if (out.forLoss) {
    const f = out.forLoss;
    const r = out.forLossInterval;
    // the compute is the answer, so its interval; none on the loss, which is the one asked
    const iv = (i: Interval | undefined): string => (i && Number.isFinite(i.hi) ? ` ${intervalText(i)}` : '');
    const lv = r ? ` (${Number((r.level * 100).toPrecision(3))}% intervals from ${r.refits} bootstrap refits)` : '';
    lines.push('', `to reach loss ${fmt(f.targetLoss)}: ${fmt(f.flops)} FLOPs${iv(r?.flops)}, N ${fmt(f.N)}${iv(r?.N)}, D ${fmt(f.D)}${iv(r?.D)} (${fmt(f.tokensPerParam)} tokens/param)${r && Number.isFinite(r.flops.hi) ? lv : ''}`);
    const unbounded = r && unreachedText(r, fmt(f.targetLoss));
    if (unbounded) lines.push(unbounded);
  }
  if (out.inference) {
    const p = out.inference;
    lines.push(
      `then serving ${fmt(p.inferenceTokens)} tokens (2N FLOPs each), the cheapest in all: N ${fmt(p.N)}, D ${fmt(p.D)} (${fmt(p.tokensPerParam)} tokens/param), ` +
        `${fmt(p.trainingFlops)} FLOPs to train + ${fmt(p.inferenceFlops)} to serve = ${fmt(p.totalFlops)}; the plan above, serving the same, would total ${fmt(p.chinchillaTotal)}: ${(100 * p.saving).toFixed(1)}% saved`,
    );
  }
  (out.fixedSize ?? []).forEach((p, k) => lines.push('', fixedSizeText(p, out.fixedSizeIntervals?.[k], level, atPoint)));
  const warnings = new Set([...(out.warnings ?? []), ...[...out.allocations, ...(out.forLoss ? [out.forLoss] : []), ...(out.fixedSize ?? []).map((p) => p.plan), ...(out.constrained?.allocations ?? []), ...(out.inference ? [out.inference] : [])].flatMap((a) => a.warnings)]);
  // one blank line between parts, whichever parts there are
  return { answer: lines.join('\n').replace(/\n{3,}/g, '\n\n'), warnings, notes: out.notes };
}
