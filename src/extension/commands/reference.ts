// "Scaling Lens: Compare Against Reference Run…": another run's final loss (e.g. the baseline in
// the same folder) becomes the target of the watched run; the status bar then shows the
// probability that this run ends below it, and warns once when that becomes unlikely.
// "Clear Reference Run" returns to the scalingLens.targetLoss setting.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadedRun } from '../../ingest/scheduleRuns';
import { referenceTarget } from '../model/reference';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { forecastPanel } from './forecastPanel';
import { reportError } from './report';
import { optionsArg } from './resolveUri';
import { otherRunsIn, siblingRunsOf } from '../priorSources';
import { runCaveats } from '../model/unfinishedRuns';

export interface ReferenceOptions {
  readonly run: string;
  /** The reference run's file or folder (its first run that is not the watched one). */
  readonly reference: string;
}

/** The reference run whose final loss is `panel`'s target, if one was chosen. */
export function referenceOf(panel: LensPanel): { readonly loss: number; readonly name: string } | undefined {
  const f = panel.session.forecast;
  return f.targetLoss !== undefined && f.targetFrom !== undefined ? { loss: f.targetLoss, name: f.targetFrom } : undefined;
}

/** Whether `r` logs a loss a target can be read from. */
function hasTarget(r: LoadedRun): boolean {
  try {
    referenceTarget(r);
    return true;
  } catch {
    return false;
  }
}

/** The reference run in `file`: its only run, or the one the user picks (tests take the first). */
async function fromFile(file: string, run: string, ask: boolean): Promise<Chosen | undefined> {
  const runs = await otherRunsIn(file, run, hasTarget);
  if (runs.length === 0) throw new Error(`${path.basename(file)} holds no run with a loss other than the watched run itself`);
  const caveats = runCaveats(runs);
  if (runs.length === 1 || !ask) return { r: runs[0]!, caveat: caveats.get(runs[0]!) };
  const pick = await vscode.window.showQuickPick(runItems(runs, caveats), { title: 'Scaling Lens: which run is the reference?' });
  return pick?.r ? { r: pick.r, caveat: pick.caveat } : undefined;
}

/** A run picked as the reference, and why its final loss may be no final loss (unfinishedRuns.ts). */
interface Chosen {
  readonly r: LoadedRun;
  readonly caveat: string | undefined;
}

/** The runs as picker items, a run that has not finished (or may not have) marked with why. */
function runItems(runs: readonly LoadedRun[], caveats: ReadonlyMap<LoadedRun, string>): (vscode.QuickPickItem & Chosen)[] {
  return runs.map((r) => {
    const t = referenceTarget(r);
    const caveat = caveats.get(r);
    return { label: caveat ? `$(warning) ${t.name}` : t.name, description: `final ${r.lossKey ?? 'loss'} ${t.loss.toPrecision(4)} at step ${t.step}`, ...(caveat ? { detail: caveat } : {}), r, caveat };
  });
}

/**
 * The watched run's siblings first (its folder's other runs, else the folder above's, as for a
 * prior); "Pick another run…" opens a dialog.
 */
async function askReference(run: string): Promise<Chosen | undefined> {
  const siblings = await siblingRunsOf(run, hasTarget);
  const OTHER = { label: '$(file) Pick another run…', description: 'a file or run folder', r: undefined, caveat: undefined };
  const pick = siblings.length === 0 ? OTHER : await vscode.window.showQuickPick([...runItems(siblings, runCaveats(siblings)), OTHER], { title: `Scaling Lens: compare ${path.basename(run)} against which run? (its final loss becomes the target)` });
  if (!pick) return undefined;
  if (pick.r) return { r: pick.r, caveat: pick.caveat };
  const picked = await vscode.window.showOpenDialog({
    title: `Scaling Lens: a reference run for ${path.basename(run)} (its final loss becomes the target)`,
    defaultUri: vscode.Uri.file(path.dirname(run)),
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Compare',
  });
  return picked?.[0] ? fromFile(picked[0].fsPath, run, true) : undefined;
}

export async function compareReferenceCommand(s: Services, arg?: unknown): Promise<boolean> {
  const opts = optionsArg<ReferenceOptions>(arg);
  const c = await forecastPanel(s, opts.run ?? arg, 'a reference run');
  if (!c) return false;
  const run = c.panel.session.path;
  try {
    const chosen = opts.reference ? await fromFile(opts.reference, run, false) : await askReference(run);
    if (!chosen) return false;
    const target = referenceTarget(chosen.r);
    await c.setTargetLoss(target.loss, target.name);
    // a run that has not finished ends below its last loss (or diverged): the target is said to be in doubt
    const said = `Scaling Lens: target of ${path.basename(run)} is now the final loss of ${target.name}, ${target.loss.toPrecision(4)} (at step ${target.step}); the status bar shows the probability of ending below it.`;
    if (chosen.caveat) void vscode.window.showWarningMessage(`${said} Note: ${target.name}: ${chosen.caveat}. Its last loss may not be where it ends.`);
    else void vscode.window.showInformationMessage(said);
    return true;
  } catch (err) {
    reportError('Scaling Lens could not use this reference run', err, 'Pick a run that logs a loss (a file or a run folder).');
    return false;
  }
}

export async function clearReferenceCommand(s: Services, arg?: unknown): Promise<boolean> {
  const c = await forecastPanel(s, optionsArg<ReferenceOptions>(arg).run ?? arg, 'clearing the reference run');
  if (!c) return false;
  await c.setTargetLoss(undefined);
  return true;
}
