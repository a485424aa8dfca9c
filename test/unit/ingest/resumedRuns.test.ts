// A Lightning run resumed from a checkpoint: into a new version_N folder (a fresh logger) it is
// stitched onto the version it resumed, into the same metrics.csv its step going back supersedes
// the earlier points; a new run in the next version, or one starting far past the end, stays apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { watchSource } from '../../../src/ingest/files/watch';
import { resumes, stitchResumedRuns } from '../../../src/ingest/model/resumedRuns';
import type { RunData, SourceData } from '../../../src/ingest/model/model';
import { fixturePath, scratchTree, series } from './helpers';

const { root, put } = scratchTree('sl-resumed-');

/** metrics.csv rows at the given steps: train_loss every step listed, val_loss every 50. */
function metrics(steps: readonly number[], loss: (step: number) => number): string {
  const rows = ['epoch,step,train_loss,val_loss'];
  for (const s of steps) {
    rows.push(`0,${s},${loss(s).toFixed(4)},`);
    if ((s + 1) % 50 === 0) rows.push(`0,${s},,${(loss(s) + 0.1).toFixed(4)}`);
  }
  return rows.join('\n') + '\n';
}

const every10 = (from: number, to: number): number[] => Array.from({ length: (to - from) / 10 + 1 }, (_, i) => from + 10 * i);
const decay = (s: number): number => 2 + 3 / Math.sqrt(s + 1);

test('a version that starts past the previous one\'s first step is that run resumed: one run, the overlap from the resumed step taken from the later', async () => {
  put('pl/lightning_logs/version_0/metrics.csv', metrics(every10(9, 99), decay));
  put('pl/lightning_logs/version_0/hparams.yaml', 'lr: 0.001\nmax_steps: 100\n');
  // preempted at 99, resumed from the checkpoint at step 60 with a longer schedule
  put('pl/lightning_logs/version_1/metrics.csv', metrics(every10(69, 199), (s) => decay(s) - 0.01));
  put('pl/lightning_logs/version_1/hparams.yaml', 'lr: 0.001\nmax_steps: 200\n');
  // a new experiment from scratch: its own run
  put('pl/lightning_logs/version_2/metrics.csv', metrics(every10(9, 149), (s) => decay(s) + 0.5));
  const s = await readSource(join(root, 'pl'));
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['lightning_logs/version_0 (resumed in version_1)', 'lightning_logs/version_2']);
  const run = s.runs.find((r) => r.name.includes('resumed'))!;
  const train = series([run], 'train_loss');
  assert.deepEqual(Array.from(train.x.step!), [...every10(9, 59), ...every10(69, 199)]);
  // steps 69…99 are the resumed version's values, not the first one's
  const at79 = Array.from(train.x.step!).indexOf(79);
  assert.equal(train.y[at79], Number((decay(79) - 0.01).toFixed(4)));
  assert.deepEqual(Array.from(series([run], 'val_loss').x.step!), [49, 99, 149, 199]);
  assert.equal(run.meta?.max_steps, 200, "the newest version's config: the schedule it runs to");
  const note = s.warnings.find((w) => /resumed from checkpoints/.test(w.message));
  assert.ok(note, JSON.stringify(s.warnings));
  assert.match(note.message, /^version_0, version_1 are one run .* the 5 point\(s\) an earlier folder had logged from a resumed step on dropped/);
});

test('a version that starts far past the previous one\'s end, or at its start, is another run', () => {
  const run = (origin: string, steps: number[]): RunData => ({ name: origin, origin, format: 'lightning', series: [{ key: 'loss', split: 'train', x: { step: Float64Array.from(steps) }, y: Float64Array.from(steps, decay) }] });
  const v0 = run('/r/lightning_logs/version_0/metrics.csv', every10(9, 999));
  assert.ok(resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(509, 1999))), 'from inside the run');
  assert.ok(resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(1019, 1999))), 'just after its last logged step');
  assert.ok(!resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(9, 1999))), 'from the start: a new run');
  assert.ok(!resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(14, 1999))), 'within its first logging interval: a new run that logs at other steps');
  assert.ok(resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(19, 1999))), 'a logging interval on: resumed from the first checkpoint');
  assert.ok(!resumes(v0, run('/r/lightning_logs/version_1/metrics.csv', every10(5009, 9999))), 'far past the end: a different run');
  assert.ok(!resumes(v0, { ...v0, series: [{ key: 'loss', split: 'train', x: { epoch: Float64Array.of(1, 2) }, y: Float64Array.of(2, 1) }] }), 'no steps: never');
  // event-file version folders chain the same way; runs outside version folders are untouched
  const tb = (n: number, steps: number[]): RunData => ({ ...run(`/r/tb/version_${n}`, steps), format: 'tfevents' });
  const other = run('/r/other.csv', every10(509, 999));
  const out = stitchResumedRuns([tb(0, every10(9, 99)), other, tb(1, every10(59, 199)), tb(2, every10(159, 299))]);
  assert.deepEqual(out.runs.map((r) => r.name), ['/r/tb/version_0 (resumed in version_1, version_2)', '/r/other.csv']);
  assert.deepEqual(Array.from(out.runs[0]!.series[0]!.x.step!), [...every10(9, 49), ...every10(59, 149), ...every10(159, 299)]);
  assert.equal(out.warnings.length, 1);
});

test('a run resumed into the same metrics.csv: the step going back supersedes the earlier points', async () => {
  const first = metrics(every10(9, 99), decay);
  const resumed = metrics(every10(69, 149), (s) => decay(s) - 0.01).split('\n').slice(1).join('\n');
  put('same/lightning_logs/version_0/metrics.csv', first + resumed);
  const s = await readSource(join(root, 'same'));
  assert.equal(s.runs.length, 1);
  const train = series(s.runs, 'train_loss');
  assert.deepEqual(Array.from(train.x.step!), [...every10(9, 59), ...every10(69, 149)]);
  assert.equal(train.y[Array.from(train.x.step!).indexOf(89)], Number((decay(89) - 0.01).toFixed(4)));
  assert.ok(s.warnings.some((w) => /the run was resumed/.test(w.message)), JSON.stringify(s.warnings));
});

test('W&B: run folders of one run id are that run resumed, in step order; another id stays apart', () => {
  const wandb = (folder: string, id: string, steps: number[]): RunData => ({
    name: `wandb/${folder}`,
    origin: `/p/wandb/${folder}`,
    format: 'wandb',
    meta: { wandb_run_id: id },
    series: [{ key: 'loss', split: 'train', x: { step: Float64Array.from(steps) }, y: Float64Array.from(steps, decay) }],
  });
  const out = stitchResumedRuns([
    wandb('run-20240102_080000-abc', 'abc', every10(300, 500)),
    wandb('run-20240101_080000-abc', 'abc', every10(0, 320)),
    wandb('run-20240101_090000-xyz', 'xyz', every10(0, 100)),
  ]);
  assert.deepEqual(out.runs.map((r) => r.name), ['wandb/run-20240101_080000-abc (resumed in run-20240102_080000-abc)', 'wandb/run-20240101_090000-xyz']);
  assert.deepEqual(Array.from(out.runs[0]!.series[0]!.x.step!), [...every10(0, 290), ...every10(300, 500)]);
  assert.match(out.warnings[0]!.message, /^run-20240101_080000-abc, run-20240102_080000-abc are one run resumed from checkpoints \(folders of one W&B run id\).* the 3 point\(s\)/);
});

test('W&B folders read from disk: two folders of one run id are one run', async () => {
  const bytes = readFileSync(fixturePath('run-abc123xy.wandb'));
  for (const f of ['run-20240101_120000-abc123xy', 'run-20240102_120000-abc123xy']) {
    mkdirSync(join(root, 'wb', 'wandb', f), { recursive: true });
    writeFileSync(join(root, 'wb', 'wandb', f, 'run-abc123xy.wandb'), bytes);
  }
  const alone = await readSource(join(root, 'wb', 'wandb', 'run-20240101_120000-abc123xy'));
  const s = await readSource(join(root, 'wb'));
  assert.equal(s.runs.length, 1);
  assert.match(s.runs[0]!.name, /run-20240101_120000-abc123xy \(resumed in run-20240102_120000-abc123xy\)$/);
  // the same history twice: the later copy supersedes all of the earlier
  for (const k of alone.runs[0]!.series) assert.deepEqual(Array.from(series(s.runs, k.key).y), Array.from(k.y), k.key);
});

test("Keras: a run resumed into its CSVLogger(append=True) file or its stdout, by epochs alone, supersedes the epochs it logs again", async () => {
  const row = (e: number, off: number): string => `${e},${(2 / (e + 1) + off).toFixed(4)},${(2.2 / (e + 1) + off).toFixed(4)}`;
  const csv = ['epoch,loss,val_loss', ...[0, 1, 2, 3, 4, 5, 6, 7].map((e) => row(e, 0)), ...[5, 6, 7, 8, 9].map((e) => row(e, -0.01))].join('\n') + '\n';
  put('keras/training.log.csv', csv);
  const s = await readSource(join(root, 'keras', 'training.log.csv'));
  assert.equal(s.format, 'keras');
  const val = series(s.runs, 'val_loss');
  // Keras's 0-based epochs read as epochs completed
  assert.deepEqual(Array.from(val.x.epoch!), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(val.y[6], Number((2.2 / 7 - 0.01).toFixed(4)), "epoch 6 is the resumed run's");
  assert.ok(s.warnings.some((w) => /its epoch went back to epoch 6 after epoch 8\): the 6 point\(s\)/.test(w.message)), JSON.stringify(s.warnings));
  // stdout: Keras prints an `Epoch k/N` line and the epoch's metrics under it
  const lines = (epochs: number[], off: number): string[] => epochs.flatMap((e) => [`Epoch ${e + 1}/10`, `100/100 - 2s - loss: ${(2 / (e + 1) + off).toFixed(4)} - val_loss: ${(2.2 / (e + 1) + off).toFixed(4)}`]);
  put('keras/stdout.log', [...lines([0, 1, 2, 3, 4, 5], 0), ...lines([3, 4, 5, 6, 7], -0.01)].join('\n') + '\n');
  const t = await readSource(join(root, 'keras', 'stdout.log'));
  assert.deepEqual(Array.from(series(t.runs, 'val_loss').x.epoch!), [1, 2, 3, 4, 5, 6, 7, 8]);
  // a second fit from the first epoch (another run, a k-fold) drops nothing
  put('keras/folds.csv', ['epoch,loss', '0,2.0', '1,1.5', '2,1.2', '0,2.1', '1,1.6', '2,1.3'].join('\n') + '\n');
  const f = await readSource(join(root, 'keras', 'folds.csv'));
  assert.equal(f.format, 'keras');
  assert.equal(series(f.runs, 'loss').y.length, 6);
  assert.ok(!f.warnings.some((w) => /resumed/.test(w.message)));
});

test("a resumed version's metrics.csv opened or watched by itself is its whole run; a version that is a new run stays alone", async () => {
  const dir = join(root, 'alone', 'lightning_logs');
  put('alone/lightning_logs/version_0/metrics.csv', metrics(every10(9, 99), decay));
  put('alone/lightning_logs/version_1/metrics.csv', metrics(every10(69, 199), (s) => decay(s) - 0.01));
  put('alone/lightning_logs/version_2/metrics.csv', metrics(every10(9, 49), decay));
  const v1 = await readSource(join(dir, 'version_1', 'metrics.csv'));
  assert.deepEqual(v1.runs.map((r) => r.name), ['version_0 (resumed in version_1)']);
  assert.deepEqual(Array.from(series(v1.runs, 'train_loss').x.step!), [...every10(9, 59), ...every10(69, 199)]);
  assert.ok(v1.warnings.some((w) => /^version_0, version_1 are one run resumed/.test(w.message)), JSON.stringify(v1.warnings));
  const v2 = await readSource(join(dir, 'version_2', 'metrics.csv'));
  assert.deepEqual(v2.runs.map((r) => r.name), ['version_2']);
  assert.deepEqual(Array.from(series(v2.runs, 'train_loss').x.step!), every10(9, 49));
  assert.deepEqual(v2.warnings, []);
  // watched: the same run, growing in the newest version
  let last: SourceData | undefined;
  const w = watchSource(join(dir, 'version_1', 'metrics.csv'), (s) => (last = s), { pollMs: 60_000 });
  try {
    await w.refresh();
    assert.deepEqual(last?.runs.map((r) => r.name), ['version_0 (resumed in version_1)']);
    appendFileSync(join(dir, 'version_1', 'metrics.csv'), '0,209,2.2000,\n');
    await w.refresh();
    const steps = Array.from(series(last!.runs, 'train_loss').x.step!);
    assert.deepEqual(steps.slice(-2), [199, 209]);
    assert.equal(steps.length, 6 + 14 + 1);
  } finally {
    w.dispose();
  }
  let alone: SourceData | undefined;
  const w2 = watchSource(join(dir, 'version_2', 'metrics.csv'), (s) => (alone = s), { pollMs: 60_000 });
  try {
    await w2.refresh();
    assert.deepEqual(alone?.runs.map((r) => r.name), ['version_2']);
    assert.ok(!alone!.warnings.some((x) => /resumed/.test(x.message)));
  } finally {
    w2.dispose();
  }
});
