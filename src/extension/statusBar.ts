// The one status-bar item: shown only while a training log is watched, with the live prediction
// ("val_loss → 2.31 at 10B tokens"); clicking it stops the watch.
import * as vscode from 'vscode';
import { Disposable } from './dispose';

export class LensStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('scalingLens.watch', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'Scaling Lens';
    this.item.command = 'scalingLens.stopWatch';
  }

  get text(): string | undefined {
    return this.item.text ? this.item.text.replace(/^\$\([^)]*\)\s*/, '') : undefined;
  }

  show(text: string, file: string, busy = false): void {
    this.item.text = `$(${busy ? 'sync~spin' : 'graph-line'}) ${text}`;
    this.item.tooltip = new vscode.MarkdownString(`Scaling Lens is watching \`${file}\`.\n\nClick to stop watching.`);
    this.item.accessibilityInformation = { label: `Scaling Lens: ${text}. Activate to stop watching.` };
    this.item.show();
  }

  hide(): void {
    this.item.hide();
    this.item.text = '';
  }
}
