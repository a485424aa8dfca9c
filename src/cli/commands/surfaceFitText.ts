// `fit --law chinchilla …` (or another surface law) as text, from its JSON.
import { chinchillaFromParams } from '../../core/laws/chinchilla';
import type { SurfaceBootstrap } from '../../core/surfaceBootstrap';
import { isManyLeftOutNote } from '../../ingest/model/sweepRowNotes';
import type { TextAnswer } from '../textAnswer';
import { allocationTable, fmt, intervalText, table } from './surfaceOutput';
import type { SurfaceFitJson } from './fitSurface';
import { isoflopText } from './isoflopOutput';
import { allocationExponents } from '../../core/allocation';
import { surfaceBackTestText } from '../../core/surfaceBackTest';
import { backTestedText } from '../../core/surfaceLawComparison';
import { BEYOND_SWEEP_FACTOR, timesText } from '../../core/beyondSweep';

/** "33× past", "100× below" for a budget over 10× outside the sweep's runs (core/beyondSweep.ts); '' within. */
function outsideRunsMark(flops: number, largest: number | undefined, smallest: number | undefined): string {
  if (largest !== undefined && largest > 0 && flops > BEYOND_SWEEP_FACTOR * largest) return `${timesText(flops / largest)}× past`;
  if (smallest !== undefined && smallest > 0 && flops * BEYOND_SWEEP_FACTOR < smallest) return `${timesText(smallest / flops)}× below`;
  return '';
}

const PAST = /× the compute of the largest run in /;
const BELOW = /× below the compute of the smallest run in /;
const isOutsideRunsNote = (w: string): boolean => PAST.test(w) || BELOW.test(w);

export function surfaceFitText(out: SurfaceFitJson): TextAnswer {
  const lines: string[] = [];
  lines.push(`${out.law} fit of ${out.file}: ${out.points} points${out.starts ? `, ${out.starts} starts` : ''}; ${out.converged ? 'converged' : 'NOT converged'} (${out.reason}); objective ${fmt(out.objective)}`);
  lines.push('');
  const ci = out.bootstrap?.params as Record<string, SurfaceBootstrap['params']['E']> | undefined;
  const header = ['parameter', 'value'];
  if (ci) header.push(`${Math.round((out.bootstrap!.level) * 100)}% CI (${out.bootstrap!.resamples} resamples)`);
  lines.push(table(header, Object.entries(out.params).map(([k, v]) => (ci ? [k, fmt(v), intervalText(ci[k])] : [k, fmt(v)]))));
  if (out.bootstrap && out.bootstrap.failed > 0) lines.push(`(${out.bootstrap.failed} resamples failed to refit and are excluded)`);
  if (out.bootstrapSkipped) lines.push(`(${out.bootstrapSkipped})`);
  if (out.frontier && out.frontier.length) {
    lines.push('', 'compute-optimal frontier (C ≈ 6ND):');
    const marks = out.frontier.map((a) => outsideRunsMark(a.flops, out.largestRunFlops, out.smallestRunFlops));
    lines.push(allocationTable(out.frontier, out.bootstrap?.allocations, out.bootstrap?.level, marks));
    const far = out.frontier.flatMap((a) => a.warnings.filter(isOutsideRunsNote));
    // the farthest row each way says what the marks mean, in the words allocate --from uses
    const farthest = [far.filter((w) => PAST.test(w)).at(-1), far.find((w) => BELOW.test(w))].filter((w): w is string => w !== undefined);
    if (farthest.length) lines.push(`rows marked past or below are extrapolations of the surface; the farthest: ${farthest.join(' ')}`);
  }
  if (out.isoflop) {
    const p = out.params;
    const surfaceA = p.alpha > 0 && p.beta > 0 ? allocationExponents(chinchillaFromParams(p)).a : undefined;
    lines.push('', isoflopText(out.isoflop, surfaceA));
  }
  if (out.backTest) lines.push('', surfaceBackTestText(out.backTest));
  const compared = out.lawBackTests && backTestedText(out.lawBackTests);
  if (compared) lines.push(...(out.backTest ? [] : ['']), compared);
  const warnings = [...out.warnings.filter(isManyLeftOutNote), ...out.warnings.filter((w) => !isManyLeftOutNote(w)), ...(out.isoflop?.warnings ?? [])];
  return { answer: lines.join('\n'), warnings };
}
