// "Scaling Lens: Watch Training Log" / "Stop Watching": several logs can be watched at once, each
// with its own status-bar item and panel; starting one never stops another. Stopping is explicit:
// the Stop Watching command (which asks which when several run), the status-bar item's menu, or
// closing the watch's panel. A stopped panel offers to watch again.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import type { LensSession } from '../session';
import { LogWatch, type WatchState } from '../watch';
import { readSettings } from '../settings';
import { asUri, resolveUri } from './resolveUri';
import { reportError } from './report';

async function updateContext(s: Services): Promise<void> {
  for (const w of s.watches.values()) w.setNamed(s.watches.size > 1);
  await vscode.commands.executeCommand('setContext', 'scalingLens.watching', s.watches.size > 0);
}

/**
 * Watches `uri` in a new panel or in `existing`'s (a panel restored after a reload). Resolves after the first read and, unless
 * `existing.awaitFit` is false (a panel restored after a reload: drawn at once, fitted after), its fit.
 */
export async function startWatch(s: Services, uri: vscode.Uri, existing?: { panel: LensPanel; session: LensSession; onFirstRead?: () => void; awaitFit?: boolean }): Promise<WatchState | undefined> {
  const key = uri.fsPath;
  const running = s.watches.get(key);
  if (running) {
    running.panel.reveal();
    return running.state;
  }
  let isFolder: boolean;
  try {
    // a log that has just been created may hold no points yet: it is watched anyway, and the
    // watch's first read fills the panel (no separate read before it)
    isFolder = (await stat(key)).isDirectory();
  } catch (err) {
    reportError('Scaling Lens could not watch this log', err, 'Check the path, or see the log.');
    if (existing) showStopped(existing.panel, `Stopped watching: ${path.basename(key)} cannot be read (${err instanceof Error ? err.message : String(err)}).`);
    return undefined;
  }
  const session = existing?.session ?? s.newSession(uri);
  const panel = existing?.panel ?? s.panels.show(key, session);
  const watch = new LogWatch(session, panel, { pollMs: readSettings(uri).pollIntervalMs, isFolder, ...(existing?.onFirstRead ? { onFirstRead: existing.onFirstRead } : {}) });
  s.watches.set(key, watch);
  s.lastWatch = watch;
  watch.own(
    watch.onDidUpdate((st) => {
      s.lastWatch = watch;
      s.fireWatchUpdate(st);
    }),
  );
  // closing the watch's panel is an explicit stop
  watch.own(panel.panel.onDidDispose(() => stopWatch(s, key)));
  await updateContext(s);
  await watch.refresh(existing?.awaitFit !== false);
  return watch.state;
}

export async function watchCommand(s: Services, arg?: unknown): Promise<WatchState | undefined> {
  const uri = await resolveUri(arg, 'Scaling Lens: choose a training log (file or folder) to watch', 'Watch');
  if (!uri) return undefined;
  s.rememberOpened(uri.fsPath);
  return startWatch(s, uri);
}

function showStopped(panel: LensPanel, text: string): void {
  if (panel.isDisposed) return;
  panel.session.notice = { text, action: 'resumeWatch', actionLabel: 'Watch again' };
  panel.render();
}

/** Stops the watch of `file`; false when it was not watched. */
export function stopWatch(s: Services, file: string): boolean {
  const w = s.watches.get(file);
  if (!w) return false;
  s.watches.delete(file);
  if (s.lastWatch === w) s.lastWatch = [...s.watches.values()].pop();
  w.dispose();
  showStopped(w.panel, `Stopped watching ${file}.`);
  void updateContext(s);
  return true;
}

/** Stop Watching: the watch named by the argument; else the only one; else the user picks (or all). */
export async function stopWatchCommand(s: Services, arg?: unknown): Promise<boolean> {
  const named = asUri(arg)?.fsPath;
  if (named) return stopWatch(s, named);
  const files = [...s.watches.keys()];
  if (files.length === 0) {
    void vscode.window.showInformationMessage('Scaling Lens is not watching any log.');
    return false;
  }
  if (files.length === 1) return stopWatch(s, files[0]!);
  const ALL = '\u0000all';
  const pick = await vscode.window.showQuickPick(
    [
      ...files.map((f) => ({ label: path.basename(f), description: s.watches.get(f)?.statusText ?? '', detail: f, file: f })),
      { label: 'Stop all', description: `${files.length} watches`, file: ALL },
    ],
    { title: 'Scaling Lens: stop watching which log?' },
  );
  if (!pick) return false;
  if (pick.file === ALL) return files.map((f) => stopWatch(s, f)).every(Boolean);
  return stopWatch(s, pick.file);
}

/** The status-bar item's click: what to do with this watch (nothing stops on a single click). */
export async function watchMenuCommand(s: Services, arg?: unknown): Promise<void> {
  const file = asUri(arg)?.fsPath;
  const w = file ? s.watches.get(file) : undefined;
  if (!file || !w) return;
  const pick = await vscode.window.showQuickPick(
    [
      { label: '$(graph-line) Show the panel', action: 'show' as const },
      { label: `$(debug-stop) Stop watching ${path.basename(file)}`, action: 'stop' as const },
    ],
    { title: `Scaling Lens: ${w.statusText ?? path.basename(file)}`, placeHolder: file },
  );
  if (pick?.action === 'show') w.panel.reveal();
  else if (pick?.action === 'stop') stopWatch(s, file);
}
