// Append → new forecast on the panel, for a watched run with a learning-rate schedule: the first
// half of the 25M cosine_72000 run (data/lr-schedules, Luo et al.), its schedule spec and a prior
// fitted on three finished sibling runs, as the integration test sets it up; the default ten
// estimators with 40 bootstrap resamples fitted beside it. Rows are appended as a trainer writes
// them and each append is followed by a poll (the extension's file-watcher hint).
//   ours:      two lanes (live/refitLanes.ts) on two fit workers: the forecast is posted the
//              moment it lands; newer appends supersede stale work.
//   previous:  one worker, one coalesced refit (one running, one queued): the law fits, then the
//              forecast, then one post (the behaviour before the lanes).
// Both on the real fit worker (dist/fitWorker.js), in this process, one after the other.
// Reported: append → forecast posted and append → all fits done, and their ratio, per mode;
// then a burst (three appends 300 ms apart), timed from its last append. No pass/fail.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CURVE_LAW_IDS, getLaw, listLaws } from '../src/core/laws/index';
import { cleanLrLog, fitScheduleLaw, type ScheduleFit } from '../src/core/schedule/index';
import { FitClient } from '../src/extension/fitClient';
import { Coalescer } from '../src/extension/live/coalesce';
import { RefitLanes } from '../src/extension/live/refitLanes';
import { LensSession, type SessionDeps } from '../src/extension/session';
import { watchSource } from '../src/ingest/files/watch';
import { testSettings } from '../test/unit/extension/sessionFixture';

const DATA = path.join(__dirname, '..', 'data', 'lr-schedules', '25M');
const WORKER = path.join(__dirname, '..', 'dist', 'fitWorker.js');
const SPEC = 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5';
const APPENDS = Number(process.env.BENCH_APPENDS ?? 3);
const ROWS_PER_APPEND = 20;

// the default scalingLens.estimators (settings.ts imports vscode, so not imported here)
const settings = testSettings(['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix', 'flat', 'loglin'], { bootstrapSamples: 40 });

const quiet = { warn: (m: string) => console.error(m), error: (m: string) => console.error(m) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lines(name: string): string[] {
  return readFileSync(path.join(DATA, `${name}.csv`), 'utf8').trim().split(/\r?\n/);
}

function siblingPrior(): ScheduleFit {
  const runs = ['cosine_24000', 'constant_24000', 'wsdcon_9'].map((name) => {
    const rows = lines(name).slice(1).map((l) => l.split(',').map(Number));
    const steps = rows.map((r) => r[0]!);
    return { name, steps, loss: rows.map((r) => r[2]!), lr: cleanLrLog({ steps, lr: rows.map((r) => r[1]!) }) };
  });
  return fitScheduleLaw(runs, 'mpl', 1).fit;
}

type Mode = 'ours' | 'previous';

interface Timing {
  readonly forecastMs: number;
  readonly allMs: number;
  /** Append → the grown log read into the session. */
  readonly readMs: number;
  /** The last forecast's time in its worker. */
  readonly workerMs: number;
}

/** One watched run: a session fed by watchSource, refitted the `mode` way; `posted` records when each result reached the panel. */
async function watchRun(mode: Mode, dir: string, prior: ScheduleFit) {
  const all = lines('cosine_72000');
  const body = all.slice(1);
  const half = Math.floor(body.length / 2);
  const file = path.join(dir, `${mode}.csv`);
  writeFileSync(file, `${all[0]}\n${body.slice(0, half).join('\n')}\n`);
  const lawsClient = new FitClient(WORKER, quiet);
  const forecastClient = mode === 'ours' ? new FitClient(WORKER, quiet, 30_000) : lawsClient;
  const deps: SessionDeps = {
    analyze: (points, options, token) => lawsClient.analyze(points, options, token),
    forecast: (data, options, token) => forecastClient.forecast(data, options, token),
    settings: () => settings,
    lawOf: (id) => getLaw(id),
    knownLaws: () => listLaws().map((l) => l.id),
    curveLaws: () => [...CURVE_LAW_IDS],
  };
  const session = new LensSession(file, path.basename(file), deps);
  session.forecast.setSchedule(SPEC);
  session.forecast.setPrior(prior, 'siblings');
  // what the panel would post: the snapshot, with the step its forecast and its law fits are of
  const posts: { at: number; forecastTo: number | undefined; lawsFresh: boolean }[] = [];
  const reads: { at: number }[] = [];
  const post = () => {
    const data = session.panelData();
    posts.push({ at: performance.now(), forecastTo: data.forecast?.stale ? undefined : data.forecast?.result?.fittedTo, lawsFresh: data.stale === undefined });
  };
  let lanes: RefitLanes | undefined;
  let coalesced: Coalescer | undefined;
  if (mode === 'ours') {
    lanes = new RefitLanes(() => session, { forecastLanded: post, lawsLanded: post, onError: (e) => console.error(e) });
  } else {
    coalesced = new Coalescer(async () => {
      if (!session.needsRefit()) return;
      await session.refitLaws();
      await session.refitForecast();
      post();
    });
  }
  const request = () => (lanes ? lanes.request() : coalesced!.request());
  const idle = () => (lanes ? lanes.whenIdle() : coalesced!.whenIdle());
  const handle = watchSource(
    file,
    (src) => {
      reads.push({ at: performance.now() });
      session.setSource(src);
      request();
    },
    { pollMs: settings.pollIntervalMs },
  );
  await handle.refresh();
  await idle();
  let next = half;
  const append = (n: number): number => {
    appendFileSync(file, `${body.slice(next, next + n).join('\n')}\n`);
    next += n;
    void handle.refresh();
    return Number(body[next - 1]!.split(',')[0]);
  };
  /** Times from t0 to the first post of the forecast of `step`, and to the post with everything of `step`. */
  const timing = async (t0: number, step: number): Promise<Timing> => {
    const deadline = performance.now() + 300_000;
    for (;;) {
      const after = posts.filter((p) => p.at >= t0);
      const fc = after.find((p) => p.forecastTo === step);
      const done = after.find((p) => p.forecastTo === step && p.lawsFresh);
      if (fc && done) {
        await idle();
        const read = reads.find((r) => r.at >= t0);
        return { forecastMs: fc.at - t0, allMs: done.at - t0, readMs: read ? read.at - t0 : NaN, workerMs: 1000 * (session.forecast.lastSeconds ?? NaN) };
      }
      if (performance.now() > deadline) throw new Error(`${mode}: no post of step ${step} within 300 s`);
      await sleep(10);
    }
  };
  const cleanup = () => {
    handle.dispose();
    lanes?.dispose();
    coalesced?.dispose();
    lawsClient.dispose();
    if (forecastClient !== lawsClient) forecastClient.dispose();
  };
  return {
    /** One append of ROWS_PER_APPEND rows, timed. */
    async single(): Promise<Timing> {
      const t0 = performance.now();
      const step = append(ROWS_PER_APPEND);
      return timing(t0, step);
    },
    /** Three appends 300 ms apart, timed from the last; and how many law fits ran for them. */
    async burst(): Promise<Timing & { lawFits: number }> {
      const before = posts.length;
      append(5);
      await sleep(300);
      append(5);
      await sleep(300);
      const t0 = performance.now();
      const step = append(5);
      const t = await timing(t0, step);
      return { ...t, lawFits: posts.slice(before).filter((p) => p.lawsFresh).length };
    },
    superseded: () => (lanes ? lanes.laws.superseded + lanes.forecast.superseded : 0),
    cleanup,
  };
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sl-forecast-first-'));
  try {
    const prior = siblingPrior();
    console.log(`25M cosine_72000, first half (${Math.floor((lines('cosine_72000').length - 1) / 2)} rows) + spec + sibling prior; ${APPENDS} appends of ${ROWS_PER_APPEND} rows, then a burst of 3 appends 300 ms apart`);
    const results: Record<Mode, { single: Timing[]; burst: Timing & { lawFits: number }; superseded: number }> = {} as never;
    for (const mode of ['previous', 'ours'] as const) {
      const w = await watchRun(mode, dir, prior);
      try {
        const single: Timing[] = [];
        for (let i = 0; i < APPENDS; i++) single.push(await w.single());
        const burst = await w.burst();
        results[mode] = { single, burst, superseded: w.superseded() };
      } finally {
        w.cleanup();
      }
      const r = results[mode];
      const fc = median(r.single.map((t) => t.forecastMs));
      const allDone = median(r.single.map((t) => t.allMs));
      console.log(
        `${mode.padEnd(8)} append → forecast posted median ${s(fc)} (${r.single.map((t) => s(t.forecastMs)).join(', ')}) | → all fits done ${s(allDone)} | forecast/all ${(fc / allDone).toFixed(3)}` +
          ` | read ${s(median(r.single.map((t) => t.readMs)))}, forecast in its worker ${s(median(r.single.map((t) => t.workerMs)))}`,
      );
      console.log(
        `${''.padEnd(8)} burst: last append → forecast ${s(r.burst.forecastMs)}, → all fits ${s(r.burst.allMs)}; law-fit posts for the burst ${r.burst.lawFits}; runs superseded ${r.superseded}`,
      );
    }
    const fcOurs = median(results.ours.single.map((t) => t.forecastMs));
    const fcPrev = median(results.previous.single.map((t) => t.forecastMs));
    console.log(`append → forecast posted: ours ${s(fcOurs)} vs previous ${s(fcPrev)}: ×${(fcPrev / fcOurs).toFixed(1)} sooner; burst ×${(results.previous.burst.forecastMs / results.ours.burst.forecastMs).toFixed(1)} (forecast), ×${(results.previous.burst.allMs / results.ours.burst.allMs).toFixed(1)} (all fits)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
