// Keeps the open panels: one per data source (re-opening a file reveals its panel), which one
// the user looked at last (the target of Predict / Export), and the last message posted to any
// panel (read by the integration tests through the extension's API).
import * as vscode from 'vscode';
import type { ToWebview } from '../../shared/protocol';
import { Disposable } from '../dispose';
import type { LensSession } from '../session';
import { LensPanel, type PanelHost } from './lensPanel';

export class PanelManager extends Disposable {
  private readonly panels = new Map<string, LensPanel>();
  private active: LensPanel | undefined;
  private readonly posted = new vscode.EventEmitter<{ panel: LensPanel; msg: ToWebview }>();
  readonly onDidPost = this.posted.event;
  lastMessage: ToWebview | undefined;

  readonly host: PanelHost;

  constructor(extensionUri: vscode.Uri, exportFrom: PanelHost['exportFrom']) {
    super();
    this._register(this.posted);
    this.host = {
      extensionUri,
      exportFrom,
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
    const panel = LensPanel.create(this.host, session);
    this.panels.set(key, panel);
    this.active = panel;
    this.updateContext();
    return panel;
  }

  /** Adopts a panel the serializer restored. */
  adopt(key: string, panel: LensPanel): void {
    this.panels.set(key, panel);
    this.updateContext();
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
