// Node's file-system errors as the one line a user needs: what went wrong with which path.
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many levels of symbolic links',
  ESPIPE: 'is a pipe or stream, not a file (save it to a file first)',
  ENXIO: 'no such device (a socket or device, not a file)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'path too long',
  EBUSY: 'file is busy',
  EIO: 'input/output error',
  EINVAL: 'invalid argument (not a regular file?)',
};

/** A one-line message for a Node system error (err.code + err.path), undefined for anything else. */
export function errnoMessage(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) return undefined;
  const reason = REASONS[e.code] ?? e.code;
  return e.path ? `cannot read ${e.path}: ${reason}` : `${reason} (${e.code})`;
}
