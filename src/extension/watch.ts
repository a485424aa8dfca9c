// Watching a training log: the ingest layer's watchSource follows the file or folder (stat poll as
// the truth, incremental reads, truncation / rotation / rewrite handling, new runs on rescans),
// VS Code's file watcher only wakes it early, and each snapshot is refitted debounced on the fit
// worker while the status-bar item and the panel follow.
import * as vscode from 'vscode';
import type { SourceData } from '../ingest/model/model';
import { Disposable } from './dispose';
import { watchSource, type WatchHandle } from './engine';
import { fsHints } from './fsHints';
import { errorMessage, log } from './log';
import type { LensPanel } from './panel/lensPanel';
import type { LensSession } from './session';
import type { LensStatusBar } from './statusBar';

const DEBOUNCE_MS = 400;

export interface WatchState {
  readonly path: string;
  readonly updates: number;
  readonly status: string | undefined;
}

export class LogWatch extends Disposable {
  private debounce: NodeJS.Timeout | undefined;
  private updates = 0;
  private refitting = false;
  /** The newest snapshot from watchSource that has not been shown yet. */
  private latest: SourceData | undefined;
  private readonly handle: WatchHandle;
  private readonly changed = new vscode.EventEmitter<WatchState>();
  readonly onDidUpdate = this.changed.event;

  constructor(
    readonly session: LensSession,
    readonly panel: LensPanel,
    private readonly statusBar: LensStatusBar,
    opts: { readonly pollMs: number; readonly isFolder: boolean },
  ) {
    super();
    this._register(this.changed);
    this.handle = watchSource(session.path, (src) => this.take(src), { pollMs: opts.pollMs });
    this._register({ dispose: () => this.handle.dispose() });
    this._register(fsHints(session.path, opts.isFolder, () => void this.handle.refresh()));
    this._register({ dispose: () => this.debounce && clearTimeout(this.debounce) });
    this.statusBar.show(`Scaling Lens: watching ${session.title}`, session.path, true);
  }

  get state(): WatchState {
    return { path: this.session.path, updates: this.updates, status: this.session.statusLine() };
  }

  /** Ties `d` to this watch's lifetime. */
  own(d: vscode.Disposable): void {
    this._register(d);
  }

  /** Polls now and refits what it found without waiting for the debounce (the first fit). */
  async refresh(): Promise<void> {
    await this.handle.refresh();
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    await this.apply();
  }

  private take(src: SourceData): void {
    if (this.updates === 0 && !this.latest) {
      log().info(`watching ${this.session.path}: format ${src.format}, ${src.runs.length} run(s), ${src.warnings.length} warning(s)`);
      for (const w of src.warnings.slice(0, 50)) log().warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
    }
    this.latest = src;
    this.schedule();
  }

  private schedule(): void {
    if (this.debounce) clearTimeout(this.debounce);
    // a burst of appends becomes one refit
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.apply();
    }, DEBOUNCE_MS);
  }

  /**
   * Shows the newest snapshot and refits it. A refit still running is left to finish (a log that
   * grows faster than a fit would otherwise never get one); what arrived meanwhile comes next.
   */
  private async apply(): Promise<void> {
    if (this.refitting || !this.latest || this.isDisposed) return;
    const src = this.latest;
    this.latest = undefined;
    this.refitting = true;
    try {
      this.session.setSource(src);
      this.statusBar.show(this.session.statusLine() ?? `Scaling Lens: fitting ${this.session.title}…`, this.session.path, true);
      const done = await this.panel.refit('window');
      if (this.isDisposed || !done) return;
      this.updates++;
      const line = this.session.statusLine();
      this.session.live = `Watching ${this.session.path} · update ${this.updates}${line ? ` · ${line}` : ''}`;
      this.panel.render();
      this.statusBar.show(line ?? `Scaling Lens: ${this.session.title} (not enough points yet)`, this.session.path);
      this.changed.fire(this.state);
    } catch (err) {
      log().warn(`watch of ${this.session.path}: ${errorMessage(err)}`);
      this.statusBar.show(`Scaling Lens: ${errorMessage(err).slice(0, 60)}`, this.session.path);
    } finally {
      this.refitting = false;
      if (this.latest && !this.isDisposed) this.schedule();
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.session.live = undefined;
    this.statusBar.hide();
    super.dispose();
    if (!this.panel.isDisposed) this.panel.render();
  }
}
