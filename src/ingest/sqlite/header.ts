// The 100-byte SQLite database header (sqlite.org/fileformat.html §1.3): enough to recognise a
// database and to tell a truncated copy before handing the bytes to the engine.

const MAGIC = 'SQLite format 3\0';

export function isSqlite(head: Uint8Array): boolean {
  if (head.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (head[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

export interface SqliteHeader {
  readonly pageSize: number;
  /** Pages the header says the file has, when that count is trustworthy (else undefined). */
  readonly pages: number | undefined;
}

/** The header of `b`, or undefined when it is not a valid SQLite 3 header. */
export function readHeader(b: Uint8Array): SqliteHeader | undefined {
  if (b.length < 100 || !isSqlite(b)) return undefined;
  const raw = (b[16] << 8) | b[17];
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  // the in-header page count is valid only when its version-valid-for matches the change counter
  const pages = u32(b, 28) > 0 && u32(b, 92) === u32(b, 24) ? u32(b, 28) : undefined;
  return { pageSize, pages };
}
