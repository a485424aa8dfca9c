// Watching a training log: the ingest layer's watchSource follows the file or folder (stat poll as
// the truth, incremental reads, truncation / rotation / rewrite handling, new runs on rescans) and
// VS Code's file watcher only wakes it early. Points go to the panel as soon as they are read; the
// refits follow in the panel's two lanes (the schedule forecast, posted as soon as it lands, and
// the law fits), newer data superseding stale work, while the older fit stays on screen marked
// stale. Each watch has its own status-bar item.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceData } from '../ingest/model/model';
import { Disposable } from './dispose';
import { watchSource, type WatchHandle } from './engine';
import { fsHints } from './fsHints';
import { liveTooltip } from './live/statusText';
import { log } from './log';
import type { LensPanel } from './panel/lensPanel';
import type { LensSession } from './session';
import { WatchStatusItem } from './statusBar';
import { RESTART_SHOWN_MS, RestartNotice } from './live/restartNotice';
import { QuietLog } from './live/quietLog';
import { AutoChangeWatch } from './live/autoChange';
import { autoShownOf } from './session/autoShown';

/** Points are redrawn at most this often (a log written line by line at 1 kHz is not redrawn 1000×/s). */
const REDRAW_MS = 100;

export interface WatchState {
  readonly path: string;
  /** Law refits that landed. */
  readonly updates: number;
  /** Schedule forecasts that landed (each posted before its law refit). */
  readonly forecasts: number;
  /** Snapshots of new points shown (before their refit). */
  readonly pointUpdates: number;
  readonly status: string | undefined;
  /** The shown fit is older than the shown points. */
  readonly stale: boolean;
}

export class LogWatch extends Disposable {
  private updates = 0;
  private forecasts = 0;
  private pointUpdates = 0;
  private redrawTimer: NodeJS.Timeout | undefined;
  private lastRedraw = 0;
  private readonly handle: WatchHandle;
  private readonly item: WatchStatusItem;
  private readonly changed = new vscode.EventEmitter<WatchState>();
  /** Several watches at once: each status item leads with its log's name, or they read alike. */
  private named = false;
  /** Shown after the status line (the early warning's "P(end < 3.2) 64%"), and its tooltip paragraph. */
  private statusSuffix: { readonly text: string; readonly tooltip?: string } | undefined;
  /** Says on the live line, for a minute, that the log was rewritten by another run and the points read before left. */
  private readonly restart = new RestartNotice();
  private restartTimer: NodeJS.Timeout | undefined;
  /** auto's parts or headline changing from one refit to the next, said on the live line for a minute beside a restart's notice. */
  private readonly autoChange = new AutoChangeWatch();
  private autoChangeTimer: NodeJS.Timeout | undefined;
  /** When the log last changed: a run that finished or stalled says so, not the same numbers for hours. */
  private readonly quiet = new QuietLog();
  private quietTimer: NodeJS.Timeout | undefined;
  /** The quiet words last shown (the panel's live line is redrawn when they change). */
  private quietShown: string | undefined;
  /** The first read is the log as it was, not a change to it. */
  private readOnce = false;
  private readonly isFolder: boolean;
  /** Called once, when the first read has set the session's source, before anything is drawn or fitted (a restored panel's saved columns). */
  private onFirstRead: (() => void) | undefined;
  /** Fires when new points are shown and when a refit lands. */
  readonly onDidUpdate = this.changed.event;

  constructor(
    readonly session: LensSession,
    readonly panel: LensPanel,
    opts: { readonly pollMs: number; readonly isFolder: boolean; readonly onFirstRead?: () => void },
  ) {
    super();
    this._register(this.changed);
    this.item = this._register(new WatchStatusItem(session.path));
    this.onFirstRead = opts.onFirstRead;
    this.isFolder = opts.isFolder;
    session.watching = true;
    session.notice = undefined;
    this.handle = watchSource(session.path, (src) => this.take(src), { pollMs: opts.pollMs });
    this._register({ dispose: () => this.handle.dispose() });
    this._register(fsHints(session.path, opts.isFolder, () => void this.handle.refresh()));
    this._register({ dispose: () => this.redrawTimer && clearTimeout(this.redrawTimer) });
    this._register({ dispose: () => this.quietTimer && clearTimeout(this.quietTimer) });
    // a file's modification time dates a log that stopped before the watch began; a folder's says
    // only when a file was added, so its quiet is counted from the first read
    if (!opts.isFolder) {
      void stat(session.path).then(
        (st) => !this.isDisposed && this.quiet.seed(st.mtimeMs),
        () => undefined,
      );
    }
    // every landing (a forecast ahead of its law fits, a refit the panel asked for) changes the live line
    this._register(
      panel.onDidRefit(() => {
        if (this.autoChange.take(autoShownOf(this.session), Date.now())) {
          if (this.autoChangeTimer) clearTimeout(this.autoChangeTimer);
          this.autoChangeTimer = this.showStatusAfterAMinute();
        }
        this.showStatus();
      }),
    );
    this._register(panel.onDidForecast(() => this.showStatus()));
    this._register(
      panel.onDidLand((lane) => {
        if (this.isDisposed) return;
        if (lane === 'laws') this.updates++;
        else this.forecasts++;
        this.changed.fire(this.state);
      }),
    );
    this.item.show(`${path.basename(session.path)}: reading…`, `Scaling Lens is watching ${session.path}.`);
  }

  get state(): WatchState {
    return { path: this.session.path, updates: this.updates, forecasts: this.forecasts, pointUpdates: this.pointUpdates, status: this.session.statusLine(), stale: this.session.needsRefit() };
  }

  get statusText(): string | undefined {
    return this.item.text;
  }

  /** The status item's background theme colour: set while the log cannot be read. */
  get statusBackground(): string | undefined {
    return this.item.background;
  }

  /** Ties `d` to this watch's lifetime. */
  own(d: vscode.Disposable): void {
    this._register(d);
  }

  /** Polls now and, unless `fits` is false, waits for the refit of what it found (the first fit). */
  async refresh(fits = true): Promise<void> {
    await this.handle.refresh();
    this.flushRedraw();
    this.refitLive();
    if (fits) await this.panel.whenRefitsIdle();
  }

  private take(src: SourceData): void {
    if (this.isDisposed) return;
    if (this.readOnce) this.quiet.changed(Date.now());
    else if (this.isFolder) this.quiet.seed(Date.now());
    this.readOnce = true;
    if (this.pointUpdates === 0) {
      log().info(`watching ${this.session.path}: format ${src.format}, ${src.runs.length} run(s), ${src.warnings.length} warning(s)`);
      for (const w of src.warnings.slice(0, 50)) log().warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    }
    // a rewrite of a log whose points were never drawn (no x axis) takes none off the chart
    const shown = this.session.liveFacts()?.latest !== undefined;
    const followed = this.session.columns?.y;
    this.session.setSource(src);
    let news = this.restart.take(src.warnings, Date.now(), shown);
    const now = this.session.columns?.y;
    if (followed !== undefined && now !== undefined && now !== followed) {
      this.restart.say(`now showing ${now}, was ${followed} (pick another in the panel's y)`, Date.now());
      news = true;
    }
    if (news) {
      // other points, or another series: the next fit is no step of auto's from the last one
      this.autoChange.forget();
      // a log that goes quiet after its restart still loses the notice after its minute
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.restartTimer = this.showStatusAfterAMinute();
    }
    const first = this.onFirstRead;
    this.onFirstRead = undefined;
    first?.();
    // points first: drawn now (or within REDRAW_MS of the last draw), fits follow
    const wait = this.lastRedraw + REDRAW_MS - Date.now();
    if (wait <= 0) this.redraw();
    else this.redrawTimer ??= setTimeout(() => this.flushRedraw(), wait);
    this.refitLive();
  }

  /** Redraws the status once a notice said from now has had its minute. */
  private showStatusAfterAMinute(): NodeJS.Timeout {
    return setTimeout(() => {
      if (!this.isDisposed) this.showStatus();
    }, RESTART_SHOWN_MS + 10);
  }

  private flushRedraw(): void {
    if (this.redrawTimer) clearTimeout(this.redrawTimer);
    this.redrawTimer = undefined;
    this.redraw();
  }

  private redraw(): void {
    if (this.isDisposed || !this.session.source) return;
    this.lastRedraw = Date.now();
    this.pointUpdates++;
    this.showStatus();
    this.panel.render();
    this.changed.fire(this.state);
  }

  private showStatus(): void {
    const line = this.session.statusLine();
    const name = path.basename(this.session.path);
    // a deleted or moved log: what is shown is what was read before it went, and says so
    const missing = this.session.source?.missing;
    const gone = missing !== undefined ? `${name} cannot be read now (${missing}; deleted or moved?), waiting for it; ` : '';
    const now = Date.now();
    // a restart's notice and auto's change, each for its minute
    const restarted = [this.restart.text(now), this.autoChange.text(now)].filter((t) => t !== undefined).join(' · ') || undefined;
    // a deleted log says so already
    const quiet = missing === undefined ? this.quiet.text(now, name) : undefined;
    const none = this.session.noPointsLine();
    const quietLive = quiet ? ` · ${name} ${quiet.short} (finished or stalled?)` : '';
    this.session.live = `Watching · ${gone}${restarted ? `${restarted} · ` : ''}${gone && line ? `as last read: ${line}` : (line ?? none)}${quietLive}`;
    const facts = this.session.liveFacts();
    // the status bar keeps it short ("no numeric series with an x axis"); its tooltip says why
    const named = missing !== undefined ? `${name} gone · ${line ?? 'no points'}` : line === undefined ? `${name}: ${none.split(' (')[0]}` : this.named ? `${name}: ${line}` : line;
    const text = quiet ? `${named} · ${quiet.short}` : named;
    const watching = facts ? liveTooltip(facts, this.session.path) : `Scaling Lens is watching ${this.session.path}: ${none}.`;
    const tooltip = [restarted ? `${restarted}.` : undefined, quiet?.tooltip, watching].filter(Boolean).join('\n\n');
    const extra = this.statusSuffix;
    this.item.show(extra ? `${text} · ${extra.text}` : text, extra?.tooltip ? `${extra.tooltip}\n\n${tooltip}` : tooltip, missing !== undefined);
    this.scheduleQuietCheck(now, quiet?.short);
  }

  /** Redraws the status when the log turns quiet, and each minute it stays so (the panel's line too). */
  private scheduleQuietCheck(now: number, shown: string | undefined): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
    const changed = shown !== this.quietShown;
    this.quietShown = shown;
    // the panel's live line is redrawn by every new point; a quiet log's only by this
    if (changed && this.session.source) this.panel.render();
    const wait = this.quiet.nextChangeIn(now);
    if (wait === undefined || this.isDisposed) return;
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      if (!this.isDisposed) this.showStatus();
    }, wait);
  }

  /** Whether the status item leads with the log's name (several watches run). */
  setNamed(named: boolean): void {
    if (this.isDisposed || named === this.named) return;
    this.named = named;
    this.showStatus();
  }

  /** Sets what follows the status line (undefined: nothing) and its tooltip paragraph, and redraws the item. */
  setStatusSuffix(text: string | undefined, tooltip?: string): void {
    if (this.isDisposed || (text === this.statusSuffix?.text && tooltip === this.statusSuffix?.tooltip)) return;
    this.statusSuffix = text === undefined ? undefined : { text, ...(tooltip !== undefined ? { tooltip } : {}) };
    this.showStatus();
  }

  /** Refits the newest data in the background (the panel's lanes post each result as it lands). */
  private refitLive(): void {
    if (this.isDisposed || !this.session.source || !this.session.needsRefit()) return;
    this.panel.refitLive();
  }

  /** Waits for the refits in flight and waiting (tests, the benchmark). */
  whenSettled(): Promise<void> {
    return this.panel.whenRefitsIdle();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.autoChangeTimer) clearTimeout(this.autoChangeTimer);
    this.session.live = undefined;
    this.session.watching = false;
    super.dispose();
  }
}
