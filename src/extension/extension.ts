// Activation: register the commands, the panel serializer (so a reload restores panels) and the
// shared services; everything is released on deactivate. Activation happens only through the
// contributed commands and onWebviewPanel:scalingLens.panel.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, panelStateOf, type PanelData, type PanelState, type ToWebview } from '../shared/protocol';
import { benchmarkCommand } from './commands/benchmark';
import { openDocsCommand } from './commands/docs';
import { exportCommand, exportFrom } from './commands/export';
import { compareCommand, fitCommand } from './commands/fit';
import { planCommand } from './commands/plan';
import { fitSampleCommand } from './commands/sample';
import { predictCommand } from './commands/predict';
import { lastReportedActions, lastReportedError } from './commands/report';
import { startWatch, stopWatchCommand, watchCommand, watchMenuCommand } from './commands/watch';
import { clearPriorCommand, usePriorCommand } from './commands/prior';
import { clearReferenceCommand, compareReferenceCommand } from './commands/reference';
import { clearWhatIfCommand, whatIfCommand } from './commands/whatIf';
import { EarlyWarnings } from './live/earlyWarningMonitor';
import { setScheduleCommand } from './commands/schedule';
import type { ScheduleFit } from '../core/schedule/index';
import { disposeLog, log } from './log';
import { webviewOptions } from './panel/html';
import { openAfterConsent, registerPanelSerializer, restorePanel } from './panel/serializer';
import { Services } from './services';
import { refitOnSettingsChange } from './settingsChange';
import { WATCH_MENU_COMMAND } from './statusBar';
import type { WatchState } from './watch';

/** Returned from activate(); `testing` is read by the integration suite. */
export interface ScalingLensApi {
  readonly testing: {
    lastPanelMessage(): ToWebview | undefined;
    /** The last full data snapshot posted to any panel. */
    lastPanelData(): PanelData | undefined;
    readonly onDidPostPanelMessage: vscode.Event<ToWebview>;
    /** The watch started or updated last. */
    watchState(): WatchState | undefined;
    watchStates(): WatchState[];
    readonly onDidUpdateWatch: vscode.Event<WatchState>;
    /** The status-bar text of the watch started or updated last. */
    statusBarText(): string | undefined;
    statusBarTexts(): string[];
    /** Each watch's status-item background theme colour ('' for none), in statusBarTexts' order. */
    statusBarBackgrounds(): string[];
    lastError(): string | undefined;
    /** The buttons the last error notification offered. */
    lastErrorActions(): readonly string[];
    panelCount(): number;
    /** The last snapshot of the panel of `source`. */
    panelData(source: string): PanelData | undefined;
    /** Rebuilds a panel from a saved state in a new webview panel, as the serializer does after a reload. */
    restorePanel(state: PanelState): Promise<PanelData | undefined>;
    /**
     * What Reload Window does to the panel of `source`: the extension host (and with it the watch)
     * goes away, the webview's saved state stays, and the serializer rebuilds the panel from it.
     */
    simulateReload(source: string): Promise<PanelData | undefined>;
    /** Waits until the watch of `source` has no refit running or queued. */
    watchSettled(source: string): Promise<void>;
    /** Every early-warning notification shown so far. */
    earlyWarnings(): readonly string[];
    /** Sets the forecast prior of the panel of `source` (ForecastState.setPrior), refits, returns the snapshot. */
    setForecastPrior(source: string, fit: ScheduleFit | undefined, label?: string): Promise<PanelData | undefined>;
    /** Seconds the last forecast of the panel of `source` took in the fit worker. */
    forecastSeconds(source: string): number | undefined;
    /** Fit worker threads alive (the law fits' and the forecast's). */
    fitWorkersRunning(): number;
    /** The current panel reloads a shell whose script never arrives (LensPanel.loadBlankForTest). */
    loadBlankPanel(): boolean;
  };
}

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): ScalingLensApi {
  const s = new Services(context);
  services = s;
  s.exportHandler = (panel, format) => exportFrom(s, panel, format);
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('scalingLens.fit', (uri, opts) => fitCommand(s, uri, opts));
  register('scalingLens.fitSample', () => fitSampleCommand(s, context.extensionUri));
  register('scalingLens.compare', (uri, opts) => compareCommand(s, uri, opts));
  register('scalingLens.watch', (uri) => watchCommand(s, uri));
  register('scalingLens.stopWatch', (arg) => stopWatchCommand(s, arg));
  register(WATCH_MENU_COMMAND, (arg) => watchMenuCommand(s, arg));
  s.panels.noticeHandler = async (panel, action) => {
    if (action === 'openSource') await openAfterConsent(s, panel);
    else if (action === 'againstN' && panel.session.columns) {
      panel.session.selectColumns('params', panel.session.columns.y);
      await panel.refit('window');
    } else if (action === 'planFromSource' && panel.session.path) {
      await vscode.commands.executeCommand('scalingLens.plan', { surface: panel.session.path });
    } else if (action === 'resumeWatch' && panel.session.path) {
      panel.session.notice = undefined;
      s.rememberOpened(panel.session.path);
      await startWatch(s, vscode.Uri.file(panel.session.path), { panel, session: panel.session });
    }
  };
  register('scalingLens.predict', (arg) => predictCommand(s, arg));
  register('scalingLens.setSchedule', (arg) => setScheduleCommand(s, arg));
  register('scalingLens.plan', (arg) => planCommand(s, arg));
  register('scalingLens.benchmark', (arg) => benchmarkCommand(s, arg));
  register('scalingLens.export', (arg) => exportCommand(s, arg));
  register('scalingLens.showLog', () => log().show(true));
  register('scalingLens.openDocs', () => openDocsCommand(context.extensionUri));
  register('scalingLens.usePrior', (arg) => usePriorCommand(s, arg));
  register('scalingLens.clearPrior', (arg) => clearPriorCommand(s, arg));
  register('scalingLens.whatIf', (arg) => whatIfCommand(s, arg));
  register('scalingLens.clearWhatIf', (arg) => clearWhatIfCommand(s, arg));
  register('scalingLens.compareReference', (arg) => compareReferenceCommand(s, arg));
  register('scalingLens.clearReference', (arg) => clearReferenceCommand(s, arg));
  const warnings = new EarlyWarnings(s);
  context.subscriptions.push(warnings);
  context.subscriptions.push(registerPanelSerializer(s));
  context.subscriptions.push(refitOnSettingsChange(s.panels));
  context.subscriptions.push(s);

  let lastData: PanelData | undefined;
  const posted = new vscode.EventEmitter<ToWebview>();
  context.subscriptions.push(posted);
  context.subscriptions.push(
    s.panels.onDidPost(({ msg }) => {
      if (msg.type === 'data') lastData = msg.data;
      posted.fire(msg);
    }),
  );
  log().info(`Scaling Lens ${String(context.extension.packageJSON['version'])} activated`);

  const restoreInto = async (state: PanelState): Promise<PanelData | undefined> => {
    const webviewPanel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Scaling Lens', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
    const panel = await restorePanel(s, webviewPanel, state);
    return panel?.data;
  };
  return {
    testing: {
      lastPanelMessage: () => s.panels.lastMessage,
      lastPanelData: () => lastData,
      onDidPostPanelMessage: posted.event,
      watchState: () => s.lastWatch?.state,
      watchStates: () => [...s.watches.values()].map((w) => w.state),
      onDidUpdateWatch: s.onDidUpdateWatch,
      statusBarText: () => s.lastWatch?.statusText,
      statusBarTexts: () => [...s.watches.values()].map((w) => w.statusText ?? ''),
      statusBarBackgrounds: () => [...s.watches.values()].map((w) => w.statusBackground ?? ''),
      lastError: lastReportedError,
      lastErrorActions: lastReportedActions,
      panelCount: () => s.panels.all().length,
      panelData: (source) => s.panels.get(source)?.data,
      restorePanel: restoreInto,
      simulateReload: async (source) => {
        const panel = s.panels.get(source);
        if (!panel?.data) return undefined;
        const state = panelStateOf(panel.data);
        const w = s.watches.get(source);
        if (w) {
          s.watches.delete(source);
          if (s.lastWatch === w) s.lastWatch = undefined;
          w.dispose();
        }
        panel.dispose();
        return restoreInto(state);
      },
      watchSettled: async (source) => {
        await s.watches.get(source)?.whenSettled();
      },
      earlyWarnings: () => warnings.shown,
      setForecastPrior: async (source, fit, label) => {
        const panel = s.panels.get(source);
        if (!panel) return undefined;
        panel.session.forecast.setPrior(fit, label);
        await panel.refit('none');
        return panel.data;
      },
      forecastSeconds: (source) => s.panels.get(source)?.session.forecast.lastSeconds,
      fitWorkersRunning: () => Number(s.fit.running) + Number(s.forecaster.running),
      loadBlankPanel: () => {
        const panel = s.panels.current();
        panel?.loadBlankForTest();
        return panel !== undefined;
      },
    },
  };
}

export function deactivate(): void {
  services?.dispose();
  services = undefined;
  disposeLog();
}
