// Restores panels after a window reload: the webview saved its PanelState with setState; the
// host re-reads the source (or recomputes the plan) and refits.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE } from '../../shared/protocol';
import { errorMessage, log } from '../log';
import type { Services } from '../services';
import { LensSession } from '../session';
import { LensPanel, type PanelState } from './lensPanel';
import { webviewOptions } from './html';

function asState(v: unknown): PanelState {
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const columns = o['columns'] as Record<string, unknown> | undefined;
  const plan = o['plan'] as Record<string, unknown> | undefined;
  const source = str(o['source']);
  const target = str(o['target']);
  return {
    ...(source ? { source } : {}),
    ...(target ? { target } : {}),
    ...(Array.isArray(o['selected']) ? { selected: (o['selected'] as unknown[]).filter((x): x is string => typeof x === 'string') } : {}),
    ...(columns && str(columns['x']) && str(columns['y']) ? { columns: { x: str(columns['x'])!, y: str(columns['y'])! } } : {}),
    ...(plan && str(plan['budget']) && str(plan['surface']) ? { plan: { budget: str(plan['budget'])!, surface: str(plan['surface'])! } } : {}),
  };
}

async function restore(s: Services, webviewPanel: vscode.WebviewPanel, state: PanelState): Promise<void> {
  webviewPanel.webview.options = webviewOptions(s.context.extensionUri);
  if (state.plan) {
    const { restorePlanPanel } = await import('../commands/plan');
    await restorePlanPanel(s, webviewPanel, state.plan);
    return;
  }
  if (!state.source) {
    const empty = new LensSession('', 'Scaling Lens', s.sessionDeps);
    const panel = new LensPanel(webviewPanel, empty, s.panels.host);
    s.panels.adopt(`restored:${Date.now()}`, panel);
    panel.render();
    return;
  }
  let session: LensSession;
  try {
    session = await s.openSession(vscode.Uri.file(state.source), { allowEmpty: true });
    if (state.columns) session.selectColumns(state.columns.x, state.columns.y);
    if (state.selected) session.selectCurves(state.selected);
    if (state.target) session.setTarget(state.target);
  } catch (err) {
    log().warn(`could not restore the panel of ${state.source}: ${errorMessage(err)}`);
    session = new LensSession(state.source, state.source, s.sessionDeps);
    const panel = new LensPanel(webviewPanel, session, s.panels.host);
    s.panels.adopt(state.source, panel);
    panel.render();
    panel.showError(`Could not re-read ${state.source}: ${errorMessage(err)}`);
    return;
  }
  const panel = new LensPanel(webviewPanel, session, s.panels.host);
  s.panels.adopt(state.source, panel);
  await panel.refit('window');
}

export function registerPanelSerializer(s: Services): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state: unknown) => restore(s, panel, asState(state)),
  });
}
