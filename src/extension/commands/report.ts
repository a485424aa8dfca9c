// Errors as messages with a next step, never as a crash: every command funnels failures here.
import * as vscode from 'vscode';
import { errorMessage, log } from '../log';

let lastError: string | undefined;

/** The last error shown to the user (read by the integration tests). */
export function lastReportedError(): string | undefined {
  return lastError;
}

export function reportError(action: string, err: unknown, hint?: string): void {
  const message = `${action}: ${errorMessage(err)}${hint ? ` ${hint}` : ''}`;
  lastError = message;
  log().error(message);
  if (err instanceof Error && err.stack && !(err.name === 'ScalingLensError')) log().debug(err.stack);
  void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log().show(true);
  });
}
