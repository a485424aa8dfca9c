// Disposable base class (as in vscode-hexeditor): owners register what they create and release it
// all at once, so nothing outlives the panel, the watch or the extension.
import type * as vscode from 'vscode';

export function disposeAll(items: Iterable<vscode.Disposable>): void {
  for (const d of items) {
    try {
      d.dispose();
    } catch {
      // one failing disposal must not keep the others alive
    }
  }
}

export abstract class Disposable implements vscode.Disposable {
  private readonly _disposables: vscode.Disposable[] = [];
  private _isDisposed = false;

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) return;
    this._isDisposed = true;
    disposeAll(this._disposables.splice(0));
  }

  protected _register<T extends vscode.Disposable>(value: T): T {
    if (this._isDisposed) value.dispose();
    else this._disposables.push(value);
    return value;
  }
}
