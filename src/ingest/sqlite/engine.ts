// SQLite for ingestion: sql.js (SQLite compiled to wasm), loaded once from the sql-wasm.wasm that
// ships beside the bundle (dist/), or from node_modules when run from source. Nothing is fetched.
// Loading is async (wasm instantiation), so the I/O edge awaits loadSqlite() before decoding and
// decoders, which are synchronous, take the loaded engine from loadedSqlite().
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

const WASM = 'sql-wasm.wasm';

let loading: Promise<SqlJsStatic> | undefined;
let loaded: SqlJsStatic | undefined;

function candidates(): string[] {
  const out = [join(__dirname, WASM)];
  try {
    out.push(require.resolve(`sql.js/dist/${WASM}`));
  } catch {
    // bundled without node_modules beside it: only the copy next to the bundle counts
  }
  return out;
}

async function readWasm(): Promise<Uint8Array> {
  const tried: string[] = [];
  for (const p of candidates()) {
    try {
      return await readFile(p);
    } catch {
      tried.push(p);
    }
  }
  throw new Error(`SQLite engine (${WASM}) not found; looked in ${tried.join(', ')}`);
}

/** Loads the SQLite engine once; later calls share the first load. A failed load is retried. */
export function loadSqlite(): Promise<SqlJsStatic> {
  loading ??= readWasm()
    .then((wasmBinary) => initSqlJs({ wasmBinary }))
    .then((sql) => (loaded = sql))
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

/** The engine if loadSqlite() has finished, else undefined. */
export function loadedSqlite(): SqlJsStatic | undefined {
  return loaded;
}
