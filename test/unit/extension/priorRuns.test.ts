// Sibling runs as a prior: the runs a schedule law can be fitted on (the watched run left out;
// runs without LR, without loss, too short named with the reason), the prior's label, what is said
// about a fit, and the fit itself on the worker thread (same result as in-process).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fitScheduleLaw, type ScheduleLawFit } from '../../../src/core/schedule/index';
import { ScalingLensError } from '../../../src/core/types';
import { loadScheduleRuns, readFitFile, type LoadedRun } from '../../../src/ingest/scheduleRuns';
import { choosePriorRuns, fitVerdict, priorLabel, shortRunName } from '../../../src/extension/model/priorRuns';
import type { FitRequest, FitResponse } from '../../../src/extension/fitWorker';

const D25 = join(__dirname, '..', '..', '..', 'data', 'lr-schedules', '25M');
const tmp = mkdtempSync(join(tmpdir(), 'sl-prior-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('a folder of runs: every sibling but the watched run, named short', async () => {
  const loaded = await loadScheduleRuns(D25);
  assert.equal(loaded.length, 9);
  const p = choosePriorRuns(loaded, join(D25, 'cosine_72000.csv'));
  assert.equal(p.runs.length, 8);
  assert.ok(!p.names.includes('cosine_72000'));
  assert.ok(p.names.includes('wsdcon_9'));
  assert.deepEqual(p.skipped, []);
  assert.equal(priorLabel(p.names.slice(0, 3)), `3 sibling runs: ${p.names.slice(0, 3).join(', ')}`);
  assert.match(priorLabel(p.names), /^8 sibling runs: .*, .*, .* and 5 more$/);
  assert.equal(priorLabel(['a']), '1 sibling run: a');
});

test('runs without LR, without loss, too short are left out with the reason; none left is one clear line', async () => {
  writeFileSync(join(tmp, 'nolr.csv'), 'step,loss\n' + Array.from({ length: 30 }, (_, i) => `${(i + 1) * 10},${3 + 1 / (i + 1)}`).join('\n') + '\n');
  writeFileSync(join(tmp, 'short.csv'), 'step,lr,loss\n10,1e-3,4\n20,1e-3,3.9\n30,9e-4,3.8\n');
  writeFileSync(join(tmp, 'lronly.csv'), 'step,lr\n' + Array.from({ length: 30 }, (_, i) => `${(i + 1) * 10},1e-3`).join('\n') + '\n');
  const loaded: LoadedRun[] = [];
  for (const f of ['nolr.csv', 'short.csv', 'lronly.csv']) loaded.push(...(await loadScheduleRuns(join(tmp, f), {}, { lossOptional: true })));
  const good = await loadScheduleRuns(join(D25, 'wsdcon_9.csv'));
  const p = choosePriorRuns([...loaded, ...good]);
  assert.deepEqual(p.names, ['wsdcon_9']);
  assert.equal(p.skipped.length, 3);
  assert.match(p.skipped[0], /^nolr: logs no learning rate \(only loss\)$/);
  assert.match(p.skipped[1], /^short: too short \(3 points, need 10\)$/);
  assert.match(p.skipped[2], /^lronly: logs no loss$/);
  assert.throws(
    () => choosePriorRuns(loaded),
    (e: unknown) => e instanceof ScalingLensError && /^no finished run to fit a prior on: nolr: logs no learning rate.*; short: too short/.test(e.message) && !e.message.includes('\n'),
  );
  assert.throws(() => choosePriorRuns(good, join(D25, 'wsdcon_9.csv')), /the only run found is the watched run itself/);
  // a folder read for siblings: a run with neither loss nor LR is reported, the others still read
  writeFileSync(join(tmp, 'neither.csv'), 'step,grad_norm\n1,2\n2,3\n');
  const skipped: string[] = [];
  const all = await loadScheduleRuns(tmp, {}, { lossOptional: true, onSkip: (m) => skipped.push(m) });
  assert.equal(all.length, 3);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0], /#neither has neither a loss nor a learning-rate series/);
  await assert.rejects(loadScheduleRuns(tmp, {}, { lossOptional: true }), /has neither a loss nor a learning-rate series/);
});

test('what is said about a fit: not converged asks first; a sibling fitted poorly is named', () => {
  const base = { fit: { law: 'tissue', params: { L0: 3, A: 1, alpha: 0.5, C: 1, lambda: 0.999 } }, intervals: {}, warnings: [] } as unknown as ScheduleLawFit;
  const good = fitVerdict({ ...base, converged: true, reason: 'ok', runs: [{ name: '/x/a.csv', n: 10, meanRelErr: 0.001, maxRelErr: 0.004 }] });
  assert.deepEqual(good, { ask: false, warnings: [] });
  const bad = fitVerdict({ ...base, converged: false, reason: 'iteration limit', runs: [{ name: '/x/b.csv', n: 10, meanRelErr: 0.05, maxRelErr: 0.1 }] });
  assert.equal(bad.ask, true);
  assert.match(bad.warnings[0], /did not converge \(iteration limit\)/);
  assert.match(bad.warnings[1], /describes b poorly \(mean error 5\.0%\)/);
  assert.equal(shortRunName('/runs/logs#version_3'), 'version_3');
});

test('a saved FIT.json is read back; a file that is not one is one clear line', async () => {
  const f = join(tmp, 'fit.json');
  writeFileSync(f, JSON.stringify({ law: 'tissue', params: { L0: 3, A: 1, alpha: 0.5, C: 2 } }));
  const fit = await readFitFile(f);
  assert.equal(fit.law, 'tissue');
  assert.equal(fit.params.lambda, 0.999);
  writeFileSync(f, '{"law": "m1"}');
  await assert.rejects(readFitFile(f), /is not a schedule-law fit/);
  writeFileSync(f, 'nope');
  await assert.rejects(readFitFile(f), /is not JSON/);
  await assert.rejects(readFitFile(join(tmp, 'missing.json')), /cannot read/);
});

const workerPath = join(__dirname, '../../../dist/fitWorker.js');
test('the fit worker fits the multi-power law over sibling runs, as in-process', { skip: !existsSync(workerPath) && 'dist/fitWorker.js not built' }, async () => {
  const loaded: LoadedRun[] = [];
  for (const n of ['cosine_24000', 'constant_24000', 'wsdcon_9']) loaded.push(...(await loadScheduleRuns(join(D25, `${n}.csv`))));
  const { runs } = choosePriorRuns(loaded);
  const worker = new Worker(workerPath);
  try {
    const req: FitRequest = { id: 7, job: { kind: 'scheduleFit', runs, law: 'mpl', seed: 1 }, cancelFlag: new SharedArrayBuffer(4) };
    const reply = new Promise<FitResponse>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage(req);
    const res = await reply;
    assert.ok(res.ok, res.ok ? '' : res.message);
    const fit = (res as Extract<FitResponse, { ok: true }>).scheduleFit!;
    assert.equal(fit.fit.law, 'mpl');
    assert.deepEqual(fit.fit.params, fitScheduleLaw(runs, 'mpl', 1).fit.params);
    assert.ok(fit.runs.every((r) => r.meanRelErr < 0.005), JSON.stringify(fit.runs));
  } finally {
    await worker.terminate();
  }
});

test('a reference run\'s final loss: the median of its last five logged losses', async () => {
  const { referenceTarget } = await import('../../../src/extension/model/reference');
  const [ref] = await loadScheduleRuns(join(D25, 'cosine_24000.csv'));
  const t = referenceTarget(ref!);
  const last5 = ref!.loss.slice(-5).sort((a, b) => a - b);
  assert.equal(t.loss, last5[2]);
  assert.equal(t.step, 23920);
  assert.equal(t.name, 'cosine_24000');
  // a spike in the very last row does not move it
  assert.equal(referenceTarget({ name: 'r.csv', steps: [1, 2, 3, 4, 5], loss: [3.1, 3.0, 3.05, 3.02, 9] }).loss, 3.05);
  assert.throws(() => referenceTarget({ name: 'r.csv', steps: [1], loss: [NaN] }), /r has no positive loss/);
});

test('the prior is saved with the panel state and read back only when it is a fit', async () => {
  const { panelStateOf } = await import('../../../src/shared/protocol');
  const { savedPrior } = await import('../../../src/extension/model/priorRuns');
  const fit = { law: 'tissue' as const, params: { L0: 3, A: 1, alpha: 0.5, C: 2, lambda: 0.999 } };
  const data = { title: 't', source: '/w/log.csv', curves: [], selected: [], tables: [], targetText: '10x', warnings: [], forecast: { curve: 'loss', prior: '3 sibling runs: a, b, c', priorFit: fit, warnings: [] } };
  const state = JSON.parse(JSON.stringify(panelStateOf(data)));
  assert.deepEqual(state.prior, { label: '3 sibling runs: a, b, c', fit });
  assert.deepEqual(savedPrior(state.prior), state.prior);
  // tampered or foreign state is dropped, not trusted
  assert.equal(savedPrior({ label: 'x', fit: { law: 'tissue', params: { L0: 3, A: 1, alpha: 'a', C: 2 } } }), undefined);
  assert.equal(savedPrior({ label: 'x', fit: { law: 'm2', params: {} } }), undefined);
  assert.equal(savedPrior({ fit }), undefined);
  assert.equal(savedPrior('prior'), undefined);
  // no prior, nothing saved
  assert.equal(panelStateOf({ ...data, forecast: { curve: 'loss', warnings: [] } }).prior, undefined);
});

test("siblings that log their y in other units than the watched run's are left out, saying both", async () => {
  const loaded = await loadScheduleRuns(D25);
  const [first, ...rest] = loaded;
  const inBits: LoadedRun = { ...first!, lossKey: 'val_bpb', loss: first!.loss.map((v) => v / Math.LN2) };
  const p = choosePriorRuns([inBits, ...rest], undefined, 'loss');
  assert.equal(p.runs.length, rest.length);
  assert.equal(p.skipped.length, 1);
  assert.match(p.skipped[0]!, /logs val_bpb \(the loss in bits\), and the watched run's y is loss \(a loss in nats\)/);
  // the watched run's y unknown, or in the same units (train_loss is a loss): all kept
  assert.equal(choosePriorRuns([inBits, ...rest]).runs.length, loaded.length);
  assert.equal(choosePriorRuns(rest, undefined, 'train_loss').runs.length, rest.length);
  assert.equal(choosePriorRuns([inBits], undefined, 'val_bpb').runs.length, 1);
});
