// Activation: register the commands, the panel serializer (so a reload restores panels) and the
// shared services; everything is released on deactivate. Activation happens only through the
// contributed commands and onWebviewPanel:scalingLens.panel.
import * as vscode from 'vscode';
import type { PanelData, ToWebview } from '../shared/protocol';
import { benchmarkCommand } from './commands/benchmark';
import { exportCommand, exportFrom } from './commands/export';
import { compareCommand, fitCommand } from './commands/fit';
import { planCommand } from './commands/plan';
import { predictCommand } from './commands/predict';
import { lastReportedError } from './commands/report';
import { stopWatchCommand, watchCommand } from './commands/watch';
import { disposeLog, log } from './log';
import { registerPanelSerializer } from './panel/serializer';
import { Services } from './services';
import type { WatchState } from './watch';

/** Returned from activate(); `testing` is read by the integration suite. */
export interface ScalingLensApi {
  readonly testing: {
    lastPanelMessage(): ToWebview | undefined;
    /** The last full data snapshot posted to any panel. */
    lastPanelData(): PanelData | undefined;
    readonly onDidPostPanelMessage: vscode.Event<ToWebview>;
    watchState(): WatchState | undefined;
    readonly onDidUpdateWatch: vscode.Event<WatchState>;
    statusBarText(): string | undefined;
    lastError(): string | undefined;
    panelCount(): number;
  };
}

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): ScalingLensApi {
  const s = new Services(context);
  services = s;
  s.exportHandler = (panel, format) => exportFrom(s, panel, format);
  const register = (id: string, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  register('scalingLens.fit', (uri, opts) => fitCommand(s, uri, opts));
  register('scalingLens.compare', (uri, opts) => compareCommand(s, uri, opts));
  register('scalingLens.watch', (uri) => watchCommand(s, uri));
  register('scalingLens.stopWatch', () => stopWatchCommand(s));
  register('scalingLens.predict', (arg) => predictCommand(s, arg));
  register('scalingLens.plan', (arg) => planCommand(s, arg));
  register('scalingLens.benchmark', (arg) => benchmarkCommand(s, arg));
  register('scalingLens.export', (arg) => exportCommand(s, arg));
  register('scalingLens.showLog', () => log().show(true));
  context.subscriptions.push(registerPanelSerializer(s));
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

  return {
    testing: {
      lastPanelMessage: () => s.panels.lastMessage,
      lastPanelData: () => lastData,
      onDidPostPanelMessage: posted.event,
      watchState: () => s.watch?.state,
      onDidUpdateWatch: s.onDidUpdateWatch,
      statusBarText: () => s.statusBar.text,
      lastError: lastReportedError,
      panelCount: () => s.panels.all().length,
    },
  };
}

export function deactivate(): void {
  services?.dispose();
  services = undefined;
  disposeLog();
}
