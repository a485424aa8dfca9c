// One status-bar item per watched log, showing what matters: the latest value and the forecast
// ("val_loss 2.412 at 60M → 2.118 at 600M tokens"). Clicking it asks what to do (show the
// panel, stop watching) instead of silently stopping the watch.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from './dispose';
import { statusItemLabel } from './live/statusText';

export const WATCH_MENU_COMMAND = 'scalingLens.watchMenu';

let nextItem = 1;

export class WatchStatusItem extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(private readonly file: string) {
    super();
    // each watch its own item id, so the user can hide one and keep the others
    this.item = this._register(vscode.window.createStatusBarItem(`scalingLens.watch.${nextItem++}`, vscode.StatusBarAlignment.Right, 100));
    this.item.name = `Scaling Lens: ${path.basename(file)}`;
    this.item.command = { command: WATCH_MENU_COMMAND, title: 'Scaling Lens watch', arguments: [file] };
  }

  get text(): string | undefined {
    return this.item.text ? this.item.text.replace(/^\$\([^)]*\)\s*/, '') : undefined;
  }

  /** The theme colour behind the item: the status bar's warning look while the log cannot be read, else none. */
  get background(): string | undefined {
    return this.item.backgroundColor?.id;
  }

  show(text: string, tooltip: string, warning = false): void {
    this.item.text = `$(${warning ? 'warning' : 'graph-line'}) ${text}`;
    // the warning icon alone is lost among the bar's items: a failure takes the bar's warning background
    this.item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: statusItemLabel(path.basename(this.file), text) };
    this.item.show();
  }

  override dispose(): void {
    this.item.hide();
    this.item.text = '';
    super.dispose();
  }
}
