// MLflow SQLite tracking store (sqlite:///mlflow.db, the default since MLflow 3.7): one run per
// MLflow run, one series per metric key, x = step (and wall time), as the FileStore reader gives.
// SQLite is rewritten in place, not appended to, so the file is decoded whole at end() from an
// in-memory copy (the user's file is never opened for writing); a copy caught mid-write that the
// engine rejects is reported and a tailer keeps the previous state.
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import type { Decoder, Format } from '../model/decoder';
import { baseName } from '../model/keys';
import type { IngestWarning, RunData } from '../model/model';
import { emptyXValues, RunBuilder } from '../model/runBuilder';
import { loadedSqlite } from '../sqlite/engine';
import { prepareSqliteFile } from '../sqlite/edge';
import { isSqlite, readHeader } from '../sqlite/header';
import { WarningList } from '../model/warnings';
import { flattenConfig, type RunMeta } from '../model/runConfig';
import { WholeFile } from '../text/wholeFile';

/** Larger databases are not read: the decoder holds a copy, and the engine another. */
const MAX_BYTES = 1024 * 1024 * 1024;
/** MLflow's SQL store keeps ±inf as ±max double (SQL has no infinities); the FileStore writes inf. */
const MAX_DOUBLE = 1.7976931348623157e308;

interface RunInfo {
  uuid: string;
  name: string;
  experiment?: string;
  deleted: boolean;
}

function text(v: SqlValue | undefined): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined;
}

function tables(db: Database): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const row of db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []) {
    const name = String(row[0]);
    const cols = new Set<string>();
    // pragma_table_info as a table-valued function needs no string-built PRAGMA
    const st = db.prepare('SELECT name FROM pragma_table_info(?)');
    try {
      st.bind([name]);
      while (st.step()) cols.add(String(st.get()[0]));
    } finally {
      st.free();
    }
    out.set(name, cols);
  }
  return out;
}

/** Each run's params (MLflow keeps them as text), flattened as a run config is: numbers read as numbers. */
function readParams(db: Database, schema: Map<string, Set<string>>): Map<string, RunMeta> {
  const out = new Map<string, RunMeta>();
  const cols = schema.get('params');
  if (!cols?.has('run_uuid') || !cols.has('key') || !cols.has('value')) return out;
  const raw = new Map<string, Record<string, unknown>>();
  for (const [uuid, key, value] of db.exec('SELECT run_uuid, key, value FROM params ORDER BY run_uuid, key')[0]?.values ?? []) {
    const k = text(key);
    if (k === undefined) continue;
    const id = String(uuid);
    const params = raw.get(id) ?? {};
    params[k] = text(value);
    raw.set(id, params);
  }
  for (const [id, params] of raw) out.set(id, flattenConfig(params).meta);
  return out;
}

/** Runs by uuid, in start order, named as MLflow shows them: name, else the mlflow.runName tag, else the uuid. */
function readRuns(db: Database, schema: Map<string, Set<string>>): Map<string, RunInfo> {
  const runs = new Map<string, RunInfo>();
  const cols = schema.get('runs');
  if (!cols?.has('run_uuid')) return runs;
  const experiments = new Map<string, string>();
  if (schema.get('experiments')?.has('name') && cols.has('experiment_id')) {
    for (const [id, name] of db.exec('SELECT experiment_id, name FROM experiments')[0]?.values ?? []) {
      const n = text(name);
      if (n !== undefined) experiments.set(String(id), n);
    }
  }
  const tags = new Map<string, string>();
  if (schema.get('tags')?.has('run_uuid')) {
    for (const [uuid, value] of db.exec("SELECT run_uuid, value FROM tags WHERE key = 'mlflow.runName'")[0]?.values ?? []) {
      const v = text(value);
      if (v !== undefined) tags.set(String(uuid), v);
    }
  }
  const pick = (c: string): string => (cols.has(c) ? c : 'NULL');
  const order = cols.has('start_time') ? 'start_time, run_uuid' : 'run_uuid';
  const sql = `SELECT run_uuid, ${pick('name')}, ${pick('experiment_id')}, ${pick('lifecycle_stage')} FROM runs ORDER BY ${order}`;
  for (const [uuid, name, exp, stage] of db.exec(sql)[0]?.values ?? []) {
    const id = String(uuid);
    const experiment = exp === null ? undefined : experiments.get(String(exp));
    runs.set(id, { uuid: id, name: text(name) ?? tags.get(id) ?? id, experiment, deleted: stage === 'deleted' });
  }
  return runs;
}

class MlflowSqliteDecoder implements Decoder {
  private readonly file = new WholeFile(MAX_BYTES);
  private result: RunData[] = [];
  private readonly warn: WarningList;
  failed = false;
  consumed = 0;

  constructor(
    readonly origin: string,
    private readonly engine: () => SqlJsStatic | undefined = loadedSqlite,
  ) {
    this.warn = new WarningList(origin);
  }

  push(chunk: Uint8Array): void {
    this.file.push(chunk);
  }

  private fail(message: string, offset?: number): void {
    this.failed = true;
    this.warn.add(message, offset === undefined ? undefined : { offset });
  }

  end(): void {
    if (this.file.tooBig) return this.fail(`database larger than ${MAX_BYTES / 2 ** 30} GiB; not read`);
    const bytes = this.file.take();
    const header = readHeader(bytes);
    if (!header) return this.fail(isSqlite(bytes) ? 'SQLite header is damaged or cut short; not read' : 'not an SQLite database (no "SQLite format 3" header)', 0);
    if (header.pages !== undefined && header.pages * header.pageSize > bytes.length) {
      return this.fail(`database is cut short: the header says ${header.pages * header.pageSize} bytes, the file has ${bytes.length} (truncated copy, or caught mid-write)`, bytes.length);
    }
    const sql = this.engine();
    if (!sql) return this.fail('SQLite engine not loaded; cannot read the database');
    let db: Database | undefined;
    try {
      db = new sql.Database(bytes);
      this.decode(db);
      this.consumed = this.file.size;
    } catch (err) {
      this.result = [];
      this.fail(`cannot read the MLflow database (corrupt, truncated or caught mid-write?): ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      db?.close();
    }
  }

  private decode(db: Database): void {
    const schema = tables(db);
    const m = schema.get('metrics');
    const need = ['key', 'value', 'step', 'timestamp', 'run_uuid'];
    if (!m || need.some((c) => !m.has(c))) {
      this.fail(m ? `the "metrics" table lacks MLflow's columns (${need.filter((c) => !m.has(c)).join(', ')}); not an MLflow tracking database` : 'no "metrics" table; not an MLflow tracking database');
      return;
    }
    const infos = readRuns(db, schema);
    const params = readParams(db, schema);
    const builders = new Map<string, RunBuilder | null>();
    const nanCount = new Map<string, number>();
    let deleted = 0;
    let bad = 0;
    const builderOf = (uuid: string): RunBuilder | null => {
      let b = builders.get(uuid);
      if (b !== undefined) return b;
      const info = infos.get(uuid);
      if (info?.deleted) {
        deleted++;
        b = null;
      } else {
        // rows in rowid order are in logging order, as the FileStore's lines: a step going back is a resume
        b = new RunBuilder(info?.name ?? uuid, this.origin, 'mlflow-sqlite', true);
        b.setMeta('run_id', uuid);
        if (info?.experiment !== undefined) b.setMeta('experiment', info.experiment);
        for (const [k, v] of Object.entries(params.get(uuid) ?? {})) b.setMeta(k, v);
      }
      builders.set(uuid, b);
      return b;
    };
    const x = emptyXValues();
    // rowid order is insertion order: the order the FileStore would have appended the lines in
    const st = db.prepare(`SELECT run_uuid, key, value, step, timestamp, ${m.has('is_nan') ? 'is_nan' : '0'} FROM metrics ORDER BY rowid`);
    try {
      while (st.step()) {
        const [uuid, key, value, step, ts, isNan] = st.get();
        const run = builderOf(String(uuid));
        if (run === null) continue;
        if (isNan === 1) {
          nanCount.set(run.name, (nanCount.get(run.name) ?? 0) + 1);
          continue;
        }
        if (typeof value !== 'number' || typeof key !== 'string' || typeof step !== 'number') {
          bad++;
          continue;
        }
        x.step = step;
        x.time = typeof ts === 'number' ? ts / 1000 : undefined;
        run.add(key, value >= MAX_DOUBLE ? Infinity : value <= -MAX_DOUBLE ? -Infinity : value, x);
      }
    } finally {
      st.free();
    }
    for (const [name, n] of nanCount) this.warn.add(`run ${name}: ${n} NaN value(s) (is_nan) skipped`);
    if (bad > 0) this.warn.add(`${bad} metric row(s) without a numeric value, step or key skipped`);
    if (deleted > 0) this.warn.add(`${deleted} deleted run(s) skipped (lifecycle_stage = deleted)`);
    const order = [...infos.keys(), ...[...builders.keys()].filter((u) => !infos.has(u))];
    const runs: RunData[] = [];
    for (const uuid of order) {
      const b = builders.get(uuid);
      if (b) runs.push(b.data());
    }
    this.result = disambiguate(runs);
    if (runs.length === 0 && deleted === 0) this.warn.add('no metrics logged in this MLflow database yet');
  }

  runs(): RunData[] {
    return this.result;
  }

  warnings(): IngestWarning[] {
    return this.warn.list();
  }
}

/** Two runs of one name (same name in two experiments) get their run id's head appended. */
function disambiguate(runs: RunData[]): RunData[] {
  const seen = new Map<string, number>();
  for (const r of runs) seen.set(r.name, (seen.get(r.name) ?? 0) + 1);
  return runs.map((r) => ((seen.get(r.name) ?? 0) > 1 ? { ...r, name: `${r.name} (${String(r.meta?.run_id ?? '').slice(0, 8)})` } : r));
}

/** True when the schema text in the head declares MLflow's metrics table. */
function declaresMetricsTable(head: Uint8Array): boolean {
  const t = new TextDecoder('latin1').decode(head);
  return /CREATE TABLE "?metrics"? \(/.test(t) && t.includes('run_uuid');
}

export const mlflowSqliteFormat: Format = {
  id: 'mlflow-sqlite',
  growth: 'rewrite',
  detect(name, head) {
    if (!isSqlite(head)) return 0;
    if (declaresMetricsTable(head)) return 0.95;
    // the schema may lie past the head in a big store; the decoder says so if it is not MLflow's
    return /^mlflow.*\.(db|sqlite3?)$/i.test(baseName(name)) ? 0.6 : 0;
  },
  prepare: prepareSqliteFile,
  createDecoder: (origin): Decoder => new MlflowSqliteDecoder(origin),
};

export { MlflowSqliteDecoder };
