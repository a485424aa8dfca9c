// "Scaling Lens: Plan Compute Budget…": a budget in FLOPs → N_opt, D_opt, tokens/param and L*
// from the Chinchilla surface fitted to a sweep, or from a published preset; shown in a panel as
// a table and a frontier plot.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { INFERENCE_NEEDS_LOSS, parsePlanQuery, parseTarget, type PlanQuery } from '../../core/units';
import type { PlanIntervals, PlanView } from '../../shared/protocol';
import { PLAN_RESAMPLES, PRESETS, allocationIntervals, bootstrapChinchilla, bootstrapFailure, chinchillaFromParams, frontier, optimalAllocation, readSource, type ChinchillaParams } from '../engine';
import { computeForLoss } from '../../core/allocation';
import { chinchillaLaw } from '../../core/laws/chinchilla';
import { logResiduals, outlierNote, surfaceOutliers } from '../../core/outlierRuns';
import { implausibleScale, noPlanReason } from '../../core/surfaceDesign';
import type { FitResult } from '../../core/types';
import type { SurfaceData } from '../fitWorker';
import { inferenceAwarePlan } from '../../core/inferenceAllocation';
import { errorMessage, log } from '../log';
import { beyondSweepNote, buildPlan, planSummary } from '../model/plan';
import { isoflopPlanInputs, type IsoflopPlanInputs } from '../model/isoflopPlan';
import { constrainedPlanInputs } from '../model/constrainedPlan';
import { surfaceData } from '../model/surface';
import { finalLosses } from '../../ingest/model/finalLosses';
import { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { LensSession } from '../session';
import { optionsArg } from './resolveUri';
import { reportError } from './report';

export interface PlanArgs {
  /** FLOPs, as a number or text ("5.76e23", "1e21 FLOPs", "1e23 with 300B unique tokens"). */
  readonly budget?: string | number;
  /** Unique tokens available, as a number or text ("300B"): the split when data is limited. */
  readonly unique?: string | number;
  /** Tokens the model will serve, with a loss as the budget: the cheapest plan counting inference. */
  readonly inference?: string | number;
  /** 'chinchilla', 'epoch' (presets) or the path of a sweep file to fit. */
  readonly surface?: string;
}

const PLAN_KEY = 'plan';

interface Surface {
  readonly params: ChinchillaParams;
  readonly id: string;
  readonly label: string;
  /** From a fitted sweep: bootstrap intervals on N_opt, D_opt and L* at given budgets. */
  readonly intervals?: (budgets: readonly number[]) => PlanIntervals[];
  /** A sweep of several sizes per budget: its IsoFLOP profiles (Approach 2). */
  readonly isoflop?: IsoflopPlanInputs;
  /** The surface's bootstrap refits, for the data-constrained split's intervals. */
  readonly draws?: readonly ChinchillaParams[];
  /** Runs left out of the fit as far above the surface through the others. */
  readonly notes?: readonly string[];
  /** A fitted sweep's runs the surface went through (how far a budget is past them is said). */
  readonly runs?: { readonly file: string; readonly N: readonly number[]; readonly D: readonly number[] };
}


async function fitSweep(s: Services, file: string): Promise<Surface> {
  const source = await readSource(file);
  // a sweep table's rows, else (a folder of runs) the final losses of its first family's finished runs, as the CLI fits
  const all = surfaceData(source) ?? surfaceData({ ...source, runs: finalLosses(source).runs.slice(0, 1) });
  if (!all) throw new Error(`${path.basename(file)} has no rows with both a parameter count (N) and a token count (D), and no 6 finished runs of one family whose final losses would be such rows`);
  const { fit, kept, notes } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Scaling Lens: fitting L(N, D) to ${path.basename(file)}`, cancellable: true },
    (_p, token) => fitWithoutFarRuns(s, all, token),
  );
  log().info(`Chinchilla fit on ${file}: ${JSON.stringify(fit.params)} (${fit.reason}, ${kept.loss.length} points)`);
  for (const w of [...notes, ...fit.warnings]) log().warn(w);
  const noPlan = noPlanReason(kept.N, kept.D, fit);
  if (noPlan) throw new Error(`${path.basename(file)}: ${noPlan}`);
  const scale = implausibleScale(kept.N, kept.D);
  if (scale) notes.push(scale);
  const params = chinchillaFromParams(fit.params);
  const runs = kept.loss.length === all.loss.length ? `${all.loss.length} runs` : `${kept.loss.length} of ${all.loss.length} runs`;
  const surface: Surface = { params, id: file, label: `fitted on ${path.basename(file)} (${runs})`, ...isoflopOf(all), ...(notes.length ? { notes } : {}), runs: { file: path.basename(file), N: kept.N, D: kept.D } };
  const data = kept;
  try {
    const obs = { x: Float64Array.from(data.N), x2: Float64Array.from(data.D), y: Float64Array.from(data.loss) };
    const boot = bootstrapChinchilla(obs, params, { resamples: PLAN_RESAMPLES, seed: 1 });
    const failure = bootstrapFailure(boot.draws.length, boot.resamples);
    if (failure) {
      log().warn(`plan intervals: ${failure}`);
      return surface;
    }
    const intervals = (budgets: readonly number[]): PlanIntervals[] =>
      allocationIntervals(boot.draws, budgets, 0.95, params).map((i) => ({ N: [i.N.lo, i.N.hi], D: [i.D.lo, i.D.hi], loss: [i.loss.lo, i.loss.hi] }));
    return { ...surface, intervals, draws: boot.draws };
  } catch (err) {
    log().warn(`plan intervals: ${errorMessage(err)}`);
    return surface;
  }
}

/**
 * The surface through the sweep, refitted without the runs far above it (core/outlierRuns.ts, the
 * rule `fit --law chinchilla` applies), which are named in `notes`.
 */
async function fitWithoutFarRuns(s: Services, all: SurfaceData, token: vscode.CancellationToken): Promise<{ fit: FitResult; kept: SurfaceData; notes: string[] }> {
  const fit = await s.fit.fitSurface(all, token);
  const obs = { x: Float64Array.from(all.N), x2: Float64Array.from(all.D), y: Float64Array.from(all.loss) };
  const far = new Set(surfaceOutliers(logResiduals(chinchillaLaw, fit.params, obs)));
  if (far.size === 0) return { fit, kept: all, notes: [] };
  const keep = (_: number, i: number): boolean => !far.has(i);
  const kept = { N: all.N.filter(keep), D: all.D.filter(keep), loss: all.loss.filter(keep) };
  const notes = [...far].map((i) => outlierNote('the surface fit', `N = ${all.N[i]!.toPrecision(3)}, D = ${all.D[i]!.toPrecision(3)}`, all.loss[i]!, { value: chinchillaLaw.predict(fit.params, all.N[i]!, all.D[i]!), from: 'the surface through the other runs' }));
  return { fit: await s.fit.fitSurface(kept, token), kept, notes };
}

function isoflopOf(data: { N: readonly number[]; D: readonly number[]; loss: readonly number[] }): { isoflop?: IsoflopPlanInputs } {
  try {
    const isoflop = isoflopPlanInputs(data, PLAN_RESAMPLES, 1);
    return isoflop ? { isoflop } : {};
  } catch (err) {
    log().warn(`IsoFLOP profiles: ${errorMessage(err)}`);
    return {};
  }
}

async function resolveSurface(s: Services, id: string): Promise<Surface> {
  const preset = PRESETS[id];
  if (preset) return { params: preset.params, id, label: preset.label };
  return fitSweep(s, id);
}

/** A sweep is a table of runs (tens to thousands of rows): a larger file is a training log, not read to order a pick. */
const SWEEP_MAX_BYTES = 4 * 1024 * 1024;

/**
 * Whether `file` has rows with a model size and a token count (a sweep L(N, D) fits), not a
 * learning curve: from the panel's source when it shows the file, else read when it is small.
 */
async function hasSurfaceRows(s: Services, file: string): Promise<boolean> {
  try {
    const session = s.panels.current()?.session;
    if (session?.path === file && session.source) return surfaceData(session.source) !== undefined;
    if ((await fs.stat(file)).size > SWEEP_MAX_BYTES) return false;
    return surfaceData(await readSource(file)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The table file the user is on: the active text editor's (a focused panel leaves none), else the
 * last panel's. Of the two, the one with model sizes and token counts (a sweep) when only one has
 * them; `leads` says whether it has them.
 */
async function activeSweep(s: Services): Promise<{ path: string; leads: boolean } | undefined> {
  const editor = vscode.window.activeTextEditor?.document.uri;
  const candidates = [editor?.scheme === 'file' ? editor.fsPath : undefined, s.panels.current()?.session.path]
    .filter((p, i, all): p is string => p !== undefined && /\.(csv|tsv|jsonl?)$/i.test(p) && all.indexOf(p) === i);
  for (const p of candidates) if (await hasSurfaceRows(s, p)) return { path: p, leads: true };
  return candidates[0] !== undefined ? { path: candidates[0], leads: false } : undefined;
}

/** The panel's folder of runs, when its finished runs' final losses make a sweep: how many runs. */
function activeFinishedRuns(s: Services): { path: string; runs: number } | undefined {
  const session = s.panels.current()?.session;
  const table = session?.source && finalLosses(session.source).runs[0];
  return table && session ? { path: session.path, runs: table.series[0]!.y.length } : undefined;
}

async function askSurface(s: Services): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { id: string | 'pick' };
  const active = await activeSweep(s);
  const sweep = active?.path;
  const finished = activeFinishedRuns(s);
  const sweepItem: Item | undefined = sweep ? { label: `Fit the sweep ${path.basename(sweep)}`, description: 'L(N, D) from your runs', id: sweep } : undefined;
  const finishedItem: Item | undefined = finished && finished.path !== sweep ? { label: `Fit the ${finished.runs} finished runs in ${path.basename(finished.path)}`, description: 'L(N, D) from their final losses', id: finished.path } : undefined;
  const presets: Item[] = Object.values(PRESETS).map((p) => ({ label: p.label, description: 'preset', detail: p.source, id: p.id }));
  // the user's own runs lead when they make a surface (Enter fits them, not a published preset);
  // an open file without model sizes and token counts (a learning curve) stays after the presets
  const sweepLeads = active?.leads === true;
  const items = [
    ...(sweepLeads ? [sweepItem] : []),
    finishedItem,
    ...presets,
    ...(sweepLeads ? [] : [sweepItem]),
    { label: 'Fit a sweep file…', description: 'a CSV with N, D and loss columns', id: 'pick' },
  ].filter((i): i is Item => i !== undefined);
  const pick = await vscode.window.showQuickPick(items, { title: 'Scaling Lens: which loss surface?' });
  if (!pick) return undefined;
  if (pick.id !== 'pick') return pick.id;
  const file = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Sweeps': ['csv', 'tsv', 'json', 'jsonl'] }, title: 'Scaling Lens: choose a sweep' });
  return file?.[0]?.fsPath;
}

async function askBudget(): Promise<PlanQuery | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Scaling Lens: compute budget',
    prompt: 'Training compute in FLOPs (C ≈ 6·N·D), e.g. 1e21, 5.76e23, 3e24 FLOPs, or a loss to reach ("loss 2.1"); add "with 300B unique tokens" when data is limited, "with 1T inference tokens" to a loss',
    value: '1e23',
    validateInput: (v) => {
      try {
        parsePlanQuery(v);
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
  });
  return text === undefined ? undefined : parsePlanQuery(text);
}

function queryOf(budget: string | number, unique?: string | number, inference?: string | number): PlanQuery {
  const q = parsePlanQuery(String(budget));
  return {
    ...q,
    ...(unique !== undefined ? { uniqueTokens: parseTarget(String(unique)).value } : {}),
    ...(inference !== undefined ? { inferenceTokens: parseTarget(String(inference)).value } : {}),
  };
}

export async function computePlan(s: Services, surfaceId: string, query: PlanQuery): Promise<PlanView> {
  const surface = await resolveSurface(s, surfaceId);
  const U = query.uniqueTokens;
  // a loss to reach: the least compute whose optimum reaches it on this surface
  const target = 'targetLoss' in query ? query.targetLoss : undefined;
  const budget = 'targetLoss' in query ? computeForLoss(surface.params, query.targetLoss).flops : query.flops;
  const I = query.inferenceTokens;
  if (I !== undefined && target === undefined) throw new Error(INFERENCE_NEEDS_LOSS);
  const beyond = surface.runs && beyondSweepNote(budget, surface.runs, surface.runs.file);
  const notes = [...(surface.notes ?? []), ...(beyond ? [beyond] : [])];
  return buildPlan({
    surface: surface.params,
    surfaceId: surface.id,
    sourceLabel: surface.label,
    budget,
    ...(target !== undefined ? { targetLoss: target } : {}),
    optimal: optimalAllocation,
    frontier,
    ...(surface.intervals ? { intervals: surface.intervals } : {}),
    ...(surface.isoflop ? { isoflop: surface.isoflop } : {}),
    ...(U !== undefined ? { constrained: constrainedPlanInputs(surface.params, U, surface.draws) } : {}),
    ...(I !== undefined && target !== undefined ? { inference: inferenceAwarePlan(surface.params, target, I) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  });
}

function showPlan(s: Services, plan: PlanView, webviewPanel?: vscode.WebviewPanel): LensPanel {
  const session = new LensSession(plan.surface in PRESETS ? '' : plan.surface, 'Compute plan', s.sessionDeps);
  session.plan = plan;
  let panel: LensPanel;
  if (webviewPanel) {
    panel = new LensPanel(webviewPanel, session, s.panels.host);
    s.panels.adopt(PLAN_KEY, panel);
  } else {
    panel = s.panels.show(PLAN_KEY, session);
  }
  panel.render();
  return panel;
}

export async function planCommand(s: Services, arg?: unknown): Promise<PlanView | undefined> {
  const args = optionsArg<PlanArgs>(arg);
  try {
    const surfaceId = args.surface ?? (await askSurface(s));
    if (!surfaceId) return undefined;
    const query = args.budget !== undefined ? queryOf(args.budget, args.unique, args.inference) : await askBudget();
    if (query === undefined) return undefined;
    const plan = await computePlan(s, surfaceId, query);
    showPlan(s, plan);
    void vscode.window.showInformationMessage(planSummary(plan));
    return plan;
  } catch (err) {
    if (err instanceof Error && err.name === 'CancelledError') return undefined;
    reportError('Scaling Lens could not plan this budget', err, 'Use a preset, or a sweep with N, D and loss columns.');
    return undefined;
  }
}

/** Rebuilds a plan panel after a reload from the budget and surface it showed. */
export async function restorePlanPanel(s: Services, webviewPanel: vscode.WebviewPanel, state: { budget: string; surface: string; unique?: string; inference?: string }): Promise<void> {
  try {
    showPlan(s, await computePlan(s, state.surface, queryOf(state.budget, state.unique, state.inference)), webviewPanel);
  } catch (err) {
    const panel = showPlan(s, await computePlan(s, 'chinchilla', { flops: 1e23 }), webviewPanel);
    panel.showError(`Could not restore the plan (${errorMessage(err)}); showing the Chinchilla preset at 1e23 FLOPs.`);
  }
}
