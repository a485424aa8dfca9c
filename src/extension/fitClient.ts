// Runs analyses in dist/fitWorker.js so long fits never block the extension host. One worker,
// reused; a cancelled fit is asked to stop through a shared flag, and if it does not stop soon
// the worker is terminated (and recreated on the next request). No vscode import (the live
// benchmark drives it from plain Node); the host passes where warnings go.
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, CurveAnalysis, Point } from '../core/analysis';
import { ScalingLensError, type ErrorCode } from '../core/types';
import type { ScheduleLaw, ScheduleLawFit, ScheduleRun } from '../core/schedule/index';
import type { LawBacktestResult, SurfaceLawComparison, SweepFit, SweepFitOptions } from './fitEngine';
import type { FitJob, FitRequest, FitResponse, SurfaceData } from './fitWorker';
import type { ForecastJobData, ForecastJobOptions, ForecastOutcome } from './forecastJob';
import type { CancelToken } from './session';
import { joinSplit, packPoints } from './pointSplit';

const TERMINATE_AFTER_MS = 3000;

export class CancelledError extends Error {
  constructor() {
    super('fit cancelled');
    this.name = 'CancelledError';
  }
}

type Result = Extract<FitResponse, { ok: true }>;

interface Pending {
  resolve(r: Result): void;
  reject(e: Error): void;
}

/** Where the client reports a stuck or failed worker (the extension's log; stderr in a benchmark). */
export interface WorkerLog {
  warn(message: string): void;
  error(message: string): void;
}

export class FitClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopWhenDone = false;

  /**
   * `cancelGraceMs`: how long a cancelled job may run on before the worker is restarted. A
   * restart costs a cold worker (the forecast: 3.4 s cold against 1 s warm, measured loaded), so a
   * worker whose jobs end on their own within seconds is given longer.
   */
  constructor(
    private readonly workerPath: string,
    private readonly log: WorkerLog,
    private readonly cancelGraceMs = TERMINATE_AFTER_MS,
  ) {}

  async analyze(points: readonly Point[], options: Omit<AnalyzeOptions, 'isCancelled'>, token?: CancelToken): Promise<CurveAnalysis> {
    const { x, y } = packPoints(points);
    const r = await this.run({ kind: 'curve', x, y, options }, token, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    if (!r.analysis || !r.roles) throw new Error('the fit worker returned no analysis');
    return { ...r.analysis, ...joinSplit(points, r.roles) };
  }

  /**
   * Fits the Chinchilla surface L(N, D) to a sweep, leaving out runs far above it, with bootstrap
   * refits as `options` ask, and back-tests it, and the other surface laws, on the sweep's largest
   * runs (core/surfaceLawComparison.ts).
   */
  async fitSweep(data: SurfaceData, options: Omit<SweepFitOptions, 'isCancelled'>, token?: CancelToken): Promise<{ swept: SweepFit; backTests?: SurfaceLawComparison }> {
    const r = await this.run({ kind: 'sweep', data, options }, token);
    if (!r.sweep) throw new Error('the fit worker returned no surface');
    return { swept: r.sweep, ...(r.sweepBackTests ? { backTests: r.sweepBackTests } : {}) };
  }

  /** Each law's back-test error at each extrapolation factor (Compare Estimators). */
  async backtest(points: readonly Point[], laws: readonly string[], factors: readonly number[], upperBound: number | undefined, token?: CancelToken): Promise<LawBacktestResult[]> {
    const { x, y } = packPoints(points);
    const job: FitJob = { kind: 'backtest', x, y, laws, factors, ...(upperBound !== undefined ? { upperBound } : {}) };
    const r = await this.run(job, token, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    if (!r.backtest) throw new Error('the fit worker returned no back-test');
    return r.backtest;
  }

  /** A schedule-aware law fitted jointly over finished runs (sibling runs as a prior). */
  async fitScheduleLaw(runs: readonly ScheduleRun[], law: ScheduleLaw, token?: CancelToken): Promise<ScheduleLawFit> {
    const r = await this.run({ kind: 'scheduleFit', runs, law, seed: 1 }, token);
    if (!r.scheduleFit) throw new Error('the fit worker returned no schedule fit');
    return r.scheduleFit;
  }

  /** A run's schedule-aware forecast (and its what-if); the arrays are transferred, not copied. */
  async forecast(data: ForecastJobData, options: ForecastJobOptions, token?: CancelToken): Promise<ForecastOutcome> {
    const arrays = [data.steps, data.loss, data.lrSteps, data.lr].filter((a): a is Float64Array => a !== undefined);
    const transfer = [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
    const r = await this.run({ kind: 'forecast', data, options }, token, transfer);
    if (!r.forecast) throw new Error('the fit worker returned no forecast');
    return r.forecast;
  }

  private run(job: FitJob, token?: CancelToken, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (token?.isCancellationRequested) return Promise.reject(new CancelledError());
    this.stopWhenDone = false;
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const cancelFlag = new SharedArrayBuffer(4);
    const request: FitRequest = { id, job, cancelFlag };
    return new Promise<Result>((resolve, reject) => {
      let killTimer: NodeJS.Timeout | undefined;
      const sub = token?.onCancellationRequested(() => {
        Atomics.store(new Int32Array(cancelFlag), 0, 1);
        killTimer = setTimeout(() => {
          if (this.pending.has(id)) {
            this.log.warn(`fit ${id} ignored cancellation for ${this.cancelGraceMs} ms; restarting the fit worker`);
            this.restart(new CancelledError());
          }
        }, this.cancelGraceMs);
      });
      const done = () => {
        sub?.dispose();
        if (killTimer) clearTimeout(killTimer);
      };
      this.pending.set(id, {
        resolve: (r) => {
          done();
          if (token?.isCancellationRequested) reject(new CancelledError());
          else resolve(r);
        },
        reject: (e) => {
          done();
          // a fit cut short fails in its own words ("no start gave a finite fit"): it was cancelled
          reject(token?.isCancellationRequested ? new CancelledError() : e);
        },
      });
      worker.postMessage(request, transfer);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (res: FitResponse) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res);
      else p.reject(res.code ? new ScalingLensError(res.code as ErrorCode, res.message) : new Error(res.message));
      this.stopIfDone();
    });
    worker.on('error', (err) => {
      this.log.error(`fit worker failed: ${err.message}`);
      this.restart(err);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        if (code !== 0) this.rejectAll(new Error(`fit worker exited with code ${code}`));
      }
    });
    this.worker = worker;
    return worker;
  }

  private rejectAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }

  private restart(reason: Error): void {
    const w = this.worker;
    this.worker = undefined;
    this.rejectAll(reason);
    void w?.terminate();
  }

  /** Whether a worker thread is alive (started on the first job, ended by stopIfIdle or dispose). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Ends the worker once no job runs or waits (at once if none does; else when the last one
   * settles, unless a new job comes first). The next job starts a new worker.
   */
  stopWhenIdle(): void {
    this.stopWhenDone = true;
    this.stopIfDone();
  }

  private stopIfDone(): void {
    if (!this.stopWhenDone || this.pending.size > 0) return;
    this.stopWhenDone = false;
    if (this.worker) this.restart(new CancelledError());
  }

  dispose(): void {
    this.restart(new CancelledError());
  }
}
