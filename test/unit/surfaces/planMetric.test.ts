// The panel's Plan of a sweep (a folder of finished runs) whose y is bits or a perplexity says what `fit` and `allocate --from`
// say of its surface (core/yMetric.ts surfaceMetricNote): bits' L* in bits (× ln 2 for nats), a
// perplexity no loss (fit ln(ppl)); a loss says nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { surfaceObservations } from '../../../src/extension/fitWorker';
import { fitSweepSurface, PLAN_FIT } from '../../../src/core/sweepSurface';
import { readSource } from '../../../src/ingest/files/read';
import { planForQuery } from '../../../src/extension/model/planForQuery';
import { finalLosses } from '../../../src/ingest/model/finalLosses';
import { surfaceData } from '../../../src/extension/model/surface';
import { sweepPlanSurface, sweepReaderNotes } from '../../../src/extension/model/sweepPlan';
import { planSummary } from '../../../src/extension/model/plan';
import { validateToWebview } from '../../../src/shared/validate';
import { parsePlanQuery } from '../../../src/core/units';
import { FakeNode, useFakeDom } from '../webview/fakeDom';
import { surfaceMetricNote } from '../../../src/core/yMetric';
import { command as fit } from '../../../src/cli/commands/fit';
import { printed } from '../cli/printed';

const root = mkdtempSync(join(tmpdir(), 'sl-plan-metric-'));
after(() => rmSync(root, { recursive: true, force: true }));

const law = (n: number, d: number): number => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const TOKENS_PER_STEP = 2 ** 20;

/** A folder of 9 finished runs (3 sizes × 3 lengths) logging `column`, each value `of(loss)`: the sweep the Plan fits their final values as. */
function runsLogging(column: string, of: (loss: number) => number): string {
  const folder = join(root, column);
  [70e6, 160e6, 410e6].forEach((n, i) => [1000, 4000, 16000].forEach((planned, j) => {
    const dir = join(folder, `run_${i}${j}`);
    mkdirSync(dir, { recursive: true });
    const final = law(n, planned * TOKENS_PER_STEP);
    const rows = [`step,tokens,${column}`];
    for (let s = 50; s <= planned; s += 50) rows.push(`${s},${s * TOKENS_PER_STEP},${of(final + 0.6 * (1 - s / planned) ** 2)}`);
    writeFileSync(join(dir, 'metrics.csv'), rows.join('\n') + '\n');
    writeFileSync(join(dir, 'hparams.yaml'), `n_params: ${n}\nmax_steps: ${planned}\n`);
  }));
  return folder;
}

/** The notes of the panel's Plan of `path` at 1e21 FLOPs, read as the Plan command reads it (a table, else a folder's finished runs). */
async function planNotesOf(path: string): Promise<readonly string[]> {
  const source = await readSource(path);
  const all = surfaceData(source) ?? surfaceData({ ...source, runs: finalLosses(source).runs.slice(0, 1) })!;
  const swept = fitSweepSurface('chinchilla', surfaceObservations(all), { ...PLAN_FIT, quick: true });
  const { surface } = sweepPlanSurface(path, basename(path), all, swept, sweepReaderNotes(source));
  return planForQuery(surface, { flops: 1e21 }).notes ?? [];
}

test('the Plan of a bits or perplexity sweep says what fit says of its surface; of a loss, nothing', async () => {
  const bits = await planNotesOf(runsLogging('val_bpb', (l) => l / Math.LN2));
  assert.ok(bits.includes(surfaceMetricNote('val_bpb', 'chinchilla')), bits.join('\n'));
  assert.ok(bits.some((n) => /val_bpb is the loss in bits: .*every L\* are in bits \(× ln 2/.test(n)), bits.join('\n'));
  const ppl = await planNotesOf(runsLogging('val_perplexity', Math.exp));
  assert.ok(ppl.some((n) => n.includes('val_perplexity is a perplexity, e^loss') && n.includes('a column of ln(val_perplexity)')), ppl.join('\n'));
  const loss = await planNotesOf(runsLogging('val_loss', (l) => l));
  assert.ok(!loss.some((n) => /is a perplexity|is the loss in bits/.test(n)), loss.join('\n'));
});

// `fit FOLDER` names the runs' final values "loss", whatever they log: what they measure is still said
test('fit on a folder of runs logging bits says what the Plan says of it', async () => {
  const folder = runsLogging('val_bpb', (l) => l / Math.LN2);
  const { err } = await printed(() => fit.run([folder, '--law', 'chinchilla', '--quick']));
  assert.ok(err.includes(surfaceMetricNote('val_bpb', 'chinchilla')), err);
  const j = JSON.parse((await printed(() => fit.run([folder, '--law', 'chinchilla', '--quick', '--json']))).out);
  // the JSON records the metric the runs logged, not the table's "loss", so allocate --from reads what it is
  assert.equal(j.y, 'val_bpb');
});

// a table whose only y is bits or a perplexity is a sweep to the panel too: its Plan says the same
test('the Plan of a sweep table with no loss column, only bits or a perplexity, says what fit says of its surface', async () => {
  const table = (column: string, of: (loss: number) => number): string => {
    const rows = [70e6, 160e6, 410e6, 1e9].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${of(law(n, d)).toFixed(5)}`));
    const file = join(root, `${column}.csv`);
    writeFileSync(file, `params,tokens,${column}\n${rows.join('\n')}\n`);
    return file;
  };
  const bits = await planNotesOf(table('val_bpb', (l) => l / Math.LN2));
  assert.ok(bits.includes(surfaceMetricNote('val_bpb', 'chinchilla')), bits.join('\n'));
  const ppl = await planNotesOf(table('val_ppl', Math.exp));
  assert.ok(ppl.includes(surfaceMetricNote('val_ppl', 'chinchilla')), ppl.join('\n'));
});

// the notification of a Plan said "loss ≈ 3.354" of a sweep in bits: a loss in nats to any reader
test('the Plan notification of a bits sweep names its L* as bits with the loss in nats it means; of a loss, as the loss', async () => {
  const table = (column: string, of: (loss: number) => number): string => {
    const rows = [70e6, 160e6, 410e6, 1e9].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${of(law(n, d)).toFixed(5)}`));
    const file = join(root, `summary_${column}.csv`);
    writeFileSync(file, `params,tokens,${column}\n${rows.join('\n')}\n`);
    return file;
  };
  const planOf = async (path: string) => {
    const source = await readSource(path);
    const all = surfaceData(source)!;
    const swept = fitSweepSurface('chinchilla', surfaceObservations(all), { ...PLAN_FIT, quick: true });
    return planForQuery(sweepPlanSurface(path, basename(path), all, swept).surface, { flops: 1e21 });
  };
  const bits = await planOf(table('val_bpb', (l) => l / Math.LN2));
  const said = planSummary(bits);
  const m = /tokens\/param\), val_bpb ≈ ([\d.]+) \(a loss of ([\d.]+) × ln 2 = ([\d.]+) nats\)\./.exec(said);
  assert.ok(m, said);
  assert.equal(Number(m[1]), Number(bits.budget.loss.toPrecision(4)));
  assert.ok(Math.abs(Number(m[3]) - bits.budget.loss * Math.LN2) < 1e-3, said);
  const base = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '10x', warnings: [] };
  const crossed = validateToWebview({ type: 'data', data: { ...base, plan: bits } });
  assert.equal(crossed.type === 'data' ? crossed.data.plan?.lossName : undefined, 'val_bpb');
  const loss = await planOf(table('loss', (l) => l));
  assert.match(planSummary(loss), /tokens\/param\), loss ≈ [\d.]+\.$/);
  // the panel's table heads its L* column with the column it is in
  useFakeDom();
  const { renderPlan } = await import('../../../webview/tables');
  const text = (plan: typeof bits): string => {
    const root = new FakeNode('section');
    renderPlan(root as never, plan, new FakeNode('div') as never, new FakeNode('div') as never);
    return root.textContent;
  };
  assert.match(text(bits), /Tokens \/ paramval_bpb L\*/);
  assert.match(text(loss), /Tokens \/ paramLoss L\*/);
});

// "loss 3" of a perplexity sweep (E ≈ 5.4) was refused as below "the surface's irreducible loss E = 5.4" with no word that E is a perplexity
test('a loss a perplexity or bits surface cannot reach is refused saying the loss is read in its units, and what a loss in nats is asked as', async () => {
  const file = join(root, 'refused_val_ppl.csv');
  const rows = [70e6, 160e6, 410e6, 1e9].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${Math.exp(law(n, d)).toFixed(4)}`));
  writeFileSync(file, `params,tokens,val_ppl\n${rows.join('\n')}\n`);
  const source = await readSource(file);
  const all = surfaceData(source)!;
  const swept = fitSweepSurface('chinchilla', surfaceObservations(all), { ...PLAN_FIT, quick: true });
  const { surface } = sweepPlanSurface(file, basename(file), all, swept);
  assert.throws(() => planForQuery(surface, parsePlanQuery('loss 3')), /irreducible loss E = [\d.]+; no finite compute reaches it\. This surface is of val_ppl, a perplexity, and the loss asked is read in its units: a loss of 3 nats is val_ppl 20\.09, asked as "loss 20\.09"\.$/);
  assert.doesNotThrow(() => planForQuery(surface, parsePlanQuery('loss 20.09')));
});
