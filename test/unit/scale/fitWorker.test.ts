// The panel's fit path for long logs: points cross to the worker as transferred Float64Arrays and
// come back as one flag per point (fit / held out), rebuilt on the host from its own objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeCurve } from '../../../src/core/analyze';
import type { CurveAnalysis, Point } from '../../../src/core/analysis';
import type { FitRequest, FitResponse } from '../../../src/extension/fitWorker';
import { FIT, HELD_OUT, joinSplit, packPoints, splitFlags, unpackPoints, WARMUP } from '../../../src/extension/pointSplit';
import { stepLog, TRUE_E } from './series';
import { CancelledError, FitClient } from '../../../src/extension/fitClient';

const log = stepLog(1_000_000);
const points: Point[] = Array.from(log.x, (x, i) => ({ x, y: log.y[i]! }));

test('split flags name each point fitted, held out or dropped, and rebuild the same lists', () => {
  const pts: Point[] = [{ x: 1, y: 2 }, { x: 2, y: NaN }, { x: 3, y: 1.5 }, { x: 4, y: 1.2 }, { x: 5, y: 1.1 }];
  const a = analyzeCurve(pts, { laws: ['m1'], holdoutFrac: 0.25 });
  const flags = splitFlags(pts, a);
  assert.deepEqual(Array.from(flags), [FIT, 0, FIT, FIT, HELD_OUT]);
  const back = joinSplit(pts, flags);
  assert.deepEqual(back.fitPoints, a.fitPoints);
  assert.deepEqual(back.heldOutPoints, a.heldOutPoints);
  const { x, y } = packPoints(pts);
  assert.deepEqual(unpackPoints(x, y).map((p) => p.x), [1, 2, 3, 4, 5]);
  // points before the fit's start (an LR warmup) are flagged apart and come back as warmupPoints
  const long: Point[] = Array.from({ length: 30 }, (_, i) => ({ x: i + 1, y: 2 + 1 / (i + 1) }));
  const w = analyzeCurve(long, { laws: ['m1'], fitFrom: 4, holdoutFrac: 0.1 });
  const wf = splitFlags(long, w);
  assert.deepEqual(Array.from(wf.subarray(0, 4)), [WARMUP, WARMUP, WARMUP, FIT]);
  const wb = joinSplit(long, wf);
  assert.deepEqual(wb.warmupPoints, w.warmupPoints);
  assert.deepEqual(wb.fitPoints, w.fitPoints);
  assert.equal(joinSplit(pts, flags).warmupPoints, undefined);
});

const workerPath = join(__dirname, '../../../dist/fitWorker.js');
test('the fit worker analyses a 1M-point curve sent as typed arrays', { skip: !existsSync(workerPath) && 'dist/fitWorker.js not built' }, async () => {
  const worker = new Worker(workerPath);
  try {
    const { x, y } = packPoints(points);
    const req: FitRequest = { id: 1, job: { kind: 'curve', x, y, options: { laws: ['m2'], holdoutFrac: 0.1, targets: [1e7] } }, cancelFlag: new SharedArrayBuffer(4) };
    const reply = new Promise<FitResponse>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(req, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    assert.equal(x.length, 0, 'the arrays were transferred, not copied');
    const res = await reply;
    assert.ok(res.ok, res.ok ? '' : res.message);
    const { analysis, roles: split } = res as Extract<FitResponse, { ok: true }>;
    assert.ok(analysis && split && split.length === points.length);
    assert.equal(analysis.fitPoints.length, 0, 'the points stay on the host');
    const { fitPoints, heldOutPoints } = joinSplit(points, split);
    assert.equal(fitPoints.length, 900_000);
    assert.equal(heldOutPoints.length, 100_000);
    assert.equal(heldOutPoints[0], points[900_000]);
    const m2 = analysis.estimators.find((e) => e.law === 'm2')!;
    assert.ok(m2.fit && Math.abs(m2.fit.params.errInf! - TRUE_E) < 0.1, JSON.stringify(m2.fit?.params));
  } finally {
    await worker.terminate();
  }
});

test('the fit worker, asked a new target on a curve it fitted (from the fits it kept), gives the cold analysis', { skip: !existsSync(workerPath) && 'dist/fitWorker.js not built' }, async () => {
  const worker = new Worker(workerPath);
  const short = points.filter((_, i) => i % 500 === 0);
  let id = 0;
  const ask = async (targets: number[]): Promise<CurveAnalysis> => {
    const { x, y } = packPoints(short);
    const req: FitRequest = { id: ++id, job: { kind: 'curve', x, y, options: { laws: ['m2', 'm4', 'bnsl-1'], bootstrap: 12, seed: 1, targets } }, cancelFlag: new SharedArrayBuffer(4) };
    const res = await new Promise<FitResponse>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(req, [x.buffer as ArrayBuffer, y.buffer as ArrayBuffer]);
    });
    assert.ok(res.ok, res.ok ? '' : res.message);
    const r = res as Extract<FitResponse, { ok: true }>;
    return { ...r.analysis!, ...joinSplit(short, r.roles!) };
  };
  try {
    await ask([1e7]);
    const at = [3e6, 3e7, 3e8];
    const again = await ask(at);
    const cold = analyzeCurve(short, { laws: ['m2', 'm4', 'bnsl-1'], bootstrap: 12, seed: 1, targets: at });
    const { warmupPoints: _w, ...coldSent } = cold;
    assert.deepEqual(again, { ...coldSent, ...joinSplit(short, splitFlags(short, cold)) });
  } finally {
    await worker.terminate();
  }
});

test('a sweep fit cancelled while it runs rejects as cancelled, not with the error the cut-short fit gives', { skip: !existsSync(workerPath) && 'dist/fitWorker.js not built' }, async () => {
  const quiet = { warn: () => {}, info: () => {}, error: () => {} };
  const client = new FitClient(workerPath, quiet as unknown as ConstructorParameters<typeof FitClient>[1]);
  const N = [1e7, 3e7, 1e8, 3e8, 1e9, 1e7, 3e7, 1e8, 3e8, 1e9, 1e7, 3e7, 1e8, 3e8, 1e9];
  const D = N.map((n, i) => n * [5, 20, 80][Math.floor(i / 5)]!);
  const data = { N, D, loss: N.map((n, i) => 1.7 + 400 / n ** 0.34 + 410 / D[i]! ** 0.28) };
  let cancelled = false;
  const listeners: (() => void)[] = [];
  const token = { get isCancellationRequested() { return cancelled; }, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose: () => {} }) };
  try {
    // the fit is first asked to run, then cancelled as soon as it has started (before its first start ends)
    const fit = client.fitSweep(data, { resamples: 200, seed: 1 }, token);
    setTimeout(() => {
      cancelled = true;
      for (const l of listeners) l();
    }, 5);
    await assert.rejects(fit, (e: Error) => e instanceof CancelledError, 'a cancel is a cancel');
  } finally {
    client.dispose();
  }
});
