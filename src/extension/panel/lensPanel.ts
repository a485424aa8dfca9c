// One Scaling Lens panel: a webview showing one session. It validates every message from the
// webview, keeps the latest snapshot and re-sends it when the panel becomes visible again
// (hidden webviews drop messages), runs refits cancellably, and answers export requests. Refits
// run in two lanes (live/refitLanes.ts): the schedule-aware forecast is posted the moment it
// lands, not after the slower law fits, and newer data supersede stale work.
import * as vscode from 'vscode';
import { PANEL_VIEW_TYPE, type FromWebview, type NoticeAction, type PanelData, type ToWebview } from '../../shared/protocol';
import { validateFromWebview } from '../../shared/validate';
import { Disposable } from '../dispose';
import { RefitLanes } from '../live/refitLanes';
import { errorMessage, log } from '../log';
import type { LensSession } from '../session';
import { reachQuery } from '../../core/targetText';
import { answerReach } from '../commands/reach';
import { panelHtml, webviewOptions } from './html';
import { LoadWatchdog } from './loadWatchdog';

export type { PanelState } from '../../shared/protocol';

export interface PanelHost {
  readonly extensionUri: vscode.Uri;
  /** Export of the panel's data, run by the Export command. */
  exportFrom(panel: LensPanel, format: 'png' | 'csv' | 'json'): Promise<void>;
  /** Every message posted to any panel (the test hook reads the last one). */
  onPosted(panel: LensPanel, msg: ToWebview): void;
  onFocused(panel: LensPanel): void;
  onClosed(panel: LensPanel): void;
  /** The button of the panel's notice was pressed. */
  onNoticeAction(panel: LensPanel, action: NoticeAction): Promise<void>;
}

export type RefitProgress = 'notification' | 'window' | 'none';

/** How often an image request the panel has not answered is sent again. */
const IMAGE_RETRY_MS = 1000;

export class LensPanel extends Disposable {
  private latest: PanelData | undefined;
  private ready = false;
  private readonly readyWaiters: (() => void)[] = [];
  private readonly refits: RefitLanes;
  /** Refits the user is waiting for (the spinner shows while any is); Cancel presses so far. */
  private waited = 0;
  private cancels = 0;
  private nextImage = 1;
  /** Runs after each finished refit, before the render (Compare Estimators computes its back-test view). */
  afterFit: ((panel: LensPanel) => Promise<void>) | undefined;
  private readonly images = new Map<number, (dataUrl: string | undefined) => void>();
  private readonly loadWatch: LoadWatchdog;
  /** The number of the page the webview was last given (setHtml). */
  private load = 0;
  private readonly refitted = this._register(new vscode.EventEmitter<void>());
  /** Fires after every finished refit, before its render (a watch updates its live line). */
  readonly onDidRefit = this.refitted.event;
  private readonly forecasted = this._register(new vscode.EventEmitter<void>());
  /** Fires when a forecast lands, before its render (ahead of the law fits of the same data). */
  readonly onDidForecast = this.forecasted.event;
  private readonly landed = this._register(new vscode.EventEmitter<'forecast' | 'laws'>());
  /** Fires after the render of a background refit's forecast or law fits (a watch counts its updates). */
  readonly onDidLand = this.landed.event;

  static create(host: PanelHost, session: LensSession, column: vscode.ViewColumn = vscode.ViewColumn.Beside): LensPanel {
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, `Scaling Lens: ${session.title}`, { viewColumn: column, preserveFocus: false }, webviewOptions(host.extensionUri));
    return new LensPanel(panel, session, host);
  }

  constructor(
    readonly panel: vscode.WebviewPanel,
    public session: LensSession,
    private readonly host: PanelHost,
  ) {
    super();
    this.refits = new RefitLanes(() => this.session, {
      forecastLanded: () => {
        if (this.isDisposed) return;
        this.forecasted.fire();
        this.render();
        this.landed.fire('forecast');
      },
      pointFitsLanded: () => {
        if (!this.isDisposed) this.render();
      },
      lawsLanded: async () => {
        if (this.isDisposed) return;
        await this.afterFit?.(this);
        if (this.isDisposed) return;
        this.refitted.fire();
        this.render();
        this.landed.fire('laws');
      },
      onError: (err) => {
        log().error(`fit of ${this.session.path} failed: ${errorMessage(err)}`);
        this.showError(errorMessage(err));
      },
    });
    this._register({ dispose: () => this.refits.dispose() });
    panel.webview.options = webviewOptions(host.extensionUri);
    this.loadWatch = this._register(
      new LoadWatchdog(
        () => this.panel.visible,
        (attempt) => {
          log().warn(`the panel "${this.panel.title}" has not loaded its script; reloading it (try ${attempt})`);
          this.setHtml();
        },
        (attempts) => {
          log().error(`the panel "${this.panel.title}" did not load its script after ${attempts} reloads`);
          void vscode.window.showWarningMessage(`Scaling Lens: the panel "${this.panel.title}" did not load (reloaded ${attempts} times). Close it and run the command again, or reload the window.`);
        },
      ),
    );
    this.setHtml();
    this.loadWatch.loading();
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)));
    let wasVisible = panel.visible;
    this._register(
      panel.onDidChangeViewState((e) => {
        // a hidden webview is torn down (no retainContextWhenHidden): it loads, and says "ready", again when shown
        const visible = e.webviewPanel.visible;
        if (!visible) {
          this.ready = false;
          this.loadWatch.hidden();
        } else {
          // only on being shown: a focus change fires this too, and must not restart the load's deadline
          if (!wasVisible) this.loadWatch.loading();
          if (this.latest) this.send({ type: 'data', data: this.latest });
        }
        wasVisible = visible;
        if (e.webviewPanel.active) host.onFocused(this);
      }),
    );
    this._register(panel.onDidDispose(() => this.dispose()));
    host.onFocused(this);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.refits.cancel();
    for (const resolve of this.images.values()) resolve(undefined);
    this.images.clear();
    this.host.onClosed(this);
    super.dispose();
    this.panel.dispose();
  }

  get data(): PanelData | undefined {
    return this.latest;
  }

  /** Whether the latest snapshot holds something the webview draws as a chart (what a PNG export needs). */
  get hasChart(): boolean {
    const d = this.latest;
    return Boolean(d?.chart ?? d?.plan ?? d?.backtest);
  }

  /**
   * A new page for the webview. Each load has its number, which its "ready" carries: a "ready" from
   * a page already replaced is not taken for the new page's.
   */
  private setHtml(scriptFile?: string): void {
    this.ready = false;
    this.load++;
    this.panel.webview.html = panelHtml(this.panel.webview, this.host.extensionUri, this.load, scriptFile);
  }

  /** Test hook: the panel loads a shell whose script never arrives, as VS Code for the Web's can when its service worker is late. */
  loadBlankForTest(): void {
    this.setHtml('missing-for-test.js');
    this.loadWatch.loading();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Sends the session's current state to the webview (and remembers it for re-sending). */
  render(): PanelData {
    this.latest = this.session.panelData();
    this.panel.title = `Scaling Lens: ${this.session.title}`;
    this.send({ type: 'data', data: this.latest });
    return this.latest;
  }

  setBusy(busy: boolean, message?: string): void {
    this.send(message === undefined ? { type: 'busy', busy } : { type: 'busy', busy, message });
  }

  showError(message: string): void {
    this.send({ type: 'error', message });
  }

  /** `evenIfNotReady`: posted to a visible webview whether or not it has said "ready" (a request asked again until answered). */
  private send(msg: ToWebview, evenIfNotReady = false): void {
    if (this.isDisposed) return;
    this.host.onPosted(this, msg);
    // hidden webviews drop messages; the latest snapshot is re-sent on becoming visible
    if ((this.ready || evenIfNotReady) && this.panel.visible) void this.panel.webview.postMessage(msg);
  }

  /**
   * Refits what the user changed (columns, curves, target, schedule, prior, …): work in flight for
   * older settings is cancelled; the panel shows the data at once, the forecast when it lands and
   * the law fits when they land. Resolves false when the user cancelled.
   */
  async refit(progress: RefitProgress = 'notification', opts: { readonly quiet?: boolean } = {}): Promise<boolean> {
    const cancels = this.cancels;
    // quiet (a watch): the points are already drawn and the older fit stays, marked stale; no spinner
    if (!opts.quiet) {
      this.waited++;
      this.render();
      this.setBusy(true, `Fitting ${this.session.selected.length > 1 ? `${this.session.selected.length} curves` : this.session.title}…`);
    }
    const lanes = this.refits.request({ force: true });
    const wait = async (token?: vscode.CancellationToken) => {
      const sub = token?.onCancellationRequested(() => this.cancelFit());
      try {
        await Promise.all(lanes.map((l) => l.whenIdle()));
      } finally {
        sub?.dispose();
      }
    };
    try {
      if (progress === 'none' || lanes.length === 0) await wait();
      else {
        await vscode.window.withProgress(
          {
            location: progress === 'notification' ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window,
            title: `Scaling Lens: fitting ${this.session.title}`,
            cancellable: progress === 'notification',
          },
          (_p, token) => wait(token),
        );
      }
    } finally {
      if (!opts.quiet && --this.waited === 0) this.setBusy(false);
    }
    if (this.cancels !== cancels || this.isDisposed) return false;
    await this.afterFit?.(this);
    this.refitted.fire();
    this.render();
    return true;
  }

  /** A watched log grew: both lanes refit in the background, newer data superseding stale work. */
  refitLive(): void {
    this.refits.request();
  }

  /** Resolves when no refit runs or waits (a watch's first fit, tests). */
  whenRefitsIdle(): Promise<void> {
    return this.refits.whenIdle();
  }

  /** True while a refit runs or waits. */
  get refitting(): boolean {
    return this.refits.busy;
  }

  cancelFit(): void {
    this.cancels++;
    this.refits.cancel();
  }

  /** Resolves when the webview has loaded and said "ready" (false after `timeoutMs`). */
  whenReady(timeoutMs = 60_000): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * Asks the webview for a PNG of its chart; undefined if it cannot (closed, not loaded, no chart).
   * The wait outlasts the load watchdog's reloads of a panel that came up blank (4 + 8 + 16 s): at
   * 15 s an export gave up before the third, on a fresh clone's integration run.
   */
  async requestImage(timeoutMs = 30_000): Promise<string | undefined> {
    if (!this.panel.visible) this.reveal();
    const start = Date.now();
    // not ready yet: asked anyway (below, until it answers), since "ready" can be missed too
    await this.whenReady(timeoutMs / 2);
    timeoutMs -= Date.now() - start;
    const requestId = this.nextImage++;
    const ask = (): void => this.send({ type: 'requestImage', requestId }, true);
    return new Promise((resolve) => {
      // a webview torn down and reloaded as its panel was shown again can miss the request (or
      // its "ready" be missed here): ask again until it answers, whether or not it said ready
      const again = setInterval(ask, IMAGE_RETRY_MS);
      const timer = setTimeout(() => {
        clearInterval(again);
        this.images.delete(requestId);
        resolve(undefined);
      }, timeoutMs);
      this.images.set(requestId, (url) => {
        clearTimeout(timer);
        clearInterval(again);
        resolve(url);
      });
      ask();
    });
  }

  private onMessage(raw: unknown): void {
    let msg: FromWebview;
    try {
      msg = validateFromWebview(raw);
    } catch (err) {
      log().warn(`ignored a malformed message from the panel: ${errorMessage(err)}`);
      return;
    }
    void this.handle(msg).catch((err: unknown) => {
      log().error(`panel request "${msg.type}" failed: ${errorMessage(err)}`);
      this.showError(errorMessage(err));
    });
  }

  private async handle(msg: FromWebview): Promise<void> {
    switch (msg.type) {
      case 'ready':
        if (msg.load !== undefined && msg.load !== this.load) return;
        this.ready = true;
        this.loadWatch.loaded();
        for (const w of this.readyWaiters.splice(0)) w();
        if (this.latest) this.send({ type: 'data', data: this.latest });
        else this.render();
        return;
      case 'selectCurves':
        this.session.selectCurves(msg.ids);
        await this.refit('window');
        return;
      case 'selectColumns':
        this.session.selectColumns(msg.x, msg.y);
        await this.refit('window');
        return;
      case 'setTarget': {
        // "when does the loss reach 2.5?" typed in the target field asks for an x, as in the Predict box
        const loss = reachQuery(msg.text, this.session.columns?.y);
        const curve = this.session.selected[0];
        if (loss !== undefined && curve !== undefined) {
          await answerReach(this, curve, loss);
          return;
        }
        this.session.setTarget(msg.text);
        await this.refit('window');
        return;
      }
      case 'setSchedule':
        // a spec that does not parse is shown under the field (specError); the last good one stays
        this.session.forecast.setSchedule(msg.spec);
        await this.refit('window');
        return;
      case 'export':
        await this.host.exportFrom(this, msg.format);
        return;
      case 'image':
      case 'noImage': {
        const resolve = this.images.get(msg.requestId);
        this.images.delete(msg.requestId);
        resolve?.(msg.type === 'image' ? msg.dataUrl : undefined);
        return;
      }
      case 'cancel':
        this.cancelFit();
        return;
      case 'noticeAction':
        await this.host.onNoticeAction(this, msg.action);
        return;
      case 'reportError':
        log().error(`panel: ${msg.message}`);
        return;
    }
  }
}
