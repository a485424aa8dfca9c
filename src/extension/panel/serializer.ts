// Restores panels after a window reload. The webview saved its PanelState with setState; the host
// re-reads the source only when it is inside the workspace folders or was opened by the user with
// Scaling Lens in this workspace (a saved state is webview data: it must not make the host read any
// path it names). Otherwise the panel says so and offers a button. A watched source resumes its
// watch; Compare Estimators comes back as the back-test view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseScheduleFit } from '../../core/schedule/index';
import { PANEL_VIEW_TYPE, type PanelState } from '../../shared/protocol';
import { enableCompare } from '../commands/compare';
import { startWatch } from '../commands/watch';
import { errorMessage, log } from '../log';
import type { Services } from '../services';
import { LensSession } from '../session';
import { applySavedChoices, asState } from './savedState';
import { webviewOptions } from './html';
import { LensPanel } from './lensPanel';
import { sourceTitle } from '../model/sourceTitle';

/** The saved schedule, prior, target and what-if, back on a restored session's forecast. */
function restoreForecast(session: LensSession, state: PanelState): void {
  if (state.schedule) session.forecast.setSchedule(state.schedule);
  else if (state.scheduleOff) session.forecast.declineConfig();
  if (state.prior) session.forecast.setPrior(parseScheduleFit(state.prior.fit, 'the saved prior'), state.prior.label);
  if (state.targetLoss) session.forecast.setTargetLoss(state.targetLoss.loss, state.targetLoss.from);
  if (state.whatIf) {
    try {
      session.forecast.setWhatIf(state.whatIf);
    } catch (err) {
      // asState checked it; this only guards a state built elsewhere (the testing hook)
      log().warn(`${session.path}: the saved what-if cooldown was dropped: ${errorMessage(err)}`);
    }
  }
}

/** States waiting for the user's click (a source outside the workspace), by panel. */
const awaitingConsent = new WeakMap<LensPanel, PanelState>();

/** Rebuilds a panel from its saved state (after a reload; tests call it with a fresh webview panel). */
export async function restorePanel(s: Services, webviewPanel: vscode.WebviewPanel, state: PanelState): Promise<LensPanel | undefined> {
  webviewPanel.webview.options = webviewOptions(s.context.extensionUri);
  if (state.plan) {
    const { restorePlanPanel } = await import('../commands/plan');
    // a sweep file is re-read only under the same rule as any source
    const surface = state.plan.surface;
    const safe = !path.isAbsolute(surface) || s.mayReopen(surface) ? state.plan : { ...state.plan, surface: 'chinchilla' };
    await restorePlanPanel(s, webviewPanel, safe);
    return undefined;
  }
  if (!state.source) {
    const empty = new LensSession('', 'Scaling Lens', s.sessionDeps);
    const panel = new LensPanel(webviewPanel, empty, s.panels.host);
    s.panels.adopt(`restored:${Date.now()}`, panel);
    panel.render();
    return panel;
  }
  if (!s.mayReopen(state.source)) {
    const session = new LensSession(state.source, sourceTitle(state.source), s.sessionDeps);
    session.notice = {
      text: `This panel showed ${state.source}, which is outside this window's workspace folders. Scaling Lens re-reads such a file only when you ask${state.watching ? ' (and then resumes watching it)' : ''}.`,
      action: 'openSource',
      actionLabel: state.watching ? 'Open and watch' : 'Open it',
    };
    const panel = new LensPanel(webviewPanel, session, s.panels.host);
    awaitingConsent.set(panel, state);
    s.panels.adopt(state.source, panel);
    panel.render();
    return panel;
  }
  return reopen(s, webviewPanel, state);
}

async function reopen(s: Services, webviewPanel: vscode.WebviewPanel, state: PanelState, existing?: LensPanel): Promise<LensPanel> {
  const source = state.source!;
  const uri = vscode.Uri.file(source);
  const panelWith = (session: LensSession): LensPanel => {
    if (existing) {
      existing.session = session;
      return existing;
    }
    const panel = new LensPanel(webviewPanel, session, s.panels.host);
    s.panels.adopt(source, panel);
    return panel;
  };
  if (state.watching) {
    // the watch's first read fills the panel, as when it was started
    const session = s.newSession(uri);
    // a typed target (saved as typed, or other than the default) keeps the watch's status bar to it
    if (state.target && (state.targetTyped || state.target !== session.targetText)) {
      session.targetText = state.target;
      session.targetTyped = true;
    }
    restoreForecast(session, state);
    const panel = panelWith(session);
    panel.render();
    // the saved columns apply to the first read, before anything is drawn or fitted; the panel is
    // drawn then, and VS Code shows its loading bar until this returns, so the fit is not awaited
    const st = await startWatch(s, uri, { panel, session, onFirstRead: () => state.columns && trySelect(session, state), awaitFit: false });
    if (st) log().info(`resumed watching ${source} after a reload`);
    return panel;
  }
  let session: LensSession;
  try {
    session = await s.openSession(uri, { allowEmpty: true });
    trySelect(session, state);
  } catch (err) {
    log().warn(`could not restore the panel of ${source}: ${errorMessage(err)}`);
    session = new LensSession(source, sourceTitle(source), s.sessionDeps);
    // a notice, part of the snapshot: an error posted now reaches no one (the page has not said
    // "ready" yet), and the panel showed its title over nothing
    session.notice = { text: `Could not re-read ${source}: ${errorMessage(err)}. Fit it again once it is back (Scaling Lens: Fit Learning Curve).` };
    const panel = panelWith(session);
    panel.render();
    return panel;
  }
  const panel = panelWith(session);
  if (state.compare) enableCompare(s, panel);
  await panel.refit('window');
  return panel;
}

function trySelect(session: LensSession, state: PanelState): void {
  try {
    applySavedChoices(session, state);
    restoreForecast(session, state);
  } catch (err) {
    log().warn(`restored panel of ${session.path}: ${errorMessage(err)}`);
  }
}

/** The "Open it" button of a panel restored from outside the workspace: the user's consent. */
export async function openAfterConsent(s: Services, panel: LensPanel): Promise<void> {
  const state = awaitingConsent.get(panel);
  if (!state?.source) return;
  awaitingConsent.delete(panel);
  s.rememberOpened(state.source);
  panel.session.notice = undefined;
  await reopen(s, panel.panel, state, panel);
}

export function registerPanelSerializer(s: Services): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      await restorePanel(s, panel, asState(state, (m) => log().warn(m)));
    },
  });
}
