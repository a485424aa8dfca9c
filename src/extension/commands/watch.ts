// "Scaling Lens: Watch Training Log" / "Stop Watching": one watch at a time, shown in the status
// bar and in the source's panel; closing the panel stops it too.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { LogWatch, type WatchState } from '../watch';
import { readSettings } from '../settings';
import { resolveUri } from './resolveUri';
import { reportError } from './report';

async function setWatching(on: boolean): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'scalingLens.watching', on);
}

export async function watchCommand(s: Services, arg?: unknown): Promise<WatchState | undefined> {
  const uri = await resolveUri(arg, 'Scaling Lens: choose a training log (file or folder) to watch');
  if (!uri) return undefined;
  let isFolder: boolean;
  try {
    // a log that has just been created may hold no points yet: it is watched anyway, and the
    // watch's first read fills the panel (no separate read before it)
    isFolder = (await stat(uri.fsPath)).isDirectory();
  } catch (err) {
    reportError('Scaling Lens could not watch this log', err, 'Check the path, or see the log.');
    return undefined;
  }
  stopWatch(s);
  const session = s.newSession(uri);
  const panel = s.panels.show(uri.fsPath, session);
  const watch = new LogWatch(session, panel, s.statusBar, { pollMs: readSettings(uri).pollIntervalMs, isFolder });
  s.watch = watch;
  watch.own(watch.onDidUpdate((st) => s.fireWatchUpdate(st)));
  watch.own(
    panel.panel.onDidDispose(() => {
      if (s.watch === watch) stopWatch(s);
    }),
  );
  await setWatching(true);
  await watch.refresh();
  return watch.state;
}

export function stopWatch(s: Services): boolean {
  const w = s.watch;
  if (!w) return false;
  s.watch = undefined;
  w.dispose();
  void setWatching(false);
  return true;
}

export function stopWatchCommand(s: Services): boolean {
  const stopped = stopWatch(s);
  if (!stopped) void vscode.window.showInformationMessage('Scaling Lens is not watching any log.');
  return stopped;
}
