// Sibling runs as a prior: which of the picked runs a schedule law can be fitted on (each needs a
// logged learning rate, a loss, enough points, and to have finished), one line for each run left
// out, the prior's name in the panel, and what to say about the fit before it is used. Pure.
import { basename, extname } from 'node:path';
import { parseScheduleFit, type ScheduleLawFit, type ScheduleRun } from '../../core/schedule/index';
import type { PanelState } from '../../shared/protocol';
import { ScalingLensError } from '../../core/types';
import { runIsFrom, scheduleRunOf, type LoadedRun } from '../../ingest/scheduleRuns';
import { muchShorter, unfinishedWhy } from './unfinishedRuns';
import { levelUnits, UNITS_TEXT } from '../../core/yMetric';

/** Fewer logged points than this cannot pin a schedule response (7 parameters for the multi-power law). */
export const MIN_PRIOR_POINTS = 10;

/** A sibling the fit describes worse than this (mean relative error) is named in a warning. */
export const POOR_FIT_REL_ERR = 0.02;

export interface PriorRuns {
  readonly runs: ScheduleRun[];
  /** Short names of the runs kept ("cosine_24000"). */
  readonly names: string[];
  /** One line per run left out, saying why. */
  readonly skipped: string[];
  /** One line per run kept that may not have finished (much shorter than the others). */
  readonly notes?: string[];
}

/** "cosine_24000" for …/25M/cosine_24000.csv; "folder#run" names keep their run part. */
export function shortRunName(name: string): string {
  const hash = name.lastIndexOf('#');
  if (hash >= 0) return name.slice(hash + 1);
  const b = basename(name);
  const ext = extname(b);
  return ext && ext.length <= 6 ? b.slice(0, -ext.length) : b;
}

/**
 * Why a sibling whose y is `key` cannot share one law with the watched run's `runY` (a loss in nats
 * beside bits or a perplexity: one parameter set would mix them); undefined when the units agree or
 * either is unknown.
 */
function otherUnits(key: string | undefined, runY: string | undefined): string | undefined {
  if (key === undefined || runY === undefined) return undefined;
  const [its, ours] = [levelUnits(key), levelUnits(runY)];
  return its === ours ? undefined : `logs ${key.trim()} (${UNITS_TEXT[its]}), and the watched run's y is ${runY.trim()} (${UNITS_TEXT[ours]})`;
}

/**
 * The runs to fit on: every loaded run except the watched one (`exclude`, its file), each with a
 * learning rate, a loss and MIN_PRIOR_POINTS points after step 0, that finished (not diverged, not
 * short of its planned end: unfinishedRuns.ts), in the units of the watched run's y `runY` when
 * given. Throws a one-line error when none is left.
 */
export function choosePriorRuns(loaded: readonly LoadedRun[], exclude?: string, runY?: string): PriorRuns {
  const runs: ScheduleRun[] = [];
  const kept: LoadedRun[] = [];
  const names: string[] = [];
  const skipped: string[] = [];
  let excluded = 0;
  for (const r of loaded) {
    const short = shortRunName(r.name);
    if (exclude !== undefined && runIsFrom(r, exclude)) {
      excluded++;
      continue;
    }
    const units = otherUnits(r.lossKey, runY);
    if (!r.lr) skipped.push(`${short}: logs no learning rate${r.lossKey ? ` (only ${r.lossKey})` : ''}`);
    else if (r.loss.length === 0) skipped.push(`${short}: logs no loss`);
    else if (units) skipped.push(`${short}: ${units}`);
    else if (r.steps.filter((s) => s > 0).length < MIN_PRIOR_POINTS) skipped.push(`${short}: too short (${r.steps.length} point${r.steps.length === 1 ? '' : 's'}, need ${MIN_PRIOR_POINTS})`);
    else {
      const unfinished = unfinishedWhy(r);
      if (unfinished !== undefined) {
        skipped.push(`${short}: ${unfinished}`);
        continue;
      }
      runs.push(scheduleRunOf(r));
      kept.push(r);
      names.push(short);
    }
  }
  const notes = [...muchShorter(kept)].map(([r, why]) => `${shortRunName(r.name)}: ${why}`);
  if (runs.length === 0) {
    const why = skipped.length > 0 ? skipped.slice(0, 3).join('; ') + (skipped.length > 3 ? `; and ${skipped.length - 3} more` : '') : excluded > 0 ? 'the only run found is the watched run itself' : 'no runs found';
    throw new ScalingLensError('too-few-points', `no finished run to fit a prior on: ${why}`);
  }
  return { runs, names, skipped, ...(notes.length > 0 ? { notes } : {}) };
}

/** "3 sibling runs: cosine_24000, constant_24000, wsdcon_9" (at most four named). */
export function priorLabel(names: readonly string[], kind = 'sibling run'): string {
  const shown = names.length <= 4 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
  return `${names.length} ${kind}${names.length === 1 ? '' : 's'}: ${shown}`;
}

export interface FitVerdict {
  /** Ask before using the fit (it did not converge). */
  readonly ask: boolean;
  /** Lines to show (not converged, runs it describes poorly, the fit's own warnings). */
  readonly warnings: string[];
}

export function fitVerdict(fit: ScheduleLawFit): FitVerdict {
  const warnings: string[] = [];
  if (!fit.converged) warnings.push(`the fit did not converge (${fit.reason}); its parameters are the best found`);
  for (const r of fit.runs) if (r.meanRelErr > POOR_FIT_REL_ERR) warnings.push(`the fit describes ${shortRunName(r.name)} poorly (mean error ${(100 * r.meanRelErr).toFixed(1)}%): is it the same model size and data?`);
  for (const w of fit.warnings) if (!/did not converge/.test(w)) warnings.push(w);
  return { ask: !fit.converged, warnings };
}

/** A prior saved in a panel's state, checked as FIT.json is (webview data: one that is not a fit is dropped). */
export function savedPrior(v: unknown): PanelState['prior'] {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const label = o['label'];
  if (typeof label !== 'string' || label.length === 0 || label.length > 500) return undefined;
  try {
    const fit = parseScheduleFit(o['fit'], 'the saved prior');
    return { label, fit: { law: fit.law, params: { ...fit.params } } };
  } catch {
    return undefined;
  }
}
