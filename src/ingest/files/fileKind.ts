// What a path is, asked with stat before anything opens it: a named pipe blocks open() until a
// writer comes, /dev/zero never ends and a socket cannot be read at all, so only regular files and
// folders are read. Errors become one line naming the path (no errno codes, no stack).
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

export type PathKind = 'file' | 'folder';

const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'path too long',
  ESPIPE: 'is a pipe or stream, not a file',
  EISDIR: 'is a folder, not a file',
};

/** "permission denied" for an EACCES error, the error's own first line otherwise. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/** Why `st` is neither a regular file nor a folder, or undefined when it is one. */
export function notReadableKind(st: Stats): string | undefined {
  if (st.isFile() || st.isDirectory()) return undefined;
  const what = st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return `is ${what}; only regular files and folders are read (save the stream to a file first)`;
}

/** 'file' or 'folder', or throws an Error with a one-line `message` naming `path`. */
export async function pathKind(path: string): Promise<PathKind> {
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    throw new PathError(`cannot read ${path}: ${fsReason(err)}`);
  }
  const why = notReadableKind(st);
  if (why) throw new PathError(`${path} ${why}`);
  return st.isDirectory() ? 'folder' : 'file';
}

/** Throws a PathError unless `path` is a regular file: a folder, too, is named as one before anything opens it. */
export async function assertRegularFile(path: string): Promise<void> {
  if ((await pathKind(path)) === 'folder') throw new PathError(`${path} ${REASONS.EISDIR}`);
}

/** The text of the regular file at `path` (a pipe would block the read until a writer came). */
export async function readTextFile(path: string): Promise<string> {
  await assertRegularFile(path);
  return readFile(path, 'utf8');
}

/** The one line to show for `err`, met reading `path`: a PathError's own, else the path and the reason, no errno code. */
export function readFailure(path: string, err: unknown): string {
  return err instanceof PathError ? err.message : `cannot read ${path}: ${fsReason(err)}`;
}

export class PathError extends Error {}
