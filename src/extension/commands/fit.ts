// "Scaling Lens: Fit Learning Curve" (and "Compare Estimators", which fits every estimator):
// read the file or folder, open its panel, fit the selected curves with progress and cancel.
import * as vscode from 'vscode';
import type { PanelData } from '../../shared/protocol';
import type { LensPanel } from '../panel/lensPanel';
import { MAX_OVERLAY, type LensSession } from '../session';
import type { Services } from '../services';
import { enableCompare } from './compare';
import { asUri, optionsArg, resolveUri } from './resolveUri';
import { reportError } from './report';
import { CHECK_THE_FILE, NoCurveError } from '../model/noCurveError';

export interface FitArgs {
  /** Curve ids to select, or 'all' (the first few curves overlaid). */
  readonly curves?: readonly string[] | 'all';
  readonly target?: string;
  /** Estimator ids; default: the scalingLens.estimators setting. */
  readonly laws?: readonly string[];
}

/** Opens (or reuses) the panel of `uri` with a fresh read of it; undefined when it cannot be read. */
export async function openPanel(s: Services, uri: vscode.Uri, args: FitArgs = {}): Promise<LensPanel | undefined> {
  s.rememberOpened(uri.fsPath);
  // a watched source keeps its panel and session (the watch feeds them); only the choices change
  const watched = s.watches.get(uri.fsPath);
  if (watched && !watched.panel.isDisposed) {
    try {
      applyArgs(watched.session, args);
    } catch (err) {
      reportError('Scaling Lens could not fit this file', err);
      return undefined;
    }
    watched.panel.reveal();
    return watched.panel;
  }
  let session;
  try {
    session = await s.openSession(uri);
    applyArgs(session, args);
  } catch (err) {
    if (err instanceof NoCurveError) reportError(undefined, err, err.hint, uri);
    else reportError('Scaling Lens could not fit this file', err, CHECK_THE_FILE, uri);
    return undefined;
  }
  const panel = s.panels.show(uri.fsPath, session);
  // Fit after Compare on the same file: back to the plain view
  panel.afterFit = undefined;
  return panel;
}

function applyArgs(session: LensSession, args: FitArgs): void {
  if (args.laws) session.laws = args.laws;
  if (args.target) session.setTarget(args.target);
  if (args.curves === 'all') session.selectCurves(session.curves.slice(0, MAX_OVERLAY).map((c) => c.id));
  else if (args.curves) session.selectCurves(args.curves);
}

export async function fitCommand(s: Services, arg?: unknown, opts?: unknown): Promise<PanelData | undefined> {
  const uri = await resolveUri(arg, 'Scaling Lens: choose a learning curve or training log');
  if (!uri) return undefined;
  const panel = await openPanel(s, uri, optionsArg<FitArgs>(opts));
  if (!panel) return undefined;
  await panel.refit('notification');
  return panel.data;
}

export async function compareCommand(s: Services, arg?: unknown, opts?: unknown): Promise<PanelData | undefined> {
  // run from the palette over a panel: that panel's curves, as Predict does (it asked for a file)
  const current = asUri(arg) ? undefined : s.panels.current();
  if (current && current.session.curves.length > 0 && (current.panel.active || !vscode.window.activeTextEditor)) {
    enableCompare(s, current);
    await current.refit('notification');
    return current.data;
  }
  const uri = await resolveUri(arg, 'Scaling Lens: choose a learning curve to compare estimators on');
  if (!uri) return undefined;
  const panel = await openPanel(s, uri, optionsArg<FitArgs>(opts));
  if (!panel) return undefined;
  enableCompare(s, panel);
  await panel.refit('notification');
  return panel.data;
}
