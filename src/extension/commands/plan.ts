// "Scaling Lens: Plan Compute Budget…": a budget in FLOPs → N_opt, D_opt, tokens/param and L*
// from the Chinchilla surface fitted to a sweep, or from a published preset; shown in a panel as
// a table and a frontier plot.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parsePlanQuery, parseTarget, type PlanQuery } from '../../core/units';
import type { PlanView } from '../../shared/protocol';
import { PRESETS, readSource } from '../engine';
import { PLAN_FIT } from '../../core/sweepSurface';
import { errorMessage, log } from '../log';
import { planErrorHint, planSummary } from '../model/plan';
import { planForQuery } from '../model/planForQuery';
import { surfaceData } from '../model/surface';
import { sweepPlanSurface, sweepReaderNotes, type PlanSurface } from '../model/sweepPlan';
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

/** The sweep in `file` (a table, else a folder's finished runs) fitted as `allocate --from` fits it (PLAN_FIT), off the host thread. */
async function fitSweep(s: Services, file: string): Promise<PlanSurface> {
  const source = await readSource(file);
  // a sweep table's rows, else (a folder of runs) the final losses of its first family's finished runs, as the CLI fits
  const all = surfaceData(source) ?? surfaceData({ ...source, runs: finalLosses(source).runs.slice(0, 1) });
  if (!all) throw new Error(`${path.basename(file)} has no rows with both a parameter count (N) and a token count (D), and no 6 finished runs of one family whose final losses would be such rows`);
  const { swept, backTests } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Scaling Lens: fitting L(N, D) to ${path.basename(file)}`, cancellable: true },
    (_p, token) => s.fit.fitSweep(all, PLAN_FIT, token),
  );
  const { fit } = swept;
  log().info(`Chinchilla fit on ${file}: ${JSON.stringify(fit.params)} (${fit.reason}, ${swept.kept.length} points)`);
  const { surface, diagnostics } = sweepPlanSurface(file, path.basename(file), all, swept, sweepReaderNotes(source), backTests);
  for (const w of [...(surface.notes ?? []), ...fit.warnings, ...diagnostics]) log().warn(w);
  return surface;
}

async function resolveSurface(s: Services, id: string): Promise<PlanSurface> {
  const preset = PRESETS[id];
  if (preset) return { params: preset.params, id, label: preset.label, preset };
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
    prompt: 'Training compute in FLOPs (C ≈ 6·N·D), e.g. 1e21, 5.76e23, 3e24 FLOPs, or a loss to reach ("loss 2.1"); or a model size on a token count ("7B params on 1T tokens"); add "with 300B unique tokens" when data is limited, "with 1T inference tokens" to a loss',
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
  return planForQuery(await resolveSurface(s, surfaceId), query);
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
    reportError('Scaling Lens could not plan this budget', err, planErrorHint(err));
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
