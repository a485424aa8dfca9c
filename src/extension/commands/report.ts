// Errors as messages with a next step, never as a crash: every command funnels failures here.
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { errorMessage, log } from '../log';

let lastError: string | undefined;
let lastActions: readonly string[] = [];

/** The last error shown to the user (read by the integration tests). */
export function lastReportedError(): string | undefined {
  return lastError;
}

/** The buttons the last error offered. */
export function lastReportedActions(): readonly string[] {
  return lastActions;
}

const isFile = (uri: vscode.Uri): boolean => {
  try {
    return uri.scheme === 'file' && statSync(uri.fsPath).isFile();
  } catch {
    return false;
  }
};

/** `file`: the file the error is about; when it exists the message offers to open it (to see what is in it). */
export function reportError(action: string | undefined, err: unknown, hint?: string, file?: vscode.Uri): void {
  // no action: the error says it itself ("Scaling Lens found no learning curve in a.csv: …")
  const message = `${action ? `${action}: ` : ''}${errorMessage(err)}${hint ? ` ${hint}` : ''}`;
  lastError = message;
  log().error(message);
  if (err instanceof Error && err.stack && !(err.name === 'ScalingLensError')) log().debug(err.stack);
  const actions = [...(file && isFile(file) ? ['Open File'] : []), 'Show Log'];
  lastActions = actions;
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === 'Show Log') log().show(true);
    else if (choice === 'Open File' && file) void vscode.window.showTextDocument(file, { preview: true });
  });
}
