// Ingestion benchmark: throughput per format on generated files (≥ 200 MB each by default), the
// cost of reading one appended line as the file grows 1 MB → 1 GB (must stay flat), and memory —
// each against a naive baseline (readFileSync + split) measured in the same run.
// Env: BENCH_MB (default 200) sets the throughput file size; BENCH_GROWTH_MAX_MB (default 1024);
// BENCH_FORMATS (comma-separated format ids, e.g. "csv,keras") limits the throughput cases, and
// BENCH_GROWTH_MAX_MB=0 skips the growth section — for iterating on one parser.
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatById } from '../src/ingest/formats/index';
import type { FormatId } from '../src/ingest/model/model';
import { decodeFile } from '../src/ingest/files/read';
import { FileTail } from '../src/ingest/files/tail';

const MB = 1 << 20;
const SIZE_MB = Number(process.env.BENCH_MB ?? 200);
const GROWTH_MAX_MB = Number(process.env.BENCH_GROWTH_MAX_MB ?? 1024);
const ONLY = (process.env.BENCH_FORMATS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (format: string): boolean => ONLY.length === 0 || ONLY.includes(format);
const dir = mkdtempSync(join(tmpdir(), 'sl-bench-ingest-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function cleanup(): void {
  rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

/** Writes rows from `row(i)` until the file reaches `bytes`; returns the path. */
function generate(name: string, bytes: number, header: string, row: (i: number) => string): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  let written = 0;
  if (header) written += writeSync(fd, header);
  let i = 0;
  while (written < bytes) {
    const parts: string[] = [];
    let len = 0;
    while (len < 4 * MB) {
      const r = row(i++);
      parts.push(r);
      len += r.length;
    }
    written += writeSync(fd, parts.join(''));
  }
  closeSync(fd);
  return path;
}

const f17 = (i: number): string => (3 + Math.sin(i) / (1 + i / 1e5)).toString(); // float64 repr, up to 17 digits
const f32 = (i: number): string => Math.fround(2 + Math.cos(i)).toString();

interface Case {
  format: FormatId;
  /** The report's name for it, when not its format's. */
  label?: string;
  file: string;
  header: string;
  row: (i: number) => string;
  /** What a naive reader does with the whole file: readFileSync, split lines, parse every cell. */
  naive: (text: string) => number;
  mb?: number;
}

const naiveCsv = (text: string): number => {
  let n = 0;
  for (const line of text.split('\n')) for (const c of line.split(',')) if (c !== '' && !Number.isNaN(Number(c))) n++;
  return n;
};

const cases: Case[] = [
  {
    format: 'lightning',
    file: 'metrics.csv',
    header: 'epoch,step,train_loss_epoch,train_loss_step,val_acc,val_loss\r\n',
    row: (i) => (i % 20 === 19 ? `${i >> 12},${i * 25},,,${f32(i)},${f17(i)}\r\n` : `${i >> 12},${i * 25},,${f17(i)},,\r\n`),
    naive: naiveCsv,
  },
  {
    format: 'keras',
    file: 'training.log',
    header: 'epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\r\n',
    row: (i) => `${i},${f32(i)},0.0010000000474974513,${f17(i)},${f32(i + 1)},${f17(i + 1)}\r\n`,
    naive: naiveCsv,
  },
  {
    format: 'csv',
    file: 'short.csv',
    header: 'step,loss,lr\n',
    row: (i) => `${i},${(2 + 1 / (1 + i)).toFixed(4)},${(0.001 * (1 + (i % 7))).toFixed(6)}\n`,
    naive: naiveCsv,
  },
  {
    format: 'rnsl-benchmark',
    file: 'benchmark.csv',
    header: 'Domain,Task,Model,Seen Examples,Loss,Training\n',
    row: (i) => `NMT,log_perplexity,"6 Enc, ${i % 8} Dec",${(i % 1000) * 500000}.0,${f17(i)},${i % 4 === 3 ? 0 : 1}\n`,
    naive: naiveCsv,
  },
  {
    format: 'jsonl',
    file: 'metrics.json',
    header: '',
    row: (i) => `{"data_time": 0.008, "eta_seconds": ${3503 - i}, "iteration": ${i}, "loss": ${f17(i)}, "loss_cls": ${f17(i + 3)}, "lr": 0.02, "time": 0.25}\n`,
    naive: (text) => {
      let n = 0;
      for (const line of text.split('\n')) if (line) n += Object.keys(JSON.parse(line) as object).length;
      return n;
    },
  },
  {
    format: 'mlflow',
    file: 'mlruns/0/r/metrics/loss',
    header: '',
    row: (i) => `${1718000009078 + i * 1000} ${f17(i)} ${i * 100}\n`,
    naive: (text) => {
      let n = 0;
      for (const line of text.split('\n')) if (line) n += line.split(' ').map(Number).length;
      return n;
    },
  },
  {
    format: 'text',
    file: 'train.log',
    header: 'tokens per iteration will be: 16,384\n',
    row: (i) =>
      i % 10 === 0
        ? `step ${i}: train loss ${(2 + 1 / (1 + i)).toFixed(4)}, val loss ${(2.1 + 1 / (1 + i)).toFixed(4)}\n`
        : `[titan] 2025-06-10 12:00:07,614 - root - INFO - \x1b[31mstep: ${i}  \x1b[32mloss: ${(3 + Math.sin(i)).toFixed(5)}  \x1b[34mtps: 6,854  \x1b[35mmfu: 40.70%\x1b[39m\n`,
    naive: (text) => {
      // what a per-format regex reader would do
      let n = 0;
      const re = /([A-Za-z_][\w ]*?):?\s+(-?[\d.]+)/g;
      for (const line of text.split('\n')) for (const _m of line.matchAll(re)) n++;
      return n;
    },
  },
  {
    // the HF Trainer's stdout: its tqdm bar redrawn every 0.1 s (no postfix), a dict line written
    // over it every other drawing; the bar's count gives the dict lines their step
    format: 'text',
    label: 'text (HF bar)',
    file: 'hf_stdout.log',
    header: '',
    row: (i) => {
      const bar = `\r${String(Math.floor(i / 1e5) % 100).padStart(3)}%|▌         | ${i}/10000000 [00:10<03:20,  4.75it/s]`;
      return i % 2 === 0 ? `${bar}\r${' '.repeat(60)}\r{'loss': ${(2 + 1 / (1 + i)).toFixed(4)}, 'grad_norm': 1.5123, 'learning_rate': 4.5e-05, 'epoch': ${(i / 1e7).toFixed(2)}}\n` : bar;
    },
    naive: (text) => {
      // the last drawing of each line, then the regex reader above
      let n = 0;
      const re = /([A-Za-z_][\w ]*?):?\s+(-?[\d.]+)/g;
      for (const line of text.split('\n')) for (const _m of line.slice(line.lastIndexOf('\r') + 1).matchAll(re)) n++;
      return n;
    },
  },
];

function fmtMBs(bytes: number, ms: number): string {
  return `${(bytes / MB / (ms / 1000)).toFixed(1)} MB/s`;
}

async function throughput(): Promise<void> {
  console.log(`\n-- throughput (files of ${SIZE_MB} MB; best of 2 runs; baseline = readFileSync + split + parse every cell)`);
  console.log('format           size      ours          naive         ratio   points      heapUsed after  rss after');
  for (const c of cases) {
    if (!wanted(c.format)) continue;
    const path = generate(c.file.replace(/\//g, '_'), SIZE_MB * MB, c.header, c.row);
    const size = statSync(path).size;
    const format = formatById(c.format)!;
    let best = Infinity;
    let points = 0;
    let heap = 0;
    let rss = 0;
    for (let rep = 0; rep < 2; rep++) {
      gc();
      const t = performance.now();
      const r = await decodeFile(path, format);
      best = Math.min(best, performance.now() - t);
      points = r.runs.reduce((n, run) => n + run.series.reduce((m, s) => m + s.y.length, 0), 0);
      const mu = process.memoryUsage();
      heap = mu.heapUsed;
      rss = mu.rss;
    }
    gc();
    let naiveMs = Infinity;
    try {
      const t = performance.now();
      c.naive(readFileSync(path, 'utf8'));
      naiveMs = performance.now() - t;
    } catch (err) {
      console.log(`  (naive baseline failed: ${(err as Error).message})`);
    }
    gc();
    console.log(
      `${(c.label ?? c.format).padEnd(16)} ${`${(size / MB).toFixed(0)} MB`.padEnd(9)} ${fmtMBs(size, best).padEnd(13)} ${(Number.isFinite(naiveMs) ? fmtMBs(size, naiveMs) : 'n/a').padEnd(13)} ${(Number.isFinite(naiveMs) ? `${(naiveMs / best).toFixed(2)}x` : '').padEnd(7)} ${String(points).padEnd(11)} ${`${(heap / MB).toFixed(0)} MB`.padEnd(15)} ${(rss / MB).toFixed(0)} MB`,
    );
    rmSync(path, { force: true });
  }
  // a whole-document format: HF trainer_state.json is small in practice (KBs–MBs); 50 MB is a stress case
  if (!wanted('hf-trainer-state')) return;
  const entries: string[] = [];
  for (let i = 0; i < 300_000; i++) entries.push(`    {\n      "epoch": ${i / 1000},\n      "grad_norm": ${f17(i)},\n      "learning_rate": 4.5e-05,\n      "loss": ${f17(i + 1)},\n      "num_input_tokens_seen": ${i * 4096},\n      "step": ${i * 10}\n    }`);
  const doc = `{\n  "global_step": ${300_000 * 10},\n  "log_history": [\n${entries.join(',\n')}\n  ]\n}\n`;
  const hfPath = join(dir, 'trainer_state.json');
  appendFileSync(hfPath, doc);
  const size = statSync(hfPath).size;
  gc();
  let t = performance.now();
  const r = await decodeFile(hfPath, formatById('hf-trainer-state')!);
  const ours = performance.now() - t;
  gc();
  t = performance.now();
  const parsed = JSON.parse(readFileSync(hfPath, 'utf8')) as { log_history: unknown[] };
  const naive = performance.now() - t;
  console.log(`hf-trainer-state ${`${(size / MB).toFixed(0)} MB`.padEnd(9)} ${fmtMBs(size, ours).padEnd(13)} ${fmtMBs(size, naive).padEnd(13)} ${`${(naive / ours).toFixed(2)}x`.padEnd(7)} ${String(r.runs[0].series.reduce((m, s) => m + s.y.length, 0)).padEnd(11)} (naive = JSON.parse only; ${parsed.log_history.length} entries)`);
  rmSync(hfPath, { force: true });
}

/** Grows a file to `bytes` of MLflow lines quickly (one 4 MB block repeated). */
function growTo(path: string, bytes: number): void {
  const block: string[] = [];
  let len = 0;
  for (let i = 0; len < 4 * MB; i++) {
    const line = `${1718000009078 + i} ${f17(i)} ${i}\n`;
    block.push(line);
    len += line.length;
  }
  const text = Buffer.from(block.join(''));
  const fd = openSync(path, 'a');
  let size = statSync(path).size;
  while (size < bytes) size += writeSync(fd, text);
  closeSync(fd);
}

async function appendCost(): Promise<void> {
  console.log('\n-- cost of reading one appended line as the file grows (MLflow metric file; median of 200 appends)');
  console.log('file size   ours: poll+read+decode   heap growth following   naive: readFileSync+split+parse last line   ratio');
  const path = join(dir, 'growing_metric');
  appendFileSync(path, '');
  const format = formatById('mlflow')!;
  const sizes = [1, 10, 100, 1024].filter((s) => s <= GROWTH_MAX_MB);
  for (const sMB of sizes) {
    growTo(path, sMB * MB);
    // follow from the current end: the cost of one poll must not depend on what came before
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const tail = new FileTail(path, format, { startAt: statSync(path).size });
    await tail.poll();
    const times: number[] = [];
    for (let k = 0; k < 200; k++) {
      appendFileSync(path, `${1718000009078 + k} ${f17(k)} ${k}\n`);
      const t = performance.now();
      await tail.poll();
      times.push(performance.now() - t);
    }
    const got = tail.runs()[0].series[0].y.length;
    if (got !== 200) throw new Error(`tail read ${got} of 200 appended lines`);
    times.sort((a, b) => a - b);
    const ours = times[100];
    gc();
    const heapFollow = process.memoryUsage().heapUsed - heapBefore;
    let naive = NaN;
    let naiveNote = '';
    if (sMB <= 100) {
      const nt: number[] = [];
      for (let k = 0; k < (sMB >= 100 ? 3 : 10); k++) {
        appendFileSync(path, `${1718000009078 + k} ${f17(k)} ${k}\n`);
        const t = performance.now();
        const lines = readFileSync(path, 'utf8').split('\n');
        const last = lines[lines.length - 2].split(' ').map(Number);
        if (last.length !== 3) throw new Error('naive parse failed');
        nt.push(performance.now() - t);
      }
      nt.sort((a, b) => a - b);
      naive = nt[Math.floor(nt.length / 2)];
    } else naiveNote = 'not run (a 1 GB file exceeds V8\'s max string length)';
    console.log(`${`${sMB} MB`.padEnd(11)} ${`${(ours * 1000).toFixed(0)} µs`.padEnd(24)} ${`${(heapFollow / MB).toFixed(1)} MB`.padEnd(23)} ${(Number.isNaN(naive) ? naiveNote : `${naive.toFixed(1)} ms`).padEnd(44)} ${Number.isNaN(naive) ? '' : `${(naive / ours).toFixed(0)}x`}`);
  }
  gc();
  const mu = process.memoryUsage();
  console.log(`memory after the 1 GB follow: rss ${(mu.rss / MB).toFixed(0)} MB, heapUsed ${(mu.heapUsed / MB).toFixed(0)} MB (file: ${(statSync(path).size / MB).toFixed(0)} MB)`);
  rmSync(path, { force: true });
}

async function main(): Promise<void> {
  console.log(`ingest bench: tmp dir ${dir}`);
  await throughput();
  if (GROWTH_MAX_MB > 0) await appendCost();
  console.log(`\npeak rss over the whole bench: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

main().then(
  () => cleanup(),
  (err: unknown) => {
    console.error(err);
    cleanup();
    process.exitCode = 1;
  },
);
