// Change detection for watched logs without platform file watchers (which miss files outside the
// workspace and some file systems): a fingerprint that is cheap to poll.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_FILES = 5000;

/**
 * A cheap fingerprint of a file (size + mtime) or of a folder of runs (count, total size and
 * newest mtime of the files under it, a few levels deep): it changes whenever a log grows.
 */
export async function fingerprint(path: string, depth = 4): Promise<string> {
  const s = await stat(path);
  if (!s.isDirectory()) return `${s.size}:${s.mtimeMs}`;
  let files = 0;
  let size = 0;
  let newest = 0;
  const walk = async (dir: string, level: number): Promise<void> => {
    if (level > depth || files >= MAX_FILES) return;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (files >= MAX_FILES) return;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) await walk(p, level + 1);
      else if (entry.isFile()) {
        const st = await stat(p).catch(() => undefined);
        if (!st) continue;
        files++;
        size += st.size;
        newest = Math.max(newest, st.mtimeMs);
      }
    }
  };
  await walk(path, 0);
  return `${files}:${size}:${newest}`;
}
