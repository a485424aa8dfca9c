// watchSource follows a file and a folder: updates as the log grows, new runs appear, dispose stops.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceData } from '../../../src/ingest/model/model';
import { watchSource } from '../../../src/ingest/files/watch';

const root = mkdtempSync(join(tmpdir(), 'sl-watch-'));
after(() => rmSync(root, { recursive: true, force: true }));

function points(s: SourceData | undefined, key: string): number[] {
  const v = s?.runs.flatMap((r) => r.series).find((x) => x.key === key);
  return v ? Array.from(v.y) : [];
}

/** A watch of `path` (polled only when refreshed) with the last snapshot and the number of them. */
function watched(path: string): { w: ReturnType<typeof watchSource>; last: () => SourceData | undefined; updates: () => number } {
  let last: SourceData | undefined;
  let updates = 0;
  const w = watchSource(path, (s) => {
    last = s;
    updates++;
  }, { pollMs: 60_000 });
  return { w, last: () => last, updates: () => updates };
}

test('watch a file: each refresh reports the grown series', async () => {
  const path = join(root, 'train.log');
  writeFileSync(path, 'step 1: loss 3.0\n');
  const { w, last, updates } = watched(path);
  try {
    await w.refresh();
    assert.deepEqual(points(last(), 'loss'), [3]);
    appendFileSync(path, 'step 2: loss 2.0\nstep 3: lo');
    await w.refresh();
    assert.deepEqual(points(last(), 'loss'), [3, 2]);
    const before = updates();
    await w.refresh();
    assert.equal(updates(), before, 'no change, no update');
    appendFileSync(path, 'ss 1.5\n');
    await w.refresh();
    assert.deepEqual(points(last(), 'loss'), [3, 2, 1.5]);
    assert.equal(last()?.format, 'text');
  } finally {
    w.dispose();
  }
});

test('watch a folder: a new run appears; a file may not exist yet', async () => {
  const dir = join(root, 'runs');
  mkdirSync(join(dir, 'a'), { recursive: true });
  writeFileSync(join(dir, 'a', 'log.csv'), 'step,loss\n1,3\n');
  let last: SourceData | undefined;
  const w = watchSource(dir, (s) => (last = s), { pollMs: 60_000, rescanMs: 0 });
  try {
    await w.refresh();
    assert.deepEqual(last?.runs.map((r) => r.name), ['a']);
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'log.csv'), 'step,loss\n1,4\n2,3\n');
    appendFileSync(join(dir, 'a', 'log.csv'), '2,2\n');
    await w.refresh();
    assert.deepEqual(last?.runs.map((r) => r.name).sort(), ['a', 'b']);
    const a = last!.runs.find((r) => r.name === 'a')!;
    assert.deepEqual(Array.from(a.series[0].y), [3, 2]);
  } finally {
    w.dispose();
  }
});

test('watch: the poll timer alone picks up growth (fs events are only hints)', { timeout: 30_000 }, async () => {
  const path = join(root, 'poll.csv');
  writeFileSync(path, 'step,loss\n1,3\n');
  let last: SourceData | undefined;
  const got = new Promise<void>((resolve) => {
    const w = watchSource(path, (s) => {
      last = s;
      if (points(s, 'loss').length === 2) {
        w.dispose();
        resolve();
      }
    }, { pollMs: 20 });
    setTimeout(() => appendFileSync(path, '2,2\n'), 30);
  });
  await got;
  assert.deepEqual(points(last, 'loss'), [3, 2]);
});

test('watch a path that does not exist yet: a warning, then data once it appears', async () => {
  const path = join(root, 'later.csv');
  let last: SourceData | undefined;
  const w = watchSource(path, (s) => (last = s), { pollMs: 60_000 });
  try {
    await w.refresh();
    const note = last?.warnings.find((x) => /waiting for it to appear/.test(x.message));
    assert.ok(note);
    // the warning's file names the path; its message does not name it again ("x: cannot read x: …")
    assert.equal(note.file, path);
    assert.ok(!note.message.includes(path), note.message);
    writeFileSync(path, 'step,loss\n1,3\n');
    await w.refresh();
    assert.deepEqual(points(last, 'loss'), [3]);
  } finally {
    w.dispose();
  }
});

test('watch a file that is deleted: a snapshot says it is missing at once, keeps what was read, and the note goes when it is back', async () => {
  const path = join(root, 'deleted.csv');
  writeFileSync(path, 'step,loss\n1,3\n2,2.5\n');
  const { w, last, updates } = watched(path);
  try {
    await w.refresh();
    assert.equal(last()?.missing, undefined);
    const before = updates();
    rmSync(path);
    await w.refresh();
    assert.equal(updates(), before + 1, 'the deletion is news');
    assert.match(last()?.missing ?? '', /no such file/);
    assert.deepEqual(points(last(), 'loss'), [3, 2.5], 'what was read stays');
    // said once, for the path, not again by the file's tail
    await w.refresh();
    const gone = last()?.warnings.map((x) => x.message) ?? [];
    assert.equal(gone.filter((m) => /no such file/.test(m)).length, 1, gone.join(' | '));
    writeFileSync(path, 'step,loss\n1,3\n2,2.5\n3,2.2\n');
    await w.refresh();
    assert.equal(last()?.missing, undefined);
    assert.deepEqual(points(last(), 'loss'), [3, 2.5, 2.2]);
    assert.ok(!last()?.warnings.some((x) => /waiting for it to appear|cannot read the file now/.test(x.message)), last()?.warnings.map((x) => x.message).join(' | '));
  } finally {
    w.dispose();
  }
});

test('watch a rotated log: a new file that carries the run on keeps the points read before; one that starts over replaces them', async () => {
  const { renameSync } = await import('node:fs');
  const path = join(root, 'rotated.csv');
  const rows = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `${from + i},${(3 - 0.001 * (from + i)).toFixed(4)}`).join('\n') + '\n';
  writeFileSync(path, `step,loss\n${rows(1, 300)}`);
  let last: SourceData | undefined;
  const w = watchSource(path, (s) => (last = s), { pollMs: 60_000 });
  try {
    await w.refresh();
    assert.equal(points(last, 'loss').length, 300);
    renameSync(path, `${path}.1`);
    // the new file's header comes first: nothing to judge by yet, what was read stays
    writeFileSync(path, 'step,loss\n');
    await w.refresh();
    assert.equal(points(last, 'loss').length, 300);
    appendFileSync(path, rows(301, 340));
    await w.refresh();
    assert.equal(points(last, 'loss').length, 340, 'the rotated-away points stay before the new ones');
    assert.ok(last?.warnings.some((x) => /^replaced mid-run \(rotated or rewritten\) and carried on from step 301: the 300 points read before are kept/.test(x.message)), last?.warnings.map((x) => x.message).join(' | '));
    appendFileSync(path, rows(341, 350));
    await w.refresh();
    assert.equal(points(last, 'loss').length, 350);
    // a writer that rewrites its whole history, one row longer: the same run, nothing to say
    const said = last!.warnings.length;
    writeFileSync(path, `step,loss\n${rows(1, 351).replace('350,2.6500', '350,2.6501')}`);
    await w.refresh();
    assert.equal(points(last, 'loss').length, 351);
    assert.ok(!last!.warnings.some((x) => /replaced by another run/.test(x.message)), last!.warnings.map((x) => x.message).join(' | '));
    assert.ok(last!.warnings.length <= said + 1);
    // a new run from step 1 in its place
    rmSync(path);
    writeFileSync(path, `step,loss\n${rows(1, 20)}`);
    await w.refresh();
    assert.equal(points(last, 'loss').length, 20);
    assert.ok(last?.warnings.some((x) => /^replaced by another run \(its first step 1 does not carry on the 351 points read before\)/.test(x.message)), last?.warnings.map((x) => x.message).join(' | '));
  } finally {
    w.dispose();
  }
});

test('a stepless log replaced by another run says so (no steps to say it carries the run on, or rewrites it)', async () => {
  const path = join(root, 'stepless.jsonl');
  const lines = (n: number, scale: number): string => Array.from({ length: n }, (_, i) => JSON.stringify({ tokens: (i + 1) * 1e6, loss: scale * (3 - 0.001 * i) })).join('\n') + '\n';
  writeFileSync(path, lines(300, 1));
  const { w, last } = watched(path);
  try {
    await w.refresh();
    rmSync(path);
    writeFileSync(path, lines(20, 1.1));
    await w.refresh();
    assert.ok(last()?.warnings.some((x) => /^replaced by another run/.test(x.message)), last()?.warnings.map((x) => x.message).join(' | '));
  } finally {
    w.dispose();
  }
});

test('watch an HF output_dir: a newer checkpoint replaces the older one; half-written state is not shown', async () => {
  const { readFileSync, rmSync: rm } = await import('node:fs');
  const { fixturePath } = await import('./helpers');
  const full = JSON.parse(readFileSync(fixturePath('trainer_state.json'), 'utf8')) as { log_history: unknown[] };
  const out = join(root, 'hf_out');
  mkdirSync(join(out, 'checkpoint-30'), { recursive: true });
  writeFileSync(join(out, 'checkpoint-30', 'trainer_state.json'), JSON.stringify({ ...full, log_history: full.log_history.slice(0, 4) }));
  let last: SourceData | undefined;
  const w = watchSource(out, (s) => (last = s), { pollMs: 60_000, rescanMs: 0 });
  try {
    await w.refresh();
    assert.deepEqual(points(last, 'eval_loss'), [2.5912926197052]);
    mkdirSync(join(out, 'checkpoint-60'));
    // caught mid-write: a truncated document must not replace what is shown
    writeFileSync(join(out, 'checkpoint-60', 'trainer_state.json'), JSON.stringify(full).slice(0, 200));
    await w.refresh();
    await w.refresh();
    assert.deepEqual(points(last, 'eval_loss'), [2.5912926197052], 'the older checkpoint is still shown');
    assert.equal(last?.runs.length, 1);
    writeFileSync(join(out, 'checkpoint-60', 'trainer_state.json'), JSON.stringify(full));
    rm(join(out, 'checkpoint-30'), { recursive: true, force: true });
    await w.refresh();
    assert.deepEqual(points(last, 'eval_loss'), [2.5912926197052, 2.451951026916504]);
    assert.equal(last?.runs.length, 1);
  } finally {
    w.dispose();
  }
});

test('watch a lightning_logs folder: a resumed run\'s new version joins the run it resumed, and grows there', async () => {
  const dir = join(root, 'pl', 'lightning_logs');
  const rows = (from: number, to: number, off = 0): string => Array.from({ length: (to - from) / 10 + 1 }, (_, i) => `0,${from + 10 * i},${(3 - (from + 10 * i) / 100 + off).toFixed(2)}\n`).join('');
  mkdirSync(join(dir, 'version_0'), { recursive: true });
  writeFileSync(join(dir, 'version_0', 'metrics.csv'), `epoch,step,train_loss\n${rows(9, 99)}`);
  let last: SourceData | undefined;
  const w = watchSource(join(root, 'pl'), (s) => (last = s), { pollMs: 60_000, rescanMs: 0 });
  try {
    await w.refresh();
    assert.deepEqual(last?.runs.map((r) => r.name), ['lightning_logs/version_0']);
    mkdirSync(join(dir, 'version_1'));
    writeFileSync(join(dir, 'version_1', 'metrics.csv'), `epoch,step,train_loss\n${rows(69, 119, -0.5)}`);
    await w.refresh();
    assert.deepEqual(last?.runs.map((r) => r.name), ['lightning_logs/version_0 (resumed in version_1)']);
    assert.equal(points(last, 'train_loss').length, 6 + 6, 'steps 9…59 of version_0, 69…119 of version_1');
    appendFileSync(join(dir, 'version_1', 'metrics.csv'), rows(129, 149, -0.5));
    await w.refresh();
    const y = points(last, 'train_loss');
    assert.equal(y.length, 6 + 9);
    assert.equal(y[y.length - 1], Number((3 - 1.49 - 0.5).toFixed(2)));
  } finally {
    w.dispose();
  }
});

test('watch a folder with a dangling link and a link loop: each warning names its link, not the folder', async () => {
  const dir = join(root, 'links');
  mkdirSync(join(dir, 'a'), { recursive: true });
  writeFileSync(join(dir, 'a', 'log.csv'), 'step,loss\n1,3\n2,2.5\n');
  symlinkSync('..', join(dir, 'a', 'up'));
  symlinkSync('../nowhere', join(dir, 'a', 'gone'));
  const { w, last } = watched(dir);
  try {
    await w.refresh();
    const ws = last()?.warnings ?? [];
    assert.ok(ws.some((x) => x.file === join(dir, 'a', 'gone') && /symbolic link not followed: no such file or folder/.test(x.message)), JSON.stringify(ws));
    assert.ok(ws.some((x) => x.file === join(dir, 'a', 'up') && /already read/.test(x.message)), JSON.stringify(ws));
    assert.deepEqual(points(last(), 'loss'), [3, 2.5]);
  } finally {
    w.dispose();
  }
});
