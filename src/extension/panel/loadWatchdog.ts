// A webview can come up without its script and stylesheet: VS Code for the Web (code-server)
// serves a panel's files through a service worker, and a webview that loads before that worker
// is in control fetches them from the network, fails (ERR_NAME_NOT_RESOLVED) and stays blank,
// never saying "ready". A panel shown but silent past a deadline gets its HTML set again, which
// reloads it; the deadline doubles at each try, so a slow machine is not reloaded in a loop.
import type * as vscode from 'vscode';

export interface LoadWatchdogOptions {
  /** The first deadline; each reload doubles it. */
  readonly firstDeadlineMs?: number;
  readonly maxReloads?: number;
}

export class LoadWatchdog implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private reloads = 0;
  private readonly firstDeadlineMs: number;
  private readonly maxReloads: number;

  constructor(
    private readonly isVisible: () => boolean,
    private readonly reload: (attempt: number) => void,
    private readonly gaveUp: (attempts: number) => void,
    opts: LoadWatchdogOptions = {},
  ) {
    this.firstDeadlineMs = opts.firstDeadlineMs ?? 4000;
    this.maxReloads = opts.maxReloads ?? 3;
  }

  /**
   * The webview is (re)loading: its HTML was set, or the hidden panel was shown again. While a
   * deadline is pending this is the same load still going: its deadline stands (called again and
   * again, it would never pass).
   */
  loading(): void {
    if (this.timer !== undefined) return;
    this.reloads = 0;
    this.schedule();
  }

  /** It said "ready". */
  loaded(): void {
    this.stop();
    this.reloads = 0;
  }

  /** Hidden: a hidden webview is torn down, and loads again when shown (`loading`). */
  hidden(): void {
    this.stop();
  }

  dispose(): void {
    this.stop();
  }

  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.stop();
    this.timer = setTimeout(() => this.expired(), this.firstDeadlineMs * 2 ** this.reloads);
  }

  private expired(): void {
    this.timer = undefined;
    if (!this.isVisible()) return;
    if (this.reloads >= this.maxReloads) {
      this.gaveUp(this.reloads);
      return;
    }
    this.reloads++;
    this.reload(this.reloads);
    this.schedule();
  }
}
