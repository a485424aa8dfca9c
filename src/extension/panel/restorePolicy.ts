// Which file a panel restored after a reload may re-read on its own: one inside the window's
// workspace folders, or one the user opened with Scaling Lens in this workspace before. Anything
// else (a saved state naming /etc/… or another user's home) waits for the user's click. Pure.
import * as path from 'node:path';

/** True when `file` is `folder` or lies inside it (after resolving `..`; case-sensitive, as on Linux). */
export function isInside(file: string, folder: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(file));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function mayReopen(file: string, workspaceFolders: readonly string[], openedByUser: readonly string[]): boolean {
  if (!path.isAbsolute(file)) return false;
  const resolved = path.resolve(file);
  return workspaceFolders.some((f) => isInside(resolved, f)) || openedByUser.some((p) => path.resolve(p) === resolved);
}

/** The remembered list after the user opened `file`: most recent first, at most `cap` entries. */
export function rememberOpened(list: readonly string[], file: string, cap = 200): string[] {
  const resolved = path.resolve(file);
  return [resolved, ...list.filter((p) => p !== resolved)].slice(0, cap);
}
