// Watching a training log: re-read the source when it changes (polling stat, which works for
// files outside the workspace and on every file system, unlike platform watchers), refit
// debounced and cancellable, and keep the status-bar item and the panel up to date.
import * as vscode from 'vscode';
import type { SourceData } from '../ingest/model';
import { Disposable } from './dispose';
import { fingerprint } from './model/fingerprint';
import { readSource } from './engine';
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

/** Calls `onChange` when the fingerprint of `path` changes (polled; see fingerprint). */
function pollChanges(path: string, pollMs: number, onChange: () => void): vscode.Disposable {
  let last = '';
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const sig = await fingerprint(path);
      if (last && sig !== last) onChange();
      last = sig;
    } catch {
      // a log being rotated or recreated: try again next tick
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), pollMs);
  return { dispose: () => clearInterval(timer) };
}

export class LogWatch extends Disposable {
  private debounce: NodeJS.Timeout | undefined;
  private updates = 0;
  private reading = false;
  private pending = false;
  private readonly changed = new vscode.EventEmitter<WatchState>();
  readonly onDidUpdate = this.changed.event;

  constructor(
    readonly session: LensSession,
    readonly panel: LensPanel,
    private readonly statusBar: LensStatusBar,
    pollMs: number,
  ) {
    super();
    this._register(this.changed);
    this._register(pollChanges(session.path, pollMs, () => this.schedule()));
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

  /** Re-reads and refits now (also the first fit after starting). */
  async refresh(source?: SourceData): Promise<void> {
    if (this.reading) {
      this.pending = true;
      return;
    }
    this.reading = true;
    try {
      const src = source ?? (await readSource(this.session.path));
      if (this.isDisposed) return;
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
      this.reading = false;
      if (this.pending && !this.isDisposed) {
        this.pending = false;
        this.schedule();
      }
    }
  }

  private schedule(): void {
    if (this.debounce) clearTimeout(this.debounce);
    // a burst of appends becomes one refit; a refit still running is cancelled by the next
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.refresh();
    }, DEBOUNCE_MS);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.session.live = undefined;
    this.statusBar.hide();
    super.dispose();
    if (!this.panel.isDisposed) this.panel.render();
  }
}
