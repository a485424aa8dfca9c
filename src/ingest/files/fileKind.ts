// What a path is, asked with stat before anything opens it: a named pipe blocks open() until a
// writer comes, /dev/zero never ends and a socket cannot be read at all, so only regular files and
// folders are read. Errors become one line naming the path (no errno codes, no stack).
import { stat } from 'node:fs/promises';
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

export class PathError extends Error {}
