// "Scaling Lens: Compare Against Reference Run…": another run's final loss (e.g. the baseline in
// the same folder) becomes the target of the watched run; the status bar then shows the
// probability that this run ends below it, and warns once when that becomes unlikely.
// "Clear Reference Run" returns to the scalingLens.targetLoss setting.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadScheduleRuns, runIsFrom } from '../../ingest/scheduleRuns';
import { referenceTarget, type ReferenceTarget } from '../model/reference';
import { shortRunName } from '../model/priorRuns';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { forecastPanel } from './forecastPanel';
import { reportError } from './report';
import { optionsArg } from './resolveUri';

export interface ReferenceOptions {
  readonly run: string;
  /** The reference run's file or folder (its first run that is not the watched one). */
  readonly reference: string;
}

const references = new WeakMap<LensPanel, ReferenceTarget>();

/** The reference run whose final loss is `panel`'s target, if one was chosen. */
export function referenceOf(panel: LensPanel): ReferenceTarget | undefined {
  return references.get(panel);
}

export async function compareReferenceCommand(s: Services, arg?: unknown): Promise<boolean> {
  const opts = optionsArg<ReferenceOptions>(arg);
  const c = await forecastPanel(s, opts.run ?? arg, 'a reference run');
  if (!c) return false;
  const run = c.panel.session.path;
  try {
    let file = opts.reference;
    if (!file) {
      const picked = await vscode.window.showOpenDialog({
        title: `Scaling Lens: a reference run for ${path.basename(run)} (its final loss becomes the target)`,
        defaultUri: vscode.Uri.file(path.dirname(run)),
        canSelectFiles: true,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Compare',
      });
      if (!picked?.[0]) return false;
      file = picked[0].fsPath;
    }
    const runs = (await loadScheduleRuns(file, {}, { onSkip: () => undefined })).filter((r) => !runIsFrom(r, run) && r.loss.length > 0);
    if (runs.length === 0) throw new Error(`${path.basename(file)} holds no run with a loss other than the watched run itself`);
    let chosen = runs[0]!;
    if (runs.length > 1 && !opts.reference) {
      const pick = await vscode.window.showQuickPick(
        runs.map((r) => ({ label: shortRunName(r.name), description: `${r.lossKey ?? 'loss'} ${r.loss[r.loss.length - 1]?.toPrecision(4)} at step ${r.steps[r.steps.length - 1]}`, r })),
        { title: 'Scaling Lens: which run is the reference?' },
      );
      if (!pick) return false;
      chosen = pick.r;
    }
    const target = referenceTarget(chosen);
    references.set(c.panel, target);
    await c.setTargetLoss(target.loss);
    void vscode.window.showInformationMessage(
      `Scaling Lens: target of ${path.basename(run)} is now the final loss of ${target.name}, ${target.loss.toPrecision(4)} (at step ${target.step}); the status bar shows the probability of ending below it.`,
    );
    return true;
  } catch (err) {
    reportError('Scaling Lens could not use this reference run', err, 'Pick a run that logs a loss (a file or a run folder).');
    return false;
  }
}

export async function clearReferenceCommand(s: Services, arg?: unknown): Promise<boolean> {
  const c = await forecastPanel(s, optionsArg<ReferenceOptions>(arg).run ?? arg, 'clearing the reference run');
  if (!c) return false;
  references.delete(c.panel);
  await c.setTargetLoss(undefined);
  return true;
}
