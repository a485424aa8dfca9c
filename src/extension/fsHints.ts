// VS Code's file-system watcher as a wake-up hint for a watched log: it sees changes deep inside a
// folder of runs (the ingest layer's own fs.watch is not recursive) and saves waiting for the next
// stat poll. Only a hint: it misses some file systems and paths, and the poll stays the truth.
import * as path from 'node:path';
import * as vscode from 'vscode';

const HINT_DEBOUNCE_MS = 50;

export function fsHints(target: string, isFolder: boolean, onHint: () => void): vscode.Disposable {
  const pattern = isFolder
    ? new vscode.RelativePattern(vscode.Uri.file(target), '**/*')
    : new vscode.RelativePattern(vscode.Uri.file(path.dirname(target)), path.basename(target));
  let timer: NodeJS.Timeout | undefined;
  // a burst of events (a writer flushing line by line) becomes one early poll
  const hint = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onHint();
    }, HINT_DEBOUNCE_MS);
  };
  let watcher: vscode.FileSystemWatcher | undefined;
  const subs: vscode.Disposable[] = [];
  try {
    watcher = vscode.workspace.createFileSystemWatcher(pattern);
    subs.push(watcher.onDidChange(hint), watcher.onDidCreate(hint), watcher.onDidDelete(hint));
  } catch {
    // no watcher for this path: the stat poll alone is enough
  }
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const s of subs) s.dispose();
      watcher?.dispose();
    },
  };
}
