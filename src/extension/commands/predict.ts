// "Scaling Lens: Predict Loss at Scale…": pick a fitted curve (or fit the active file), type a
// target (1e10, 10x, 2B, 300B tokens), or a loss to find the x of ("when does the loss reach 2.5?",
// commands/reach.ts); the answer comes as a notification and a target marker.
import * as vscode from 'vscode';
import { formatAmount } from '../../core/units';
import type { PredictionView } from '../../shared/protocol';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { describePrediction, predictInputProblem } from '../model/predictionText';
import { openPanel } from './fit';
import { activeLogUri, asUri, optionsArg } from './resolveUri';
import { reportError } from './report';
import { answerReach } from './reach';
import { reachQuery } from '../../core/targetText';

export interface PredictArgs {
  readonly uri?: string | vscode.Uri;
  readonly target?: string;
  /** Curve id in the panel's session; default: the first selected curve. */
  readonly curve?: string;
}

async function panelFor(s: Services, args: PredictArgs): Promise<LensPanel | undefined> {
  const uri = asUri(args.uri);
  if (uri) {
    const existing = s.panels.get(uri.fsPath);
    if (existing && !existing.isDisposed) return existing;
    const panel = await openPanel(s, uri);
    if (panel) await panel.refit('notification');
    return panel;
  }
  const current = s.panels.current();
  // plan and benchmark panels have no curve to predict from
  if (current && current.session.curves.length > 0) return current;
  const active = activeLogUri();
  if (active) {
    const panel = await openPanel(s, active);
    if (panel) await panel.refit('notification');
    return panel;
  }
  void vscode.window.showInformationMessage('Scaling Lens: fit a learning curve first (right-click a CSV or log → "Scaling Lens: Fit Learning Curve").');
  return undefined;
}

async function pickCurve(panel: LensPanel): Promise<string | undefined> {
  const { session } = panel;
  if (session.selected.length <= 1) return session.selected[0];
  const items = session.selected.map((id) => ({ label: session.curves.find((c) => c.id === id)?.label ?? id, id }));
  const pick = await vscode.window.showQuickPick(items, { title: 'Scaling Lens: which curve?', placeHolder: 'Choose the fitted curve to predict from' });
  return pick?.id;
}

export async function predictCommand(s: Services, arg?: unknown): Promise<PredictionView | undefined> {
  const args = optionsArg<PredictArgs>(arg);
  const panel = await panelFor(s, asUri(arg) ? { uri: asUri(arg)! } : args);
  if (!panel) return undefined;
  const { session } = panel;
  const curve = args.curve ?? (await pickCurve(panel));
  if (!curve) return undefined;
  if (args.curve) session.selectCurves([args.curve, ...session.selected.filter((id) => id !== args.curve)]);
  let target = args.target;
  if (target === undefined) {
    const maxX = session.maxX();
    target = await vscode.window.showInputBox({
      title: 'Scaling Lens: predict at which x?',
      prompt: `x is ${session.xLabel()}; the data reach ${maxX !== undefined ? formatAmount(maxX) : '?'}. Examples: 1e10, 10x, 2B, 300B tokens, or "when does the loss reach 2.5?"`,
      value: session.targetText,
      validateInput: (v) => predictInputProblem(v, maxX, session.columns?.x, session.columns?.y),
    });
    if (target === undefined) return undefined;
  }
  const loss = reachQuery(target, session.columns?.y);
  if (loss !== undefined) return answerReach(panel, curve, loss);
  try {
    session.setTarget(target);
  } catch (err) {
    reportError('Scaling Lens cannot use this target', err);
    return undefined;
  }
  const finished = await panel.refit('notification');
  if (!finished) return undefined;
  const prediction = session.predict(curve);
  if (!prediction) {
    reportError('Scaling Lens has no prediction for this curve', new Error('no estimator fitted it'), 'It may have too few points; see the table in the panel.');
    return undefined;
  }
  session.predictionFor = curve;
  panel.render();
  void vscode.window.showInformationMessage(`Scaling Lens: ${describePrediction(prediction, session.columns?.y ?? 'y')}`);
  return prediction;
}
