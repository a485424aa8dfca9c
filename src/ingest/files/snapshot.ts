// Whole-file formats (an MLflow database, a trainer_state.json) are read while their writer may be
// rewriting them: a read that overlaps a write sees a torn file ("database disk image is
// malformed"). A stamp taken before and after the read tells a torn read from a damaged file:
// SQLite bumps its file change counter (header offset 24) on every committed write; size and
// mtime cover the rest.
import { open } from 'node:fs/promises';

/** Attempts at a consistent read before a failure is taken as the file's own. */
export const SNAPSHOT_ATTEMPTS = 4;

/** Size, mtime and the 4 bytes at offset 24 (SQLite's change counter), as one comparable string. */
export async function changeStamp(path: string): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 24);
    return `${st.size}:${st.mtimeMs}:${bytesRead === 4 ? b.readUInt32BE(0) : -1}`;
  } finally {
    await fh.close();
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
