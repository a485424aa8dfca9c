// MLflow file-store layouts. A deleted run keeps its folder: mlflow.delete_run sets lifecycle_stage: deleted
// in its meta.yaml, and deleted experiments and runs move to mlruns/.trash until `mlflow gc`.
// Neither is listed by the MLflow UI, nor read here (as the SQLite store reader already does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { scratchTree, watchedOnce } from './helpers';
import { LensSession } from '../../../src/extension/session';
import { sourceTitle } from '../../../src/extension/model/sourceTitle';
import { testDeps, testSettings } from '../extension/sessionFixture';

const { root, put } = scratchTree('sl-mlflow-del-');

function run(dir: string, name: string, stage: 'active' | 'deleted'): void {
  put(`${dir}/meta.yaml`, `artifact_uri: file:///x\nexperiment_id: '1'\nlifecycle_stage: ${stage}\nrun_id: ${name}\nrun_name: ${name}\nstatus: 3\n`);
  put(`${dir}/metrics/loss`, '1700000000000 3.5 0\n1700000001000 3.0 100\n');
}

test('deleted MLflow runs (lifecycle_stage: deleted, or in .trash) are not read, and a warning counts them', async () => {
  run('mlruns/1/aaa', 'kept', 'active');
  run('mlruns/1/bbb', 'deleted-in-place', 'deleted');
  run('mlruns/.trash/ccc', 'trashed', 'active');
  const s = await readSource(join(root, 'mlruns'));
  assert.deepEqual(s.runs.map((r) => r.name), ['kept']);
  assert.ok(s.warnings.some((w) => /1 deleted MLflow run/.test(w.message)));
});

test('metric keys whose prefix is a folder name skipped elsewhere (code/, params/, media/) are read under metrics/', async () => {
  run('keys/1/aaa', 'evals', 'active');
  put('keys/1/aaa/metrics/code/humaneval', '1700000000000 0.30 100\n1700000001000 0.35 200\n');
  put('keys/1/aaa/metrics/params/grad_norm', '1700000000000 1.5 100\n');
  put('keys/1/aaa/params/lr', '0.001');
  const s = await readSource(join(root, 'keys'));
  assert.deepEqual(s.runs[0]!.series.map((x) => x.key).sort(), ['code/humaneval', 'loss', 'params/grad_norm']);
  assert.equal(s.runs[0]!.meta?.lr, 0.001);
});

test('a store kept under a folder named metrics still skips its runs\' artifacts/ and params/', async () => {
  run('metrics/proj/mlruns/1/aaa', 'a', 'active');
  run('metrics/proj/mlruns/1/bbb', 'b', 'active');
  put('metrics/proj/mlruns/1/aaa/artifacts/eval_log.txt', 'step 10 eval loss 2.5\nstep 20 eval loss 2.4\n');
  put('metrics/proj/mlruns/1/bbb/artifacts/eval_log.txt', 'step 10 eval loss 2.6\nstep 20 eval loss 2.5\n');
  const s = await readSource(join(root, 'metrics/proj/mlruns'));
  assert.equal(s.format, 'mlflow');
  assert.deepEqual(s.runs.map((r) => r.name).sort(), ['a', 'b']);
});

test("one MLflow metric file opened on its own is named for its run, as the folder names it (walkthrough: a panel titled 'loss'); the watch and the panel's title alike", async () => {
  run('single/1/aaa', 'warm-fox-12', 'active');
  const file = join(root, 'single/1/aaa/metrics/loss');
  assert.deepEqual((await readSource(join(root, 'single'))).runs.map((r) => r.name), ['warm-fox-12']);
  const read = await readSource(file);
  assert.deepEqual(read.runs.map((r) => r.name), ['warm-fox-12']);
  const watched = await watchedOnce(file);
  assert.deepEqual(watched?.runs.map((r) => r.name), ['warm-fox-12']);
  const session = new LensSession(file, sourceTitle(file), testDeps(testSettings(['m1'])));
  assert.equal(session.title, 'loss');
  session.setSource(read);
  assert.equal(session.title, 'warm-fox-12 · loss');
  assert.equal(session.panelData().title, 'warm-fox-12 · loss');
  // an older store names the run only in its mlflow.runName tag
  put('tagged/1/bbb/metrics/loss', '1700000000000 3.5 0\n1700000001000 3.0 100\n');
  put('tagged/1/bbb/tags/mlflow.runName', 'old-style-run');
  assert.deepEqual((await readSource(join(root, 'tagged/1/bbb/metrics/loss'))).runs.map((r) => r.name), ['old-style-run']);
});
