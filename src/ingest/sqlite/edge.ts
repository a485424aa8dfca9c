// What an SQLite-backed format needs before its synchronous decoder runs: the engine loaded, and
// a look at the -wal file beside the database (rows there are not in the bytes the decoder gets).
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { IngestWarning } from '../model/model';
import { loadSqlite } from './engine';

export async function prepareSqliteFile(path: string): Promise<IngestWarning[]> {
  const notes: IngestWarning[] = [];
  try {
    await loadSqlite();
  } catch (err) {
    notes.push({ file: path, message: `cannot load the SQLite engine: ${(err as Error).message}` });
  }
  try {
    const wal = await stat(`${path}-wal`);
    if (wal.size > 0) {
      notes.push({
        file: path,
        message: `${basename(path)}-wal (${wal.size} bytes) holds writes not yet checkpointed into ${basename(path)}; only the main file is read, so values newer than the last checkpoint may be missing (they appear once the writer checkpoints or exits)`,
      });
    }
  } catch {
    // no -wal file: everything committed is in the main file
  }
  return notes;
}
