// Issue 10 items 6–12: unlucky and hostile input at the file layer and the CLI edge. Each test
// fails without its fix.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { watchSource } from '../../../src/ingest/files/watch';
import { FileTail } from '../../../src/ingest/files/tail';
import { formatById } from '../../../src/ingest/formats/index';
import { parseArgs } from '../../../src/cli/args';
import { terminalSafe } from '../../../src/cli/terminalText';
import { errnoMessage } from '../../../src/cli/errnoMessage';
import { inspectText } from '../../../src/cli/commands/inspect';
import { sourceCurves } from '../../../src/cli/sourceCurves';
import { MAX_KEY_CHARS, MAX_SERIES } from '../../../src/ingest/model/runBuilder';
import { prepareCurve } from '../../../src/core/validate';
import { toCsv } from '../../../src/extension/export/serialize';
import type { SourceData } from '../../../src/ingest/model/model';
import { fixtureText } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

function write(name: string, text: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

function series(src: SourceData, key: string): { x: Float64Array | undefined; y: Float64Array } {
  const s = src.runs.flatMap((r) => r.series).find((q) => q.key === key);
  assert.ok(s, `series ${key} in ${src.runs.flatMap((r) => r.series.map((q) => q.key)).join(', ')}`);
  return { x: s.x.step, y: s.y };
}

// --- item 6: a header that reappears mid-file with other columns

function headerGrowthCsv(rows: number): string {
  let t = 'step,loss\n';
  for (let i = 1; i <= rows; i++) t += `${i},${(2 + 1 / i).toFixed(6)}\n`;
  t += 'step,lr,loss\n';
  for (let i = rows + 1; i <= 2 * rows; i++) t += `${i},0.0003,${(2 + 1 / i).toFixed(6)}\n`;
  return t;
}

test('header growth mid-file (step,loss … step,lr,loss): later rows read loss from the loss column', async () => {
  const p = write('growth/metrics.csv', headerGrowthCsv(50));
  const src = await readSource(p);
  const loss = series(src, 'loss');
  assert.equal(loss.y.length, 100);
  for (const v of loss.y) assert.ok(v > 2 && v < 3.01, `loss ${v} came from another column`);
  assert.equal(series(src, 'lr').y.length, 50);
  assert.ok(src.warnings.some((w) => /header changed/.test(w.message) && w.line === 52));
});

test('header growth: the Lightning fixtures appended (wider header mid-file) read each part by its own header', async () => {
  const text = fixtureText('metrics.before_header_growth.csv') + fixtureText('metrics.csv');
  const p = write('growth2/metrics.csv', text);
  const src = await readSource(p);
  const step = series(src, 'train_loss_step');
  // every train_loss_step value is a loss (~1–5), never a step or an epoch
  for (const v of step.y) assert.ok(v > 0.5 && v < 10, `train_loss_step ${v}`);
  assert.ok(series(src, 'val_loss').y.length > 0);
});

test('header growth through the tail (append path) and chunked pushes', async () => {
  const p = write('growth3/log.csv', 'step,loss\n1,2.5\n2,2.4\n');
  const tail = new FileTail(p, formatById('csv')!);
  await tail.poll();
  appendFileSync(p, 'step,lr,loss\n3,0.001,2.3\n4,0.001,2.2\n');
  await tail.poll();
  const loss = tail.runs()[0].series.find((s) => s.key === 'loss')!;
  assert.deepEqual([...loss.y], [2.5, 2.4, 2.3, 2.2]);
  // the same bytes pushed one byte at a time take the string path
  const d = formatById('csv')!.createDecoder('x.csv');
  const bytes = new TextEncoder().encode(headerGrowthCsv(5));
  for (let i = 0; i < bytes.length; i++) d.push(bytes.subarray(i, i + 1));
  d.end();
  const y = d.runs()[0].series.find((s) => s.key === 'loss')!.y;
  for (const v of y) assert.ok(v > 2 && v < 3.01);
});

test('fit on a header-growth CSV reads loss from the loss column (sourceCurves → points)', async () => {
  const p = write('growth4/train.log.csv', headerGrowthCsv(40));
  const loaded = await sourceCurves({ path: p, yCol: 'loss', groupCols: [], format: 'csv' });
  const ys = loaded.curves[0].points.map((q) => q.y);
  assert.equal(ys.length, 80);
  assert.ok(ys.every((v) => v > 2 && v < 3.01));
});

// --- items 8 and 10: anything not a regular file or folder, errno errors

test('a named pipe is refused at once with one line (never opened)', { skip: process.platform === 'win32' }, async () => {
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  const t0 = Date.now();
  await assert.rejects(readSource(fifo), (e: Error) => /named pipe \(FIFO\)/.test(e.message) && !e.message.includes('\n'));
  await assert.rejects(readSource(fifo, { format: 'text' }), /named pipe/);
  assert.ok(Date.now() - t0 < 2000);
});

test('/dev/zero and /dev/null (character devices) are refused, not read forever', { skip: process.platform === 'win32' }, async () => {
  await assert.rejects(readSource('/dev/zero', { format: 'text' }), /character device/);
  await assert.rejects(readSource('/dev/null'), /character device/);
});

test('a socket is refused', { skip: process.platform === 'win32' }, async () => {
  const net = await import('node:net');
  const sock = join(dir, 's.sock');
  const server = net.createServer().listen(sock);
  await new Promise((r) => server.once('listening', r));
  try {
    await assert.rejects(readSource(sock), /socket/);
  } finally {
    server.close();
  }
});

test('ENOENT, ENOTDIR, ELOOP, EACCES: one-line messages naming the path', async () => {
  await assert.rejects(readSource(join(dir, 'nope.csv')), /no such file or folder/);
  const f = write('plain.csv', 'step,loss\n1,2\n');
  await assert.rejects(readSource(join(f, 'child')), /not a folder/);
  const a = join(dir, 'loopA');
  const b = join(dir, 'loopB');
  symlinkSync(b, a);
  symlinkSync(a, b);
  await assert.rejects(readSource(a), /symbolic links/);
  if (!isRoot) {
    const locked = write('locked.csv', 'step,loss\n1,2\n');
    chmodSync(locked, 0o000);
    await assert.rejects(readSource(locked), (e: Error) => /permission denied/.test(e.message) && !e.message.includes('EACCES'));
  }
});

test('errnoMessage: Node system errors become one line; other errors are not mapped', () => {
  const e = Object.assign(new Error("ESPIPE: invalid seek, read"), { code: 'ESPIPE', path: '/dev/fd/63' });
  assert.equal(errnoMessage(e), 'cannot read /dev/fd/63: is a pipe or stream, not a file (save it to a file first)');
  assert.equal(errnoMessage(Object.assign(new Error('x'), { code: 'EISDIR' })), 'is a folder, not a file (EISDIR)');
  assert.equal(errnoMessage(new RangeError('boom')), undefined);
});

const cli = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');
function runCli(args: string[], input?: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8', input, timeout: 20000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('CLI: inspect /dev/stdin fed by a pipe and a FIFO exit non-zero at once with one line, no stack', { skip: process.platform === 'win32' }, () => {
  const r = runCli(['inspect', '/dev/stdin'], 'step,loss\n1,2\n');
  assert.notEqual(r.code, 0);
  assert.equal(r.err.trim().split('\n').length, 1, r.err);
  assert.match(r.err, /pipe|socket|not a regular file/);
  assert.doesNotMatch(r.err, /internal error|at /);
  const fifo = join(dir, 'pipe2');
  execFileSync('mkfifo', [fifo]);
  const f = runCli(['fit', fifo, '--y', 'loss']);
  assert.equal(f.code, 2);
  assert.match(f.err, /named pipe/);
});

test('CLI: options before PATH (inspect --format csv FILE)', () => {
  const p = write('opts.csv', 'step,loss\n1,2\n2,1.5\n');
  const r = runCli(['inspect', '--format', 'csv', p]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /format: csv/);
  const a = parseArgs(['--format', 'csv', 'FILE'], ['format'], []);
  assert.deepEqual(a.positional, ['FILE']);
  const b = parseArgs(['--target', '1e9', '1e10', 'FILE'], ['target'], []);
  assert.deepEqual(b.positional, ['FILE']);
  assert.deepEqual(b.flags.get('target'), ['1e9', '1e10']);
  const c = parseArgs(['FILE', '--target', '1e9', '1e10'], ['target'], []);
  assert.deepEqual(c.flags.get('target'), ['1e9', '1e10']);
});

test('watch on a FIFO: one line at once, and stops on abort (Ctrl-C)', { skip: process.platform === 'win32' }, async () => {
  const fifo = join(dir, 'pipe3');
  execFileSync('mkfifo', [fifo]);
  const { runWatch } = await import('../../../src/cli/commands/watch');
  await assert.rejects(runWatch([fifo]), /named pipe/);
  // the CLI process too: refused, exit 2, well before any timeout
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'watch', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code, 2);
  assert.match(err, /named pipe/);
});

test('CLI: a FIFO where a table or a fit file is read (fit --x/--y, benchmark, allocate --from, schedule predict --from, forecast --prior) is refused at once, not waited on', { skip: process.platform === 'win32' }, () => {
  const fifo = join(dir, 'pipe4.csv');
  execFileSync('mkfifo', [fifo]);
  const run = write('sched.csv', 'step,lr,loss\n1,1e-4,3\n2,1e-4,2.9\n');
  for (const args of [['fit', fifo, '--x', 'a', '--y', 'b'], ['benchmark', fifo], ['allocate', '--budget', '1e21', '--from', fifo], ['schedule', 'predict', '--from', fifo, run], ['forecast', run, '--prior', fifo]]) {
    const r = runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, /named pipe \(FIFO\)/, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
});

test('CLI: a missing file, or a folder, where a table or a fit file is read is said in words, not as ENOENT or EISDIR', () => {
  const missing = join(dir, 'missing.csv');
  const run = write('sched2.csv', 'step,lr,loss\n1,1e-4,3\n2,1e-4,2.9\n');
  const cases: [string[], RegExp][] = [
    [['fit', missing, '--x', 'a', '--y', 'b'], /cannot read .*missing\.csv: no such file or folder$/],
    [['benchmark', dir], /is a folder, not a file$/],
    [['allocate', '--budget', '1e21', '--from', missing], /cannot read .*missing\.csv: no such file or folder$/],
    [['schedule', 'predict', '--from', missing, run], /cannot read .*missing\.csv: no such file or folder$/],
    [['forecast', run, '--prior', dir], /is a folder, not a file$/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err.trim(), message, args.join(' '));
    assert.doesNotMatch(r.err, /\bE[A-Z]{3,}\b/, args.join(' '));
  }
});

test('CLI: watch whose reader has gone (| head -1) stops at its next line, exit 0, no EPIPE stack', { skip: process.platform === 'win32', timeout: 60_000 }, async () => {
  const log = write('growing.csv', 'step,loss\n' + Array.from({ length: 8 }, (_, i) => `${i + 1},${(3 - 0.1 * i).toFixed(2)}`).join('\n') + '\n');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'watch', log, '--poll', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  // the first line read, the reader goes, as head -1 does
  await new Promise<void>((r) => child.stdout.once('data', () => r()));
  child.stdout.destroy();
  // the log grows: the watch has something to say, and nobody to say it to
  let step = 9;
  const grow = setInterval(() => appendFileSync(log, `${step++},${(3 - 0.1 * step).toFixed(2)}\n`), 200);
  const timer = setTimeout(() => child.kill(), 30_000);
  const code = await exited;
  clearInterval(grow);
  clearTimeout(timer);
  assert.equal(code, 0, err);
  assert.doesNotMatch(err, /EPIPE|at /);
});

// --- item 9: MLflow

test('one malformed line in an MLflow metric file: the run stays, the line is skipped with a warning', async () => {
  const run = join(dir, 'mlruns', '0', 'abc123');
  write('mlruns/0/abc123/meta.yaml', 'run_name: good-run\n');
  write('mlruns/0/abc123/metrics/loss', '1718000000000 2.5 1\n1718000001000 2.4 2\n17180000020\x00garbage\n1718000003000 2.2 4\n');
  write('mlruns/0/abc123/metrics/acc', '1718000000000 0.5 1\n');
  const src = await readSource(join(dir, 'mlruns'));
  const r = src.runs.find((x) => x.series.some((s) => s.key === 'loss'));
  assert.ok(r, `runs: ${src.runs.map((x) => x.name)}`);
  assert.deepEqual([...r.series.find((s) => s.key === 'loss')!.y], [2.5, 2.4, 2.2]);
  assert.ok(src.warnings.some((w) => w.file.endsWith('loss') && w.line === 3));
  void run;
});

// --- item 11: control characters, long keys, key explosions, CSV formulas

test('terminalSafe escapes ESC, CR, C1 and bidi overrides; inspect text shows them escaped', async () => {
  assert.equal(terminalSafe('a\x1b]0;pwned\x07b\r\u202e'), 'a\\x1b]0;pwned\\x07b\\r\\u202e');
  assert.equal(terminalSafe('a\nb', true), 'a\nb');
  const p = write('ctl.csv', 'step,lo\x1b[2Kss\n1,2\n2,1\n');
  const text = inspectText(await readSource(p)).answer;
  assert.ok(!/[\x00-\x09\x0b-\x1f\x7f]/.test(text), JSON.stringify(text));
  assert.match(text, /lo\\x1b\[2Kss/);
});

test('a 10,000-character column name is cut at ingest with a warning naming the limit', async () => {
  const long = 'x'.repeat(10_000);
  const p = write('long.csv', `step,${long}\n1,2\n2,1\n`);
  const src = await readSource(p);
  const keys = src.runs[0].series.map((s) => s.key);
  assert.equal(keys.length, 1);
  assert.equal(keys[0].length, MAX_KEY_CHARS);
  assert.ok(keys[0].endsWith('…'));
  assert.ok(src.warnings.some((w) => w.message.includes(`longer than ${MAX_KEY_CHARS} characters`)));
});

test('key explosion: distinct keys past the cap are dropped with a warning, memory bounded', async () => {
  const lines: string[] = [];
  for (let i = 0; i < MAX_SERIES + 2_000; i++) lines.push(`{"step": ${i}, "m_${i}": 1.5}`);
  const p = write('explode.jsonl', `${lines.join('\n')}\n`);
  const src = await readSource(p);
  const n = src.runs.reduce((a, r) => a + r.series.length, 0);
  assert.equal(n, MAX_SERIES);
  assert.ok(src.warnings.some((w) => /more than 10000 distinct series keys: (at least )?2000 more/.test(w.message)), JSON.stringify(src.warnings));
});

test('exported CSV neutralises cells starting = + - @', () => {
  const a = { fitPoints: [{ x: 1, y: 2 }], heldOutPoints: [], estimators: [] } as never;
  const csv = toCsv({ source: 's', xColumn: '=cmd|x', yColumn: '@sum', curves: [{ id: 'c', label: '+run', analysis: a }], lawOf: () => undefined } as never);
  assert.ok(!/(^|,)[=+\-@]/m.test(csv.replace(/(^|,)-?\d/gm, '$1')), csv);
  assert.match(csv, /'=cmd\|x/);
  assert.match(csv, /'\+run/);
});

// --- item 12

test('losses around 1e-12 are not "constant" (relative tolerance)', () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = x.map((v) => 1e-12 * (1 + 1 / v));
  assert.doesNotThrow(() => prepareCurve(x, y, 3, 'M2'));
  assert.throws(() => prepareCurve(x, x.map(() => 1e-12), 3, 'M2'), /constant/);
});

function utf16le(text: string, bom: boolean): Uint8Array {
  const b = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), b]) : b;
}

test('UTF-16 logs (LE with BOM, BE with BOM, LE without BOM) are decoded', async () => {
  const text = 'step,loss\r\n1,2.5\r\n2,2.25\r\n3,2.125\r\n';
  const le = await readSource(write('u16le.csv', utf16le(text, true)));
  assert.deepEqual([...series(le, 'loss').y], [2.5, 2.25, 2.125]);
  const beBytes = Buffer.from(utf16le(text, false));
  beBytes.swap16();
  const be = await readSource(write('u16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes])));
  assert.deepEqual([...series(be, 'loss').y], [2.5, 2.25, 2.125]);
  const noBom = await readSource(write('u16nobom.log', utf16le('step 1 loss 2.5\nstep 2 loss 2.25\n', false)));
  assert.equal(series(noBom, 'loss').y.length, 2);
  // PowerShell `>` of a text log, read with --format text
  const forced = await readSource(write('ps.txt', utf16le('step 1 loss 2.5\nstep 2 loss 2.25\n', true)), { format: 'text' });
  assert.equal(series(forced, 'loss').y.length, 2);
});

test('a forced format that finds nothing says so (never 0 series in silence)', async () => {
  const src = await readSource(write('nothing.txt', 'hello world\nno numbers here\n'), { format: 'text' });
  assert.equal(src.runs.reduce((a, r) => a + r.series.length, 0), 0);
  assert.ok(src.warnings.length > 0);
});

test('symlinked files and folders are followed (a cycle is not); folders deeper than 8 levels are warned about', async () => {
  const real = write('real/run1/metrics.csv', 'step,loss\n1,2\n2,1\n');
  const root = join(dir, 'linked');
  mkdirSync(join(root, 'runA'), { recursive: true });
  symlinkSync(real, join(root, 'runA', 'metrics.csv'));
  symlinkSync(join(dir, 'real', 'run1'), join(root, 'runB'));
  symlinkSync(root, join(root, 'runB-loop')); // a cycle back to the root
  let deep = join(root, 'deep');
  for (let i = 0; i < 10; i++) deep = join(deep, `d${i}`);
  mkdirSync(deep, { recursive: true });
  writeFileSync(join(deep, 'metrics.csv'), 'step,loss\n1,2\n');
  const src = await readSource(root);
  assert.equal(src.runs.length, 2, src.runs.map((r) => r.name).join(', '));
  assert.ok(src.warnings.some((w) => /already read/.test(w.message)));
  assert.ok(src.warnings.some((w) => /deeper than 8 levels/.test(w.message)));
});

test('watch: a watched folder replaced by a file is re-discovered, not stuck on ENOTDIR', async () => {
  const p = join(dir, 'swap');
  mkdirSync(p);
  writeFileSync(join(p, 'metrics.csv'), 'step,loss\n1,2\n');
  const seen: SourceData[] = [];
  const h = watchSource(p, (s) => seen.push(s), { pollMs: 20, rescanMs: 20 });
  try {
    await h.refresh();
    assert.ok(seen.at(-1)!.runs.length === 1);
    rmSync(p, { recursive: true });
    writeFileSync(p, 'step,loss\n1,3\n2,2.5\n3,2\n');
    for (let i = 0; i < 50 && !(seen.at(-1)!.runs[0]?.series[0]?.y.length === 3); i++) {
      await new Promise((r) => setTimeout(r, 20));
      await h.refresh();
    }
    const last = seen.at(-1)!;
    assert.equal(last.runs[0]?.series[0]?.y.length, 3, JSON.stringify(last.warnings));
    assert.ok(last.warnings.some((w) => /was a folder and is now a file/.test(w.message)));
  } finally {
    h.dispose();
  }
});

test('SQLite change stamp: a whole-file read that sees the file change is retried', async () => {
  const { changeStamp } = await import('../../../src/ingest/files/snapshot');
  const p = write('stamp.db', Buffer.alloc(100));
  const a = await changeStamp(p);
  const b = Buffer.alloc(100);
  b.writeUInt32BE(7, 24);
  writeFileSync(p, b);
  assert.notEqual(await changeStamp(p), a);
  void readFileSync;
});

test('a text format forced on bytes that are no text says so, without reading every byte as cells', async () => {
  const bytes = new Uint8Array(200_000);
  let s = 7;
  for (let i = 0; i < bytes.length; i++) bytes[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
  const p = write('random.csv', bytes);
  for (const format of ['csv', 'jsonl', 'text'] as const) {
    const src = await readSource(p, { format });
    assert.equal(src.runs.length, 0, format);
    assert.match(src.warnings.map((w) => w.message).join('\n'), new RegExp(`^not text \\(a NUL byte or control characters in its first 4 KB\\), so not ${format} \\(--format\\)`), format);
  }
  // UTF-16 text forced as CSV is still read
  const utf16 = write('utf16.csv', Buffer.from('\ufeffstep,loss\n1,2.5\n2,2.1\n3,1.9\n', 'utf16le'));
  const read = await readSource(utf16, { format: 'csv' });
  assert.equal(read.runs[0]?.series[0]?.y.length, 3);
});
