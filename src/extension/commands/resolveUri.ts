// Which file a command acts on: the explorer / editor-title argument, else the active editor's
// file (a binary log's tab too) when it looks like a training log, else one the user picks. Tests
// pass a Uri or a path string.
import * as vscode from 'vscode';
import { LOG_EXTENSIONS, looksLikeTrainingLog } from '../logFileNames';

export function asUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return arg.includes('://') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (typeof arg === 'object' && arg !== null && 'uri' in arg) return asUri((arg as { uri: unknown }).uri);
  return undefined;
}

/**
 * The focused editor's file: a text editor's, else the active tab's. A binary log (TensorBoard
 * events, a .wandb file) opens in VS Code's "binary file" editor, which is no text editor.
 */
export function activeFileUri(): vscode.Uri | undefined {
  const text = vscode.window.activeTextEditor?.document.uri;
  if (text) return text;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
}

/** The focused editor's file when it looks like a training log. */
export function activeLogUri(): vscode.Uri | undefined {
  const active = activeFileUri();
  return active?.scheme === 'file' && looksLikeTrainingLog(active.fsPath) ? active : undefined;
}

/** `openLabel`: the dialog's button, the command's verb. */
export async function resolveUri(arg: unknown, title: string, openLabel = 'Fit'): Promise<vscode.Uri | undefined> {
  const given = asUri(arg);
  if (given) return given;
  const log = activeLogUri();
  if (log) return log;
  const active = activeFileUri();
  // the dialog opens beside the focused file, else in the first folder (not the filesystem root)
  const near = active?.scheme === 'file' ? vscode.Uri.joinPath(active, '..') : vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
  const picked = await vscode.window.showOpenDialog({
    title,
    ...(near ? { defaultUri: near } : {}),
    canSelectFiles: true,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel,
    filters: { 'Training logs': [...LOG_EXTENSIONS], 'All files': ['*'] },
  });
  return picked?.[0];
}

/** The options object of a command called with (uri, options) or (uri, uris[]) from a menu. */
export function optionsArg<T extends object>(arg: unknown): Partial<T> {
  return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && !(arg instanceof vscode.Uri) ? (arg as Partial<T>) : {};
}
