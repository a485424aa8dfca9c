// Keeps the open panels: one per data source (re-opening a file reveals its panel), which one
// the user looked at last (the target of Predict / Export), and the last message posted to any
// panel (read by the integration tests through the extension's API).
import * as vscode from 'vscode';
import type { NoticeAction, ToWebview } from '../../shared/protocol';
import { Disposable } from '../dispose';
import type { LensSession } from '../session';
import { LensPanel, type PanelHost } from './lensPanel';

export class PanelManager extends Disposable {
  private readonly panels = new Map<string, LensPanel>();
  private active: LensPanel | undefined;
  private readonly posted = new vscode.EventEmitter<{ panel: LensPanel; msg: ToWebview }>();
  readonly onDidPost = this.posted.event;
  private readonly closed = new vscode.EventEmitter<void>();
  /** Fires after a panel closed. */
  readonly onDidClose = this.closed.event;
  lastMessage: ToWebview | undefined;

  readonly host: PanelHost;

  /** Set by the services (kept out of here to avoid an import cycle). */
  noticeHandler: ((panel: LensPanel, action: NoticeAction) => Promise<void>) | undefined;
  /** Where new panels open: beside the editor the first time, then in that same column. */
  private column: vscode.ViewColumn | undefined;

  constructor(extensionUri: vscode.Uri, exportFrom: PanelHost['exportFrom']) {
    super();
    this._register(this.posted);
    this._register(this.closed);
    this.host = {
      extensionUri,
      exportFrom,
      onNoticeAction: async (panel, action) => {
        await this.noticeHandler?.(panel, action);
      },
      onPosted: (panel, msg) => {
        this.lastMessage = msg;
        this.posted.fire({ panel, msg });
      },
      onFocused: (panel) => {
        this.active = panel;
      },
      onClosed: (panel) => {
        for (const [key, p] of this.panels) if (p === panel) this.panels.delete(key);
        if (this.active === panel) this.active = [...this.panels.values()].pop();
        this.updateContext();
        this.closed.fire();
      },
    };
  }

  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'scalingLens.panelOpen', this.panels.size > 0);
  }

  /** The panel of `key` (a source path or "plan"), created or given the new session. */
  show(key: string, session: LensSession): LensPanel {
    const existing = this.panels.get(key);
    if (existing && !existing.isDisposed) {
      existing.session = session;
      existing.reveal();
      this.active = existing;
      return existing;
    }
    const panel = LensPanel.create(this.host, session, this.openColumn());
    this.column = panel.panel.viewColumn ?? this.column;
    this.panels.set(key, panel);
    this.active = panel;
    this.updateContext();
    return panel;
  }

  /** The column of a panel still open (the last one placed), else beside the editor. */
  private openColumn(): vscode.ViewColumn {
    const open = [...this.panels.values()].filter((p) => !p.isDisposed).map((p) => p.panel.viewColumn);
    if (this.column !== undefined && open.includes(this.column)) return this.column;
    const any = open.find((c) => c !== undefined);
    return any ?? vscode.ViewColumn.Beside;
  }

  /** Adopts a panel the serializer restored. */
  adopt(key: string, panel: LensPanel): void {
    this.panels.set(key, panel);
    this.column ??= panel.panel.viewColumn;
    this.updateContext();
  }

  /** Forgets the panel of `key` without closing it (a restored panel moving to its source's key). */
  rekey(from: string, to: string): void {
    const p = this.panels.get(from);
    if (!p) return;
    this.panels.delete(from);
    this.panels.set(to, p);
  }

  get(key: string): LensPanel | undefined {
    return this.panels.get(key);
  }

  current(): LensPanel | undefined {
    return this.active && !this.active.isDisposed ? this.active : undefined;
  }

  all(): LensPanel[] {
    return [...this.panels.values()];
  }

  override dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
    super.dispose();
  }
}
