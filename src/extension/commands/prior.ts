// "Scaling Lens: Use Sibling Runs as Prior…": finished runs (the watched run's siblings, files or a
// folder the user picks) are read, a schedule law is fitted jointly on them on the fit worker, and
// the fit becomes the prior of the run's forecast — what makes a half-finished run forecastable. A
// saved fit (FIT.json from "scaling-lens schedule fit --json") is taken as it is. "Clear Prior"
// returns the forecast to the run alone.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScheduleLawFit } from '../../core/schedule/index';
import { ScalingLensError } from '../../core/types';
import { priorUnitsCheck } from '../../core/yMetric';
import { readFitFile } from '../../ingest/scheduleRuns';
import { CancelledError } from '../fitClient';
import type { ForecastControls } from '../forecastControls';
import { log } from '../log';
import { fitVerdict, priorLabel, type PriorRuns } from '../model/priorRuns';
import { readPriorRuns, siblingFolders, siblingFoldersLabel } from '../priorSources';
import type { Services } from '../services';
import { forecastPanel } from './forecastPanel';
import { reportError } from './report';
import { optionsArg } from './resolveUri';

/** What tests (and other callers) may pass instead of answering the dialogs. */
export interface PriorOptions {
  /** The run whose forecast gets the prior (its file or folder). */
  readonly run: string;
  /** Finished runs (files or folders) to fit on; the watched run itself is left out. */
  readonly runs: readonly string[];
  /** A saved fit instead of runs. */
  readonly fitFile: string;
  /** Use a fit that did not converge without asking. */
  readonly acceptUnconverged: boolean;
}

type Source = { kind: 'runs'; paths: string[]; label: string } | { kind: 'fit'; file: string };

const LOG_FILTERS = { 'Training logs': ['csv', 'tsv', 'json', 'jsonl', 'log', 'txt', 'wandb'], 'All files': ['*'] };

async function askSource(run: string): Promise<Source | undefined> {
  const dir = path.dirname(run);
  const pick = await vscode.window.showQuickPick(
    [
      { label: '$(folder) Sibling runs', description: siblingFoldersLabel(run), detail: dir, from: 'siblings' as const },
      { label: '$(files) Pick run files…', description: 'one or more finished runs', from: 'files' as const },
      { label: '$(folder-opened) Pick a folder of runs…', description: 'every run in it', from: 'folder' as const },
      { label: '$(json) Load a saved fit…', description: 'FIT.json from "scaling-lens schedule fit --json"', from: 'fit' as const },
    ],
    { title: `Scaling Lens: prior for ${path.basename(run)} from…` },
  );
  if (!pick) return undefined;
  if (pick.from === 'siblings') return { kind: 'runs', paths: siblingFolders(run), label: 'sibling run' };
  const uris = await vscode.window.showOpenDialog({
    title: pick.from === 'fit' ? 'Scaling Lens: a saved schedule-law fit (FIT.json)' : 'Scaling Lens: finished runs to fit the prior on',
    defaultUri: vscode.Uri.file(dir),
    canSelectFiles: pick.from !== 'folder',
    canSelectFolders: pick.from === 'folder',
    canSelectMany: pick.from === 'files',
    openLabel: pick.from === 'fit' ? 'Use Fit' : 'Fit Prior',
    filters: pick.from === 'fit' ? { 'Fit (JSON)': ['json'], 'All files': ['*'] } : pick.from === 'files' ? LOG_FILTERS : undefined,
  });
  if (!uris || uris.length === 0) return undefined;
  if (pick.from === 'fit') return { kind: 'fit', file: uris[0]!.fsPath };
  return { kind: 'runs', paths: uris.map((u) => u.fsPath), label: 'run' };
}

async function fitPrior(s: Services, c: ForecastControls, source: Extract<Source, { kind: 'runs' }>, opts: Partial<PriorOptions>): Promise<boolean> {
  const run = c.panel.session.path;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scaling Lens: prior from sibling runs', cancellable: true },
    async (progress, token): Promise<{ runs: PriorRuns; fit: ScheduleLawFit } | undefined> => {
      progress.report({ message: `reading ${source.paths.length === 1 ? path.basename(source.paths[0]!) : `${source.paths.length} runs`}…` });
      const runs = await readPriorRuns(source.paths, run, source.label === 'sibling run', c.panel.session.columns?.y);
      if (token.isCancellationRequested) return undefined;
      progress.report({ message: `fitting the multi-power law on ${runs.runs.length} run${runs.runs.length === 1 ? '' : 's'}…` });
      const started = Date.now();
      const fit = await s.fit.fitScheduleLaw(runs.runs, 'mpl', token);
      log().info(`prior for ${run}: multi-power law on ${runs.names.join(', ')} in ${Date.now() - started} ms (${fit.reason})`);
      return { runs, fit };
    },
  );
  if (!result) return false;
  const { runs, fit } = result;
  for (const line of runs.skipped) log().warn(`prior: left out ${line}`);
  for (const line of runs.notes ?? []) log().warn(`prior: ${line}`);
  const verdict = fitVerdict(fit);
  for (const w of verdict.warnings) log().warn(`prior: ${w}`);
  if (verdict.ask && !opts.acceptUnconverged) {
    const use = await vscode.window.showWarningMessage(`Scaling Lens: ${verdict.warnings[0]}. Use it as the prior anyway?`, 'Use Anyway');
    if (use !== 'Use Anyway') return false;
  }
  const label = priorLabel(runs.names, source.label);
  await c.setPrior(fit.fit, label);
  const worst = Math.max(...fit.runs.map((r) => r.meanRelErr));
  const left = runs.skipped.length > 0 ? ` Left out: ${runs.skipped.slice(0, 2).join('; ')}${runs.skipped.length > 2 ? ` and ${runs.skipped.length - 2} more (see the log)` : ''}.` : '';
  // a run kept that may not have finished is said first: it is why the prior may be off
  const notes = [...(runs.notes ?? []), ...verdict.warnings.filter((w) => !w.startsWith('the fit did not converge'))].slice(0, 1);
  void vscode.window.showInformationMessage(`Scaling Lens: forecast of ${path.basename(run)} now uses a prior from ${label} (mean error on each of them ≤ ${(100 * worst).toFixed(2)}%).${left}${notes.length ? ` Note: ${notes[0]}.` : ''}`);
  return true;
}

export async function usePriorCommand(s: Services, arg?: unknown): Promise<boolean> {
  const opts = optionsArg<PriorOptions>(arg);
  const c = await forecastPanel(s, opts.run ?? arg, 'a prior from sibling runs');
  if (!c) return false;
  const run = c.panel.session.path;
  try {
    const source: Source | undefined = opts.fitFile ? { kind: 'fit', file: opts.fitFile } : opts.runs ? { kind: 'runs', paths: [...opts.runs], label: 'run' } : await askSource(run);
    if (!source) return false;
    if (source.kind === 'fit') {
      const fit = await readFitFile(source.file);
      const label = `saved fit ${path.basename(source.file)}`;
      const units = priorUnitsCheck(fit.y, c.panel.session.columns?.y, path.basename(source.file), 'above the chart');
      if (units.refused) throw new ScalingLensError('bad-argument', units.refused);
      if (units.warning) void vscode.window.showWarningMessage(`Scaling Lens: ${units.warning}.`);
      await c.setPrior(fit, label);
      void vscode.window.showInformationMessage(`Scaling Lens: forecast of ${path.basename(run)} now uses the prior from ${label} (${fit.law === 'mpl' ? 'multi-power law' : 'LR-annealing law'}).`);
      return true;
    }
    return await fitPrior(s, c, source, opts);
  } catch (err) {
    if (err instanceof CancelledError) return false;
    reportError('Scaling Lens could not make a prior', err, 'Pick finished runs that log the learning rate and the loss, or a FIT.json from "scaling-lens schedule fit --json".');
    return false;
  }
}

export async function clearPriorCommand(s: Services, arg?: unknown): Promise<boolean> {
  const c = await forecastPanel(s, optionsArg<PriorOptions>(arg).run ?? arg, 'clearing the prior');
  if (!c) return false;
  await c.setPrior(undefined);
  return true;
}
