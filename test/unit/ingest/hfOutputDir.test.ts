// An HF Trainer output dir holds one run twice: trainer_state.json in each checkpoint, and the
// TensorBoard logs under runs/<date_host>/ (with report_to tensorboard). Read as a folder, it is one
// run under the state's names, its history from the state and its tail from the event files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverFiles } from '../../../src/ingest/files/discover';
import { decodeFile, readSource } from '../../../src/ingest/files/read';
import { watchSource } from '../../../src/ingest/files/watch';
import { assembleSource, type DecodedFile } from '../../../src/ingest/model/assemble';
import { trainerStateKey } from '../../../src/ingest/model/hfTensorboard';
import type { SourceData } from '../../../src/ingest/model/model';
import { eventFile, pbString, pbVarint, valueSimple, valueTensor, type EventSpec } from './binaryWriters';
import { series } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-hf-out-'));
after(() => rmSync(root, { recursive: true, force: true }));

const TOKENS_PER_STEP = 4096;
const stateLoss = (s: number) => 4 - s / 1000;
/** The same run's values as the event files hold them: off by far less than two trainings differ,
 *  enough to tell which file a point came from. */
const eventLoss = (s: number) => stateLoss(s) * (1 + 1e-5);

function put(path: string, data: string | Uint8Array): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
}

/** trainer_state.json of a checkpoint: loss every 100 steps, eval every 200, tokens counted. */
function state(upTo: number): string {
  const log_history: object[] = [];
  for (let s = 100; s <= upTo; s += 100) {
    log_history.push({ step: s, epoch: s / 2000, loss: stateLoss(s), learning_rate: 1e-4, num_input_tokens_seen: s * TOKENS_PER_STEP });
    if (s % 200 === 0) log_history.push({ step: s, epoch: s / 2000, eval_loss: stateLoss(s) + 0.1 });
  }
  return JSON.stringify({ global_step: upTo, max_steps: 2000, log_history });
}

/** What HF's TensorBoardCallback writes for steps `from`..`to`: the args first, then rewritten logs. */
function events(from: number, to: number, loss: (s: number) => number): Uint8Array {
  const text = (tag: string, body: string) => valueTensor(`${tag}/text_summary`, [pbVarint(1, 7), pbString(8, body)], 'text');
  const ev: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }, { step: 0, values: [text('args', JSON.stringify({ lr_scheduler_type: 'cosine', max_steps: 2000, learning_rate: 1e-4 }))] }];
  for (let s = from; s <= to; s += 100) {
    ev.push({ step: s, values: [valueSimple('train/loss', loss(s)), valueSimple('train/learning_rate', 1e-4), valueSimple('train/epoch', s / 2000), valueSimple('train/num_input_tokens_seen', s * TOKENS_PER_STEP)] });
    if (s % 200 === 0) ev.push({ step: s, values: [valueSimple('eval/loss', loss(s) + 0.1)] });
  }
  return eventFile(ev);
}

const pts = (src: SourceData | undefined, key: string) => {
  const s = series(src!.runs, key);
  return Array.from(s.x.step!).map((st, i) => [st, +s.y[i].toFixed(6)]);
};

test("TensorBoard tags take the state's names back (HF rewrite_logs, undone)", () => {
  assert.equal(trainerStateKey('train/loss'), 'loss');
  assert.equal(trainerStateKey('eval/loss'), 'eval_loss');
  assert.equal(trainerStateKey('test/accuracy'), 'test_accuracy');
  assert.equal(trainerStateKey('train/train_loss'), 'train_loss');
  assert.equal(trainerStateKey('Loss/train'), 'Loss/train');
});

test('an output dir with checkpoints and runs/ is one run: the state up to its checkpoint, the event files after', async () => {
  const out = join(root, 'one', 'gpt2-out');
  put(join(out, 'checkpoint-500', 'trainer_state.json'), state(500));
  put(join(out, 'checkpoint-500', 'config.json'), JSON.stringify({ model_type: 'gpt2', n_layer: 4, n_embd: 256 }));
  put(join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0'), events(100, 800, eventLoss));
  const src = await readSource(join(root, 'one'));
  assert.equal(src.runs.length, 1, src.runs.map((r) => r.name).join(', '));
  const run = src.runs[0];
  assert.equal(run.name, 'gpt2-out');
  assert.equal(run.format, 'hf-trainer-state');
  assert.equal(src.format, 'hf-trainer-state');
  const expected = [1, 2, 3, 4, 5, 6, 7, 8].map((k) => [k * 100, +(k <= 5 ? stateLoss(k * 100) : eventLoss(k * 100)).toFixed(6)]);
  assert.deepEqual(pts(src, 'loss'), expected);
  assert.deepEqual(pts(src, 'eval_loss').map(([s]) => s), [200, 400, 600, 800]);
  // tokens and epoch ride on the tail's points as x, as the state's own points carry them
  const loss = series(src.runs, 'loss');
  assert.deepEqual(Array.from(loss.x.tokens!), expected.map(([s]) => s * TOKENS_PER_STEP));
  assert.ok(Math.abs(loss.x.epoch![7] - 0.4) < 1e-6, 'float32 in the event file');
  assert.equal(loss.x.time, undefined, 'no axis the history lacks');
  assert.deepEqual(run.series.map((s) => s.key).sort(), ['eval_loss', 'learning_rate', 'loss']);
  assert.equal(series(src.runs, 'eval_loss').split, 'val');
  // facts from all three files: the state's max_steps, the args text, the checkpoint's config.json
  assert.equal(run.meta?.max_steps, 2000);
  assert.equal(run.meta?.['args.lr_scheduler_type'], 'cosine');
  assert.equal(run.meta?.n_layer, 4);
});

test('a resumed run: a later runs/ folder restarting at step T replaces what the earlier one logged from T', async () => {
  const out = join(root, 'resumed', 'out');
  put(join(out, 'checkpoint-500', 'trainer_state.json'), state(500));
  put(join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0'), events(100, 800, eventLoss));
  // the crash at 800; resumed from checkpoint-500, logging again from 600 with other values
  put(join(out, 'runs', 'Dec05_12-00-00_host', 'events.out.tfevents.1733400000.host.2.0'), events(600, 1000, (s) => 5 - s / 1000));
  const src = await readSource(out);
  assert.equal(src.runs.length, 1);
  assert.deepEqual(pts(src, 'loss').slice(4), [[500, stateLoss(500)], [600, 4.4], [700, 4.3], [800, 4.2], [900, 4.1], [1000, 4]]);
});

test('a new training in a reused output dir beside a stale checkpoint stays a run of its own', async () => {
  const out = join(root, 'reused', 'out');
  put(join(out, 'checkpoint-500', 'trainer_state.json'), state(500));
  put(join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0'), events(100, 500, stateLoss));
  // the rerun: its own values from step 100, no checkpoint yet
  put(join(out, 'runs', 'Dec06_09-00-00_host', 'events.out.tfevents.1733475600.host.3.0'), events(100, 300, (s) => 6 - s / 1000));
  const src = await readSource(join(root, 'reused'));
  assert.deepEqual(src.runs.map((r) => r.name).sort(), ['out', 'out/runs/Dec06_09-00-00_host']);
  const old = src.runs.findIndex((r) => r.name === 'out');
  assert.deepEqual(series(src.runs, 'loss', old).x.step!.length, 5);
  const rerun = src.runs.findIndex((r) => r.name !== 'out');
  assert.deepEqual(Array.from(series(src.runs, 'train/loss', rerun).y, (v) => +v.toFixed(4)), [5.9, 5.8, 5.7]);
  assert.equal(src.runs[rerun].meta?.['args.lr_scheduler_type'], 'cosine');
});

test("a checkpoint's trainer_state.json opened by itself names the output folder that reads it with the event files", async () => {
  const out = join(root, 'one', 'gpt2-out');
  const src = await readSource(join(out, 'checkpoint-500', 'trainer_state.json'));
  assert.equal(src.runs.length, 1);
  const w = src.warnings.find((x) => /TensorBoard logs/.test(x.message));
  assert.ok(w, src.warnings.map((x) => x.message).join('; '));
  assert.match(w.message, /open the output folder .*gpt2-out to read both as one run$/);
  const alone = join(root, 'alone', 'out');
  put(join(alone, 'checkpoint-100', 'trainer_state.json'), state(100));
  assert.equal((await readSource(join(alone, 'checkpoint-100', 'trainer_state.json'))).warnings.length, 0);
});

test('the merge does not depend on the order the files are listed in', async () => {
  const out = join(root, 'resumed', 'out');
  const a = await readSource(out);
  const { files } = await discoverFiles(out);
  const decoded: DecodedFile[] = [];
  for (const f of files) decoded.push({ path: f.path, format: f.format.id, placement: f.placement, ...(await decodeFile(f.path, f.format)) });
  const b = assembleSource(decoded.slice().reverse());
  assert.deepEqual(pts(b, 'loss'), pts(a, 'loss'));
  assert.deepEqual(pts(b, 'eval_loss'), pts(a, 'eval_loss'));
});

test('a logging_dir of its own inside the output dir joins the run too; a nested output dir keeps its own', async () => {
  const out = join(root, 'custom', 'out');
  put(join(out, 'checkpoint-500', 'trainer_state.json'), state(500));
  put(join(out, 'tb', 'events.out.tfevents.1733392800.host.1.0'), events(100, 700, eventLoss));
  put(join(out, 'ablation', 'checkpoint-300', 'trainer_state.json'), state(300));
  put(join(out, 'ablation', 'runs', 'x', 'events.out.tfevents.1733392800.host.2.0'), events(100, 400, eventLoss));
  const src = await readSource(join(root, 'custom'));
  assert.deepEqual(src.runs.map((r) => r.name).sort(), ['out', 'out/ablation']);
  assert.equal(series(src.runs, 'loss', src.runs.findIndex((r) => r.name === 'out')).y.length, 7);
  assert.equal(series(src.runs, 'loss', src.runs.findIndex((r) => r.name === 'out/ablation')).y.length, 4);
});

test('event files alone (no checkpoint yet) stay a TensorBoard run', async () => {
  const out = join(root, 'early', 'out');
  put(join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0'), events(100, 300, eventLoss));
  const src = await readSource(join(root, 'early'));
  assert.deepEqual(src.runs.map((r) => r.name), ['out/runs/Dec05_10-00-00_host']);
  assert.equal(series(src.runs, 'train/loss').y.length, 3);
});

test('watching an output dir: the run gains event-file steps as they are written, and stays one run when a checkpoint lands', async () => {
  const out = join(root, 'watched', 'out');
  const tb = join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0');
  put(join(out, 'checkpoint-200', 'trainer_state.json'), state(200));
  put(tb, events(100, 300, eventLoss));
  let last: SourceData | undefined;
  const w = watchSource(out, (s) => (last = s), { pollMs: 60_000, rescanMs: 0 });
  try {
    await w.refresh();
    assert.equal(last?.runs.length, 1);
    assert.deepEqual(pts(last, 'loss').map(([s]) => s), [100, 200, 300]);
    put(tb, events(100, 600, eventLoss));
    await w.refresh();
    assert.deepEqual(pts(last, 'loss').map(([s]) => s), [100, 200, 300, 400, 500, 600]);
    put(join(out, 'checkpoint-500', 'trainer_state.json'), state(500));
    rmSync(join(out, 'checkpoint-200'), { recursive: true, force: true });
    await w.refresh();
    assert.equal(last?.runs.length, 1);
    assert.deepEqual(pts(last, 'loss').slice(3), [[400, stateLoss(400)], [500, stateLoss(500)], [600, +eventLoss(600).toFixed(6)]]);
  } finally {
    w.dispose();
  }
});
