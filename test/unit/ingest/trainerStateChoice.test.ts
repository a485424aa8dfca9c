// Which trainer_state.json of an HF output dir is read when file times do not follow the training:
// a copied output dir (cloud sync, cp -r) stamps checkpoints in copy order, a reused one holds
// stale checkpoints of another training.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { series } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-hfstate-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A checkpoint's state: loss logged every 10 steps up to `last`, offset by `shift` (another training). */
function state(last: number, shift = 0): string {
  const log_history = [];
  for (let s = 10; s <= last; s += 10) log_history.push({ epoch: s / 1000, loss: 5 - s / 1000 + shift, step: s });
  return JSON.stringify({ global_step: last, log_history });
}

/** Writes the state with its mtime `age` seconds in the past. */
function put(rel: string, content: string, age: number): void {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  const t = Date.now() / 1000 - age;
  utimesSync(p, t, t);
}

test('a copied output dir (checkpoint-1000 stamped before checkpoint-250): the furthest state of the training is read', async () => {
  // the order `gsutil cp -r` copies in: by name
  put('copied/out/checkpoint-1000/trainer_state.json', state(1000), 40);
  put('copied/out/checkpoint-250/trainer_state.json', state(250), 30);
  put('copied/out/checkpoint-500/trainer_state.json', state(500), 20);
  put('copied/out/checkpoint-750/trainer_state.json', state(750), 10);
  const s = await readSource(join(root, 'copied'));
  assert.equal(s.runs.length, 1);
  assert.equal(series(s.runs, 'loss').y.length, 100);
  assert.equal(series(s.runs, 'loss').x.step!.at(-1), 1000);
});

test('a rerun in a reused output dir beside a stale, longer training: the newest state is read', async () => {
  put('reused/out/checkpoint-2000/trainer_state.json', state(2000), 100);
  put('reused/out/checkpoint-300/trainer_state.json', state(300, 0.5), 10);
  const s = await readSource(join(root, 'reused'));
  assert.equal(s.runs.length, 1);
  const loss = series(s.runs, 'loss');
  assert.equal(loss.y.length, 30);
  assert.equal(loss.y[0], 5 - 0.01 + 0.5);
});

test('a NaN loss in the shared entries (written bare, as Python does) still counts as the same training', async () => {
  const nanFirst = (last: number) => state(last).replace(/"loss":[^,]+,/, '"loss":NaN,');
  put('nan/out/checkpoint-1000/trainer_state.json', nanFirst(1000), 40);
  put('nan/out/checkpoint-500/trainer_state.json', nanFirst(500), 10);
  const s = await readSource(join(root, 'nan'));
  assert.equal(series(s.runs, 'loss').x.step!.at(-1), 1000);
});

test('a stale longer training is not read for a new run that has logged nothing, nor for a same-seed rerun that parts from it later', async () => {
  put('fresh/out/checkpoint-5000/trainer_state.json', state(5000), 100);
  put('fresh/out/checkpoint-100/trainer_state.json', JSON.stringify({ global_step: 100, log_history: [] }), 10);
  const fresh = await readSource(join(root, 'fresh'));
  assert.ok(fresh.runs.every((r) => r.series.every((x) => x.y.length === 0)), 'the stale run was read');
  // the same first entries (same seed), different from step 60 on
  const parted = JSON.parse(state(300)) as { log_history: { loss: number; step: number }[] };
  for (const e of parted.log_history) if (e.step >= 60) e.loss += 0.5;
  put('seed/out/checkpoint-2000/trainer_state.json', state(2000), 100);
  put('seed/out/checkpoint-300/trainer_state.json', JSON.stringify({ global_step: 300, log_history: parted.log_history }), 10);
  const seed = await readSource(join(root, 'seed'));
  assert.equal(series(seed.runs, 'loss').x.step!.at(-1), 300);
});
