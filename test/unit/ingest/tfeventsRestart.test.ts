// TensorBoard restarts across files: SummaryWriter(purge_step=T) opens a new events file in the same
// run folder; merging the folder must drop the older files' points with step >= T (TensorBoard's
// semantics), in whatever order the files are listed, and only within the restarted folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleSource, type DecodedFile } from '../../../src/ingest/model/assemble';
import { tfeventsFormat } from '../../../src/ingest/formats/tfevents';
import { readSource } from '../../../src/ingest/files/read';
import { eventFile, valueSimple, type EventSpec } from './binaryWriters';
import { decodeAll, plainRuns, series } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-tb-restart-'));
after(() => rmSync(root, { recursive: true, force: true }));

const OLD = 'events.out.tfevents.1718000000.host.1.0';
const NEW = 'events.out.tfevents.1718000900.host.2.0';

/** The first writer: steps 0..9 of loss, even steps of val/loss. */
function firstRun(): Uint8Array {
  const ev: EventSpec[] = [{ wallTime: 100, fileVersion: 'brain.Event:2' }];
  for (let s = 0; s < 10; s++) ev.push({ wallTime: 100 + s, step: s, values: [valueSimple('loss', 10 - s), ...(s % 2 ? [] : [valueSimple('val/loss', 20 - s)])] });
  return eventFile(ev);
}

/** The resumed writer, as PyTorch writes it: Event{step=T, file_version}, Event{step=T, SessionLog START}, then T.. */
function resumed(purgeStep: number | undefined, steps: number[]): Uint8Array {
  const ev: EventSpec[] = [{ wallTime: 900, step: purgeStep, fileVersion: 'brain.Event:2' }];
  if (purgeStep !== undefined) ev.push({ wallTime: 900, step: purgeStep, sessionStatus: 1 });
  for (const s of steps) ev.push({ wallTime: 900 + s, step: s, values: [valueSimple('loss', 100 + s)] });
  return eventFile(ev);
}

function put(rel: string, bytes: Uint8Array): string {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, bytes);
  return p;
}

test('a later events file restarting at step T drops the older file\'s points with step >= T', async () => {
  put(`a/run/${OLD}`, firstRun());
  put(`a/run/${NEW}`, resumed(5, [5, 6, 7]));
  const s = await readSource(join(root, 'a'));
  assert.equal(s.runs.length, 1);
  const loss = series(s.runs, 'loss');
  assert.deepEqual(Array.from(loss.x.step!), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(Array.from(loss.y), [10, 9, 8, 7, 6, 105, 106, 107]);
  assert.deepEqual(Array.from(loss.x.time!), [100, 101, 102, 103, 104, 905, 906, 907]);
  // a series the new writer never logs is purged all the same (TensorBoard drops it too)
  assert.deepEqual(Array.from(series(s.runs, 'val/loss').x.step!), [0, 2, 4]);
  const w = s.warnings.filter((x) => /restart/.test(x.message));
  assert.equal(w.length, 1);
  assert.match(w[0].message, /step 5: dropped 7 point/);
  assert.ok(w[0].file.endsWith(NEW));
});

test('without a restart the files simply concatenate', async () => {
  put(`b/run/${OLD}`, firstRun());
  put(`b/run/${NEW}`, resumed(undefined, [10, 11]));
  const s = await readSource(join(root, 'b'));
  assert.deepEqual(Array.from(series(s.runs, 'loss').x.step!), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(s.warnings, []);
});

test('the merge follows the writers\' start times, not the order files are listed in', () => {
  const file = (name: string, bytes: Uint8Array): DecodedFile => {
    const path = `/logs/run/${name}`;
    const d = decodeAll(tfeventsFormat, path, bytes);
    return { path, format: 'tfevents', placement: { groupId: 'tfevents:/logs/run', origin: '/logs/run', runName: 'run' }, runs: d.runs(), warnings: d.warnings() };
  };
  const older = file(OLD, firstRun());
  const newer = file(NEW, resumed(3, [3, 4]));
  const inOrder = assembleSource([older, newer]);
  assert.deepEqual(Array.from(series(inOrder.runs, 'loss').y), [10, 9, 8, 103, 104]);
  assert.deepEqual(plainRuns(assembleSource([newer, older]).runs), plainRuns(inOrder.runs));
  // the decoder's arrays are not edited: the older file still holds its ten points
  assert.equal(series(older.runs, 'loss').y.length, 10);
});

test('a restart in train/ leaves validation/ of the same run alone', async () => {
  put(`c/logs/train/${OLD}`, firstRun());
  put(`c/logs/validation/${OLD}`, firstRun());
  put(`c/logs/train/${NEW}`, resumed(2, [2]));
  const s = await readSource(join(root, 'c'));
  assert.equal(s.runs.length, 1);
  assert.deepEqual(Array.from(series(s.runs, 'train/loss').x.step!), [0, 1, 2]);
  assert.deepEqual(Array.from(series(s.runs, 'train/loss').y), [10, 9, 102]);
  assert.equal(series(s.runs, 'validation/loss').y.length, 10);
  assert.equal(series(s.runs, 'validation/val/loss').y.length, 5);
});
