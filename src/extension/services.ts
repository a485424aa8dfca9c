// Everything the commands share, created once on activation and disposed on deactivation: the
// fit worker, the panels, the watches (each with its own status-bar item), and the files the user
// opened (a panel restored after a reload re-reads only those or files in the workspace).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { CURVE_LAW_IDS, domainSettings, getLaw, listLaws, readSource } from './engine';
import { FitClient } from './fitClient';
import { log } from './log';
import type { LensPanel } from './panel/lensPanel';
import { PanelManager } from './panel/panelManager';
import { sourceTitle } from './model/sourceTitle';
import { LensSession, inEditorWords, type SessionDeps } from './session';
import { noCurveError } from './model/noCurveError';
import { readSettings } from './settings';
import { mayReopen, rememberOpened } from './panel/restorePolicy';
import type { LogWatch, WatchState } from './watch';
import type { ExportFormat } from '../shared/protocol';

export class Services extends Disposable {
  /** The fit worker: law fits, back-tests, surfaces, priors. */
  readonly fit: FitClient;
  /**
   * A second worker for the schedule-aware forecast alone (started on first use): a watched run's
   * headline forecast (under a second) never waits behind the regular law fits (tens of seconds).
   */
  readonly forecaster: FitClient;
  readonly panels: PanelManager;
  /** Watched logs by path; several at once, each stopped only when asked. */
  readonly watches = new Map<string, LogWatch>();
  /** The watch started or updated last (what the testing API's single-watch calls read). */
  lastWatch: LogWatch | undefined;
  private readonly watchUpdated = new vscode.EventEmitter<WatchState>();
  /** Fires when a watched log shows new points and after each of its refits. */
  readonly onDidUpdateWatch = this.watchUpdated.event;
  /** Set by the export module (kept out of here to avoid an import cycle). */
  exportHandler: ((panel: LensPanel, format: ExportFormat) => Promise<unknown>) | undefined;

  constructor(readonly context: vscode.ExtensionContext) {
    super();
    const workerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'fitWorker.js').fsPath;
    const workerLog = { warn: (m: string) => log().warn(m), error: (m: string) => log().error(m) };
    this.fit = this._register(new FitClient(workerPath, workerLog));
    // a forecast job ends on its own within seconds: a cancelled one finishes rather than restart the worker
    this.forecaster = this._register(new FitClient(workerPath, workerLog, 30_000));
    this.panels = this._register(
      new PanelManager(context.extensionUri, async (panel, format) => {
        await this.exportHandler?.(panel, format);
      }),
    );
    this._register({
      dispose: () => {
        for (const w of this.watches.values()) w.dispose();
        this.watches.clear();
      },
    });
    this._register(this.watchUpdated);
    // an idle worker holds its own V8 heap: with no panel left there is nothing to fit for, so the
    // workers end once a fit cancelled by the close has stopped (the next fit starts one again)
    this._register(
      this.panels.onDidClose(() => {
        // (a watch lives only as long as its panel: no panel, no watch)
        if (this.panels.all().length > 0) return;
        this.fit.stopWhenIdle();
        this.forecaster.stopWhenIdle();
      }),
    );
  }

  private static readonly OPENED_KEY = 'scalingLens.openedFiles';

  /** Remembers a file or folder the user opened with Scaling Lens in this workspace. */
  rememberOpened(file: string): void {
    const list = this.context.workspaceState.get<string[]>(Services.OPENED_KEY, []);
    void this.context.workspaceState.update(Services.OPENED_KEY, rememberOpened(list, file));
  }

  /** May a panel restored after a reload re-read `file` without asking? */
  mayReopen(file: string): boolean {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return mayReopen(file, folders, this.context.workspaceState.get<string[]>(Services.OPENED_KEY, []));
  }

  fireWatchUpdate(state: WatchState): void {
    this.watchUpdated.fire(state);
  }

  readonly sessionDeps: SessionDeps = {
    analyze: (points, options, token) => this.fit.analyze(points, options, token),
    forecast: (data, options, token) => this.forecaster.forecast(data, options, token),
    settings: (file) => readSettings(file ? vscode.Uri.file(file) : undefined),
    lawOf: (id) => {
      try {
        return getLaw(id);
      } catch {
        return undefined;
      }
    },
    knownLaws: () => listLaws().map((l) => l.id),
    curveLaws: () => [...CURVE_LAW_IDS],
    upperBoundOf: (meta) => (meta && typeof meta['domain'] === 'string' ? domainSettings(meta['domain']).upperBound : undefined),
  };

  /** A session for `uri` with nothing read yet (a watch fills it). */
  newSession(uri: vscode.Uri): LensSession {
    return new LensSession(uri.fsPath, sourceTitle(uri.fsPath), this.sessionDeps);
  }

  /** Reads a file or folder into a new session; bad files throw with a message for the user. */
  async openSession(uri: vscode.Uri, opts: { allowEmpty?: boolean } = {}): Promise<LensSession> {
    const started = Date.now();
    const source = await readSource(uri.fsPath);
    log().info(`read ${uri.fsPath}: format ${source.format}, ${source.runs.length} run(s), ${source.warnings.length} warning(s) in ${Date.now() - started} ms`);
    for (const w of source.warnings.slice(0, 50)) log().warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    const session = this.newSession(uri);
    session.setSource(source);
    if (!opts.allowEmpty && (!session.columns || session.curves.length === 0)) {
      throw noCurveError(path.basename(uri.fsPath), source.warnings[0] && inEditorWords(source.warnings[0].message));
    }
    return session;
  }
}
