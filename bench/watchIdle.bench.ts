// Idle cost of watching a big MLflow FileStore: 200 runs × 20 metrics (4,000 metric files plus
// meta.yaml files), nothing changing. Reports CPU time per second of wall time (process.cpuUsage)
// while watchSource polls, beside a naive baseline measured in the same run: stat every file every
// poll (the floor of a design that polls each file). Measured once the first read is done and the
// idle back-off has set in. Env: BENCH_RUNS (200), BENCH_METRICS (20),
// BENCH_POLL_MS (1000), BENCH_SECONDS (10).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchSource } from '../src/ingest/files/watch';

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const METRICS = Number(process.env.BENCH_METRICS ?? 20);
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const root = mkdtempSync(join(tmpdir(), 'sl-bench-watch-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

const files: string[] = [];
const store = join(root, 'mlruns', '0');
for (let r = 0; r < RUNS; r++) {
  const run = join(store, `run${String(r).padStart(4, '0')}`);
  mkdirSync(join(run, 'metrics'), { recursive: true });
  writeFileSync(join(run, 'meta.yaml'), `run_name: run-${r}\nrun_id: run${r}\n`);
  for (let m = 0; m < METRICS; m++) {
    const p = join(run, 'metrics', `metric_${m}`);
    let text = '';
    for (let s = 0; s < 50; s++) text += `${1718000000000 + s * 1000} ${(3 / (1 + s)).toFixed(5)} ${s}\n`;
    writeFileSync(p, text);
    files.push(p);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CPU ms per wall second over SECONDS, once `ready` resolved and `settle` ms passed. */
async function cpuPerSecond(start: () => { stop: () => void; ready: Promise<void> }, settle: number): Promise<number> {
  const { stop, ready } = start();
  await ready;
  await sleep(settle);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const c = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  stop();
  return (c.user + c.system) / 1000 / (wall / 1000);
}

async function main(): Promise<void> {
  console.log(`MLflow store: ${RUNS} runs × ${METRICS} metrics = ${files.length} metric files; poll ${POLL_MS} ms; ${SECONDS} s idle`);
  let updates = 0;
  let series = 0;
  const t0 = performance.now();
  let firstMs = 0;
  // settle: past the first read, the first rescans and the idle back-off (12 polls)
  const watched = await cpuPerSecond(() => {
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    const h = watchSource(join(root, 'mlruns'), (s) => {
      if (updates++ === 0) firstMs = performance.now() - t0;
      series = s.runs.reduce((n, r) => n + r.series.length, 0);
      ready();
    }, { pollMs: POLL_MS });
    return { stop: () => h.dispose(), ready: isReady };
  }, 12 * POLL_MS);
  const naive = await cpuPerSecond(() => {
    let live = true;
    void (async () => {
      while (live) {
        await Promise.all(files.map((f) => stat(f)));
        await sleep(POLL_MS);
      }
    })();
    return {
      stop: () => {
        live = false;
      },
      ready: Promise.resolve(),
    };
  }, 2 * POLL_MS);
  console.log(`first full read: ${(firstMs / 1000).toFixed(1)} s`);
  console.log(`watchSource: ${watched.toFixed(1)} ms CPU per second idle (${(watched / 10).toFixed(1)}% of a core); ${series} series seen, ${updates} update(s)`);
  console.log(`naive baseline (stat every file every poll): ${naive.toFixed(1)} ms CPU per second (${(naive / 10).toFixed(1)}% of a core)`);
  console.log(`ratio watchSource / naive: ${(watched / naive).toFixed(2)}x`);
}

void main().then(() => process.exit(0));
