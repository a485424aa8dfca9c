// MLflow's SQLite tracking store (mlflow.db): runs, names, series and values of the fixture written
// by test/fixtures/mlflow-sqlite/make_mlflow_db.py (expected values recomputed here from the same
// formula), detection, damaged and foreign databases, the -wal warning, and re-reading a database
// that changed on disk (new points appear, a torn copy keeps the previous state).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { detect, detectAll } from '../../../src/ingest/formats/detect';
import { MlflowSqliteDecoder, mlflowSqliteFormat } from '../../../src/ingest/formats/mlflowSqlite';
import type { RunData } from '../../../src/ingest/model/model';
import { readSource } from '../../../src/ingest/files/read';
import { loadSqlite } from '../../../src/ingest/sqlite/engine';
import { FileTail } from '../../../src/ingest/files/tail';
import { watchSource } from '../../../src/ingest/files/watch';
import { mutate } from './fuzzCore';
import { decodeAll, prng, series } from './helpers';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'mlflow-sqlite', 'mlflow.db');
const T0 = 1718000000000;
const loss = (step: number, scale = 1): number => scale * (2 + 3 * (step + 1) ** -0.5);

/** Equal up to rounding: Python's and V8's pow may differ in the last bit. */
function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    assert.ok(a === e || Math.abs(a - e) <= 1e-14 * Math.abs(e), `${what}[${i}]: ${a} vs ${e}`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'sl-mlflow-db-'));
let SQL: SqlJsStatic;
before(async () => {
  SQL = await loadSqlite();
});
after(() => rmSync(dir, { recursive: true, force: true }));

function fixture(): Uint8Array {
  return new Uint8Array(readFileSync(FIXTURE));
}

function decode(bytes: Uint8Array, origin = 'mlflow.db'): MlflowSqliteDecoder {
  return decodeAll(mlflowSqliteFormat, origin, bytes) as MlflowSqliteDecoder;
}

function messages(d: { warnings(): { message: string }[] }): string[] {
  return d.warnings().map((w) => w.message);
}

/** The fixture with `extra` loss points appended to run aaaa… at steps 20, 21, … */
function grown(extra: number): Uint8Array {
  const db = new SQL.Database(fixture());
  const st = db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, 0)');
  for (let s = 20; s < 20 + extra; s++) {
    st.bind(['loss', loss(s), T0 + 1000 * s, 'a'.repeat(32), s]);
    st.step();
  }
  st.free();
  const out = (db as unknown as { export(): Uint8Array }).export();
  db.close();
  return out;
}

test('fixture: one run per MLflow run, named as MLflow shows it, in start order; deleted runs left out', () => {
  const d = decode(fixture());
  assert.equal(d.failed, false);
  const runs = d.runs();
  assert.deepEqual(runs.map((r) => r.name), ['bright-owl-12', 'b'.repeat(32), 'tagged-run']);
  assert.deepEqual(runs.map((r) => r.meta), [
    { run_id: 'a'.repeat(32), experiment: 'scaling-sweep' },
    { run_id: 'b'.repeat(32), experiment: 'scaling-sweep' },
    { run_id: 'c'.repeat(32), experiment: 'Default' },
  ]);
  assert.ok(runs.every((r) => r.format === 'mlflow-sqlite' && r.origin === 'mlflow.db'));
  assert.deepEqual(runs.map((r) => r.series.map((s) => `${s.key}:${s.split}`)), [['loss:train', 'val_loss:val'], ['loss:train'], ['val_loss:val']]);
  assert.deepEqual(messages(d), [
    'run bright-owl-12: 1 NaN value(s) (is_nan) skipped',
    `run ${'b'.repeat(32)}: 1 NaN value(s) (is_nan) skipped`,
    '1 deleted run(s) skipped (lifecycle_stage = deleted)',
  ]);
});

test("a run's params are its metadata, numbers read as numbers (MLflow stores text)", () => {
  const db = new SQL.Database(fixture());
  db.exec('CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, CONSTRAINT param_pk PRIMARY KEY (key, run_uuid))');
  const st = db.prepare('INSERT INTO params VALUES (?, ?, ?)');
  for (const row of [['n_layer', '12', 'a'.repeat(32)], ['optimizer', 'adamw', 'a'.repeat(32)], ['lr', '3e-4', 'c'.repeat(32)]]) {
    st.bind(row);
    st.step();
  }
  st.free();
  const bytes = (db as unknown as { export(): Uint8Array }).export();
  db.close();
  const runs = decode(bytes).runs();
  assert.deepEqual(runs[0]!.meta, { run_id: 'a'.repeat(32), experiment: 'scaling-sweep', n_layer: 12, optimizer: 'adamw' });
  assert.equal(runs[2]!.meta?.['lr'], 3e-4);
  assert.equal(runs[1]!.meta?.['lr'], undefined);
});

test('fixture values: step and time x like the FileStore reader, NaN rows skipped, a repeated step kept in logging order, max double read as inf', () => {
  const runs = decode(fixture()).runs();
  const a = series(runs, 'loss', 0);
  const steps = [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  assert.deepEqual(Array.from(a.x.step!), steps);
  const expectY = steps.map((s, i) => (s === 19 ? Infinity : i === 10 ? loss(10) + 0.5 : loss(s)));
  close(a.y, expectY, 'loss');
  const expectT = steps.map((s, i) => (T0 + 1000 * s + (i === 10 ? 1 : 0)) / 1000);
  assert.deepEqual(Array.from(a.x.time!), expectT);
  assert.deepEqual(Object.keys(a.x).sort(), ['step', 'time']);
  const v = series(runs, 'val_loss', 0);
  assert.deepEqual(Array.from(v.x.step!), [0, 5, 10, 15]);
  close(v.y, [0, 5, 10, 15].map((s) => loss(s, 1.1)), 'val_loss');
  const b = series(runs, 'loss', 1);
  assert.deepEqual(Array.from(b.x.step!), [0, 1, 2, 4, 5, 6, 7, 8, 9]);
  close(b.y, [0, 1, 2, 4, 5, 6, 7, 8, 9].map((s) => loss(s, 1.2)), 'run b loss');
  assert.deepEqual(Array.from(series(runs, 'val_loss', 2).y), [4, 3.5]);
});

test('a run resumed from a checkpoint logs again from an earlier step: its rows supersede the earlier ones, as in the FileStore', () => {
  const db = new SQL.Database(fixture());
  const st = db.prepare('INSERT INTO metrics VALUES (?, ?, ?, ?, ?, 0)');
  for (let s = 12; s <= 25; s++) {
    st.bind(['loss', loss(s) - 0.01, T0 + 100_000 + 1000 * s, 'a'.repeat(32), s]);
    st.step();
  }
  st.free();
  const bytes = (db as unknown as { export(): Uint8Array }).export();
  db.close();
  const d = decode(bytes);
  const a = series(d.runs(), 'loss', 0);
  const steps = Array.from(a.x.step!);
  assert.deepEqual(steps, [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 10, 11, ...Array.from({ length: 14 }, (_, i) => 12 + i)]);
  close(Array.from(a.y).slice(12), Array.from({ length: 14 }, (_, i) => loss(12 + i) - 0.01), 'resumed loss');
  assert.deepEqual(d.runs()[0]!.notes, ["the run was resumed (its step went back to step 12 after step 19): the 8 point(s) the earlier run had logged from that step on (over 1 series) were dropped, the resumed run's kept"]);
});

test('detection: SQLite header + MLflow metrics table; another SQLite database is not MLflow', () => {
  const bytes = fixture();
  assert.equal(detect('anything.sqlite', bytes)?.id, 'mlflow-sqlite');
  assert.equal(detectAll('x.db', bytes)[0].score, 0.95);
  const other = new SQL.Database();
  other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (\'hi\');');
  const otherBytes = (other as unknown as { export(): Uint8Array }).export();
  other.close();
  assert.equal(detect('app.db', otherBytes), undefined);
  // named like MLflow's store but holding something else: detected weakly, then a clear message
  assert.equal(detect('mlflow.db', otherBytes)?.id, 'mlflow-sqlite');
  const d = decode(otherBytes);
  assert.equal(d.failed, true);
  assert.deepEqual(d.runs(), []);
  assert.match(messages(d).join('\n'), /no "metrics" table; not an MLflow tracking database/);
  // text formats never claim a SQLite file
  assert.deepEqual(detectAll('metrics.csv', bytes).map((x) => x.format), ['mlflow-sqlite']);
});

test('truncated copy: a clear warning, no runs, never a throw', () => {
  const bytes = fixture();
  const half = decode(bytes.slice(0, bytes.length >> 1));
  assert.equal(half.failed, true);
  assert.deepEqual(half.runs(), []);
  assert.match(messages(half)[0], /database is cut short: the header says 17408 bytes, the file has 8704/);
  assert.match(messages(decode(bytes.slice(0, 60)))[0], /SQLite header is damaged or cut short/);
  assert.match(messages(decode(new TextEncoder().encode('step,loss\n1,2\n')))[0], /not an SQLite database/);
  for (let n = 0; n <= bytes.length; n += 97) {
    const d = decode(bytes.slice(0, n));
    if (n < bytes.length) assert.equal(d.failed, true, `cut at ${n}`);
  }
});

test('corrupt databases (mutated pages, random bytes): warnings, consistent runs, no exception', () => {
  const seed = fixture();
  const rand = prng(0x5017);
  let failed = 0;
  for (let k = 0; k < 300; k++) {
    const bytes = mutate(seed, rand);
    const d = decode(bytes);
    if (d.failed) failed++;
    for (const r of d.runs()) for (const s of r.series) for (const xs of Object.values(s.x)) assert.equal(xs!.length, s.y.length);
    for (const w of d.warnings()) assert.equal(typeof w.message, 'string');
    detectAll('mlflow.db', bytes);
  }
  // the mutations must reach the engine's corruption checks, not only the header check
  assert.ok(failed > 10 && failed < 300, `failed ${failed}`);
});

test('a WAL-mode database is read from its main file; a -wal beside it is reported', async () => {
  const bytes = fixture();
  bytes[18] = 2;
  bytes[19] = 2;
  const p = join(dir, 'wal', 'mlflow.db');
  mkdirSync(join(dir, 'wal'));
  writeFileSync(p, bytes);
  let src = await readSource(p);
  assert.equal(src.runs.length, 3);
  assert.ok(!src.warnings.some((w) => /-wal/.test(w.message)));
  writeFileSync(`${p}-wal`, new Uint8Array(4096));
  src = await readSource(p);
  assert.equal(src.runs.length, 3);
  assert.match(src.warnings[0].message, /mlflow\.db-wal \(4096 bytes\).*values newer than the last checkpoint may be missing/);
  assert.equal(readFileSync(p).compare(Buffer.from(bytes)), 0, 'the database file is left as it was');
});

test('engine not loaded: the decoder says so instead of throwing', () => {
  const d = new MlflowSqliteDecoder('mlflow.db', () => undefined);
  d.push(fixture());
  d.end();
  assert.equal(d.failed, true);
  assert.match(messages(d)[0], /SQLite engine not loaded/);
});

test('readSource: a file and a folder holding mlflow.db (a foreign .db beside it is skipped)', async () => {
  const folder = join(dir, 'proj');
  mkdirSync(folder);
  copyFileSync(FIXTURE, join(folder, 'mlflow.db'));
  const other = new SQL.Database();
  other.exec('CREATE TABLE t (a)');
  writeFileSync(join(folder, 'cache.db'), (other as unknown as { export(): Uint8Array }).export());
  other.close();
  const file = await readSource(join(folder, 'mlflow.db'));
  assert.equal(file.format, 'mlflow-sqlite');
  const fromFolder = await readSource(folder);
  assert.equal(fromFolder.format, 'mlflow-sqlite');
  const names = (rs: readonly RunData[]): string[] => rs.map((r) => r.name);
  assert.deepEqual(names(fromFolder.runs), names(file.runs));
  assert.deepEqual(fromFolder.runs.map((r) => r.series.map((s) => s.y.length)), [[20, 4], [9], [2]]);
});

test('growth: a rewritten mlflow.db is re-read whole, new points appear; a torn copy keeps the previous state', async () => {
  const p = join(dir, 'grow.db');
  writeFileSync(p, fixture());
  const tail = new FileTail(p, mlflowSqliteFormat);
  assert.equal(await tail.poll(), 'rewrite');
  assert.equal(series(tail.runs(), 'loss', 0).y.length, 20);
  assert.equal(await tail.poll(), 'none');
  writeFileSync(p, grown(300));
  assert.equal(await tail.poll(), 'rewrite');
  const s = series(tail.runs(), 'loss', 0);
  assert.equal(s.y.length, 320);
  assert.equal(s.x.step![319], 319);
  close([s.y[319]], [loss(319)], 'new point');
  // caught mid-write: cut short of what the header promises
  const torn = grown(600);
  writeFileSync(p, torn.subarray(0, torn.length - 4096));
  assert.equal(await tail.poll(), 'none');
  assert.equal(series(tail.runs(), 'loss', 0).y.length, 320);
  assert.ok(tail.warnings().some((w) => /cut short.*kept the previous state/.test(w.message)));
  writeFileSync(p, torn);
  assert.equal(await tail.poll(), 'rewrite');
  assert.equal(series(tail.runs(), 'loss', 0).y.length, 620);
});

test('watchSource on mlflow.db names runs as readSource does and shows new points', { timeout: 20_000 }, async () => {
  const p = join(dir, 'watched', 'mlflow.db');
  mkdirSync(join(dir, 'watched'));
  writeFileSync(p, fixture());
  const seen: { names: string[]; loss: number }[] = [];
  const handle = watchSource(p, (src) => seen.push({ names: src.runs.map((r) => r.name), loss: src.runs[0]?.series[0]?.y.length ?? 0 }), { pollMs: 10_000 });
  try {
    await handle.refresh();
    writeFileSync(p, grown(300));
    await handle.refresh();
  } finally {
    handle.dispose();
  }
  assert.deepEqual(seen.at(0), { names: ['bright-owl-12', 'b'.repeat(32), 'tagged-run'], loss: 20 });
  assert.deepEqual(seen.at(-1), { names: ['bright-owl-12', 'b'.repeat(32), 'tagged-run'], loss: 320 });
});
