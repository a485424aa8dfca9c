// Predict, Plan, Export and Benchmark, called with arguments (no input boxes), checked against
// numbers the test derives on its own from the fixture files and published constants.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchmarkView, PlanView, PredictionView } from '../../src/shared/protocol';
import { EXTENSION_ID, api, closeAllEditors, fixture, readCsv } from './helpers';

function firstBenchmarkCurve(): { x: number; y: number }[] {
  const rows = readCsv(fixture('benchmark.lang.csv').fsPath);
  const key = (r: Record<string, string>) => `${r['Domain']}/${r['Task']}/${r['Model']}`;
  const k0 = key(rows[0]!);
  return rows.filter((r) => key(r) === k0).map((r) => ({ x: Number(r['Seen Examples']), y: Number(r['Loss']) }));
}

export function registerCommandTests(): void {
  suite('predict, plan, export, benchmark', () => {
    suiteTeardown(closeAllEditors);

    test('Predict at 10x returns the chosen fit at ten times the largest observed x, with a target marker', async () => {
      const a = await api();
      const curve = firstBenchmarkCurve();
      const maxX = Math.max(...curve.map((p) => p.x));
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: '10x' })) as PredictionView | undefined;
      assert.ok(p, `no prediction (${a.testing.lastError() ?? ''})`);
      assert.ok(Math.abs(p.x / (10 * maxX) - 1) < 1e-9, `x ${p.x} is not 10 × ${maxX}`);
      // a loss curve keeps falling (or flattens): the prediction is below the last observation and positive
      const lastY = curve.sort((u, v) => u.x - v.x).at(-1)!.y;
      assert.ok(p.y > 0 && p.y <= lastY * 1.01, `prediction ${p.y} vs last observed ${lastY}`);
      if (p.lo !== undefined && p.hi !== undefined) assert.ok(p.lo <= p.y && p.y <= p.hi, 'interval contains the estimate');
      const data = a.testing.lastPanelData()!;
      assert.ok(data.chart?.markers.some((m) => m.kind === 'target' && m.x !== undefined && Math.abs(m.x / p.x - 1) < 1e-9), 'target marker on the chart');
      assert.deepEqual(data.prediction, p);
    });

    test('Predict accepts sizes with suffixes (2B) and rejects nonsense with a message', async () => {
      const a = await api();
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: '2B' })) as PredictionView | undefined;
      assert.ok(p);
      assert.equal(p.x, 2e9);
      const bad = await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: 'lots' });
      assert.equal(bad, undefined);
      assert.match(a.testing.lastError() ?? '', /not a target/);
    });

    test('Predict answers "when does the loss reach L?" with the x where the fit gets there, then predicts there', async () => {
      const a = await api();
      const at10 = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: '10x' })) as PredictionView | undefined;
      assert.ok(at10, `no prediction (${a.testing.lastError() ?? ''})`);
      const loss = Number(at10.y.toPrecision(6));
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: `when does the loss reach ${loss}?` })) as PredictionView | undefined;
      assert.ok(p, `no answer (${a.testing.lastError() ?? ''})`);
      assert.ok(Math.abs(p.x / at10.x - 1) < 0.02, `reached at ${p.x}, where 10x (${at10.x}) predicted it`);
      assert.ok(Math.abs(p.y / loss - 1) < 0.005, `the loss there ${p.y} vs ${loss}`);
      assert.equal(a.testing.lastPanelData()?.prediction?.x, p.x, 'the panel shows the reached x as its target');
      assert.match(p.reached ?? '', new RegExp(`= ${loss}0* at x ≈ .*, 10× the data`), 'and says what was asked (as the headline writes a loss: trailing zeros to four digits)');
    });

    test('Predict on a perplexity: the answer is the perplexity and the loss it means; "when does the loss reach L?" asks for that loss', async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-ppl-'));
      const ppl = path.join(dir, 'ppl.csv');
      writeFileSync(ppl, ['step,val_ppl', ...Array.from({ length: 40 }, (_, i) => `${(i + 1) * 500},${Math.exp(2 + 30 * ((i + 1) * 500) ** -0.3).toFixed(5)}`)].join('\n'));
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: vscode.Uri.file(ppl), target: '10x' })) as PredictionView | undefined;
      assert.ok(p, `no prediction (${a.testing.lastError() ?? ''})`);
      assert.match(p.meaning ?? '', /^a loss of ln [\d.]+ = [\d.]+ nats/);
      assert.equal(a.testing.lastPanelData()?.prediction?.meaning, p.meaning);
      const loss = Number(Math.log(p.y).toPrecision(6));
      const r = (await vscode.commands.executeCommand('scalingLens.predict', { uri: vscode.Uri.file(ppl), target: `when does the loss reach ${loss}?` })) as PredictionView | undefined;
      assert.ok(r, `no answer (${a.testing.lastError() ?? ''})`);
      assert.ok(Math.abs(r.x / p.x - 1) < 0.02, `a loss of ${loss} (a perplexity of ${p.y}) reached at ${r.x}, where 10x (${p.x}) predicted it`);
      assert.match(r.reached ?? '', new RegExp(`^val_ppl = [\\d.]+ \\(a loss of ln [\\d.]+ = ${Number(loss.toPrecision(4))} nats\\) at x ≈ `));
    });

    test('Predict on an accuracy: fitted as its error, answered and drawn as the accuracy; "when does val_accuracy reach 0.86?" asks for that accuracy', async () => {
      const a = await api();
      // the CLI tests' synthetic accuracy: 1 − (0.12 + 1.9·x^−0.35) + N(0, 0.003) at steps 500…20000 (test/fixtures/units/README.md)
      const fixtureFile = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'units', 'accuracy.csv');
      const acc = path.join(mkdtempSync(path.join(tmpdir(), 'sl-acc-')), 'accuracy.csv');
      writeFileSync(acc, readFileSync(fixtureFile));
      const logged = readCsv(acc).map((r) => ({ x: Number(r['step']), y: Number(r['val_accuracy']) }));
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: vscode.Uri.file(acc), target: '10x' })) as PredictionView | undefined;
      assert.ok(p, `no prediction (${a.testing.lastError() ?? ''})`);
      const truth = 1 - (0.12 + 1.9 * (10 * 20000) ** -0.35);
      assert.equal(p.x, 200000);
      assert.ok(p.lo !== undefined && p.hi !== undefined && p.lo < p.y && p.y < p.hi && p.hi < 1, `an accuracy with its interval: ${p.y} (${p.lo}–${p.hi})`);
      assert.ok(p.lo < truth && truth < p.hi && Math.abs(p.y - truth) < 0.01, `${p.y} (${p.lo}–${p.hi}) vs the curve's own ${truth}`);
      assert.match(p.fittedAsError ?? '', /^val_accuracy rises with training, and the laws here fit a metric that falls: fitted its error, 1 − val_accuracy 0\.1\d+ \(0\.\d+–0\.\d+\), read back as the accuracy/);
      const data = a.testing.lastPanelData();
      assert.ok(data?.chart, 'a chart');
      assert.equal(data.notice, undefined);
      assert.deepEqual(data.prediction, p);
      const drawn = data.chart.series.filter((s) => s.role === 'fit' || s.role === 'heldout').flatMap((s) => s.points).sort((u, v) => u.x - v.x);
      assert.deepEqual(drawn, logged, 'the chart\'s data are the accuracy as logged');
      const ext = data.chart.series.find((s) => s.role === 'extrapolation' && s.estimator === p.law);
      assert.ok(ext && Math.abs(ext.points.at(-1)!.y - p.y) < 1e-9, 'the extrapolation drawn as the accuracy, to the headline\'s value');
      const r = (await vscode.commands.executeCommand('scalingLens.predict', { uri: vscode.Uri.file(acc), target: 'when does val_accuracy reach 0.86?' })) as PredictionView | undefined;
      assert.ok(r, `no answer (${a.testing.lastError() ?? ''})`);
      assert.ok(r.x > 20000 && Math.abs(r.y - 0.86) < 0.005, `an accuracy of 0.86 reached at ${r.x}, where the headline says ${r.y}`);
      assert.match(r.reached ?? '', /^val_accuracy = 0\.860* at x ≈ .*, [\d.]+× the data/);
      // the error the laws were asked to reach, as the prediction names the error fitted
      assert.match(r.reached ?? '', /; fitted as its error: 1 − val_accuracy = 0\.14$/);
    });

    test('Predict at a question that comes to the x already shown ("10x", then "loss at 10x data?") keeps the panel headline', async () => {
      const a = await api();
      const at10 = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: '10x' })) as PredictionView | undefined;
      assert.ok(at10, `no prediction (${a.testing.lastError() ?? ''})`);
      const again = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: 'loss at 10x data?' })) as PredictionView | undefined;
      assert.equal(again?.x, at10.x);
      const headline = a.testing.lastPanelData()?.prediction;
      assert.ok(headline, 'the headline stays though nothing was refitted');
      assert.equal(headline.x, at10.x);
      assert.equal(headline.y, at10.y);
    });

    test('Predict names the target by its multiple and amount, not the question typed, in the headline and the table', async () => {
      const a = await api();
      const p = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: 'what will the loss be at 10x data?' })) as PredictionView | undefined;
      assert.ok(p, `no prediction (${a.testing.lastError() ?? ''})`);
      assert.match(p.targetLabel, /^10x \([\d.]+[KMBT]? samples\)$/);
      const data = a.testing.lastPanelData();
      assert.equal(data?.targetText, 'what will the loss be at 10x data?', 'the field keeps what was typed');
      assert.equal(data?.prediction?.targetLabel, p.targetLabel);
      assert.equal(data?.tables[0]?.targetLabel, p.targetLabel);
    });

    test('Predict asked for a loss the fit passes inside the data drops an older reach answer from the headline', async () => {
      const a = await api();
      const at10 = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: '10x' })) as PredictionView | undefined;
      assert.ok(at10, `no prediction (${a.testing.lastError() ?? ''})`);
      const far = (await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: `when does the loss reach ${Number(at10.y.toPrecision(6))}?` })) as PredictionView | undefined;
      assert.ok(far?.reached, 'the first answer is in the headline');
      const curve = firstBenchmarkCurve().sort((u, v) => u.x - v.x);
      const inside = Number(curve[Math.floor(curve.length / 2)]!.y.toPrecision(4));
      const answer = await vscode.commands.executeCommand('scalingLens.predict', { uri: fixture('benchmark.lang.csv'), target: `when does the loss reach ${inside}?` });
      assert.equal(answer, undefined, 'reached inside the data: the target stays');
      const headline = a.testing.lastPanelData()?.prediction;
      assert.ok(headline, 'the headline stays at its target');
      assert.equal(headline.reached, undefined, `no older answer kept: ${headline.reached}`);
    });

    test('Export writes CSV and JSON of data + fits, and a PNG of the chart, to the chosen path', async () => {
      const a = await api();
      await vscode.commands.executeCommand('scalingLens.fit', fixture('benchmark.lang.csv'));
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-export-'));
      const csv = (await vscode.commands.executeCommand('scalingLens.export', { format: 'csv', uri: vscode.Uri.file(path.join(dir, 'out.csv')) })) as vscode.Uri | undefined;
      assert.ok(csv && existsSync(csv.fsPath));
      const lines = readFileSync(csv.fsPath, 'utf8').trim().split('\n');
      assert.match(lines[0]!, /^curve,kind,samples,loss,m\d,/, 'one column per estimator');
      const nPoints = firstBenchmarkCurve().length;
      assert.equal(lines.filter((l) => /,(fit|heldout),/.test(l)).length, nPoints);
      const json = (await vscode.commands.executeCommand('scalingLens.export', { format: 'json', uri: vscode.Uri.file(path.join(dir, 'out.json')) })) as vscode.Uri | undefined;
      assert.ok(json);
      const doc = JSON.parse(readFileSync(json.fsPath, 'utf8')) as { curves: { estimators: { law: string; params: Record<string, number> | null }[] }[] };
      assert.equal(doc.curves.length, 1);
      assert.ok(doc.curves[0]!.estimators.some((e) => e.params && Object.keys(e.params).length > 0));
      const png = (await vscode.commands.executeCommand('scalingLens.export', { format: 'png', uri: vscode.Uri.file(path.join(dir, 'chart.png')) })) as vscode.Uri | undefined;
      assert.ok(png, `PNG export returned nothing (${a.testing.lastError() ?? 'no error shown'})`);
      const bytes = readFileSync(png.fsPath);
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      assert.ok(bytes.length > 5000, `PNG of ${bytes.length} bytes is too small to hold a chart`);
    });

    test('A panel that came up blank (its script never loaded, as VS Code for the Web can) is reloaded and exports its chart', async () => {
      const a = await api();
      await vscode.commands.executeCommand('scalingLens.fit', fixture('benchmark.lang.csv'));
      assert.ok(a.testing.loadBlankPanel(), 'no panel to break');
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-blank-'));
      const png = (await vscode.commands.executeCommand('scalingLens.export', { format: 'png', uri: vscode.Uri.file(path.join(dir, 'chart.png')) })) as vscode.Uri | undefined;
      assert.ok(png, `PNG export of a reloaded panel returned nothing (${a.testing.lastError() ?? 'no error shown'})`);
      assert.ok(readFileSync(png.fsPath).length > 5000, 'a chart, not an empty image');
    });

    test('Plan with the Chinchilla preset matches the closed-form compute-optimal allocation', async () => {
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: '5.76e23', surface: 'chinchilla' })) as PlanView | undefined;
      assert.ok(plan, 'no plan');
      const p = Object.fromEntries(plan.params);
      const { A, B, alpha, beta, E } = p as Record<string, number>;
      assert.ok(A && B && alpha && beta && E !== undefined, `unexpected params ${JSON.stringify(p)}`);
      // Hoffmann et al. 2022, eq. 4: N_opt = G (C/6)^(β/(α+β)), G = (αA / βB)^(1/(α+β))
      const C = 5.76e23;
      const G = Math.pow((alpha * A) / (beta * B), 1 / (alpha + beta));
      const N = G * Math.pow(C / 6, beta / (alpha + beta));
      const D = C / 6 / N;
      assert.ok(Math.abs(plan.budget.N / N - 1) < 0.02, `N ${plan.budget.N} vs ${N}`);
      assert.ok(Math.abs(plan.budget.D / D - 1) < 0.02, `D ${plan.budget.D} vs ${D}`);
      assert.ok(Math.abs(plan.budget.loss - (E + A / Math.pow(N, alpha) + B / Math.pow(D, beta))) < 1e-3);
      assert.ok(plan.rows.length >= 5 && plan.chart.series.some((s) => s.role === 'frontier'));
    });

    test('Plan with limited unique data, typed as the palette takes it: more passes, a smaller model, the cost of the limit', async () => {
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: 'best N and D for 5.76e23 FLOPs with 240B unique tokens?', surface: 'chinchilla' })) as PlanView | undefined;
      assert.ok(plan?.constrained, 'no data-constrained split');
      const c = plan.constrained;
      assert.equal(c.uniqueTokens, 2.4e11);
      assert.ok(c.epochs > 5 && c.N < plan.budget.N && c.excessLoss > 0, `epochs ${c.epochs}, N ${c.N} vs ${plan.budget.N}`);
      assert.ok(Math.abs((6 * c.N * c.D) / 5.76e23 - 1) < 1e-9);
    });

    test('Plan for a loss to reach: the least compute whose optimum reaches it, and a reload asks the same question', async () => {
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: 'compute to reach loss 2.1?', surface: 'chinchilla' })) as PlanView | undefined;
      assert.ok(plan, 'no plan');
      assert.equal(plan.targetLoss, 2.1);
      assert.ok(Math.abs(plan.budget.loss - 2.1) < 1e-6, `L* ${plan.budget.loss} at ${plan.budget.flops}`);
      const more = (await vscode.commands.executeCommand('scalingLens.plan', { budget: String(plan.budget.flops * 0.9), surface: 'chinchilla' })) as PlanView;
      assert.ok(more.budget.loss > 2.1, 'less compute does not reach it');
    });

    test('Plan for a loss while serving tokens: a smaller model trained longer, less compute in all', async () => {
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: 'loss 2.1 with 1T inference tokens', surface: 'chinchilla' })) as PlanView | undefined;
      assert.ok(plan?.inference, 'no inference-aware plan');
      const v = plan.inference;
      assert.ok(v.N < plan.budget.N && v.D > plan.budget.D && v.saving > 0.1, `N ${v.N} vs ${plan.budget.N}, saving ${v.saving}`);
      assert.ok(Math.abs(v.totalFlops - v.trainingFlops - v.inferenceFlops) < 1e-6 * v.totalFlops);
    });

    test('Plan from the fitted surface of a sweep file', async () => {
      const a = await api();
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: '1e21', surface: fixture('sweep.csv').fsPath })) as PlanView | undefined;
      assert.ok(plan, `no plan (${a.testing.lastError() ?? ''})`);
      assert.ok(Math.abs((6 * plan.budget.N * plan.budget.D) / 1e21 - 1) < 0.05, 'C ≈ 6·N·D');
      assert.ok(plan.budget.tokensPerParam > 0.1 && plan.budget.tokensPerParam < 10_000);
      // the sweep is an IsoFLOP design (3 budgets of 5–6 sizes): its profiles come beside the surface
      const iso = plan.isoflop;
      assert.ok(iso, 'no IsoFLOP profiles');
      assert.equal(iso.rows.length, 3);
      assert.ok(Math.abs(iso.exponent - iso.surfaceExponent) < 0.05, `exponents ${iso.exponent} vs ${iso.surfaceExponent}`);
      assert.ok(Math.abs((6 * iso.budget.N * iso.budget.D) / 1e21 - 1) < 1e-9);
      assert.ok(plan.chart.series.some((s) => s.id === 'iso-N') && iso.chart.series.some((s) => s.role === 'budget'));
    });

    test('Plan from a sweep for a loss to reach: the interval is on the compute it takes (each refit\'s own), not on the loss asked, and the chart marks the runs fitted', async () => {
      const a = await api();
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: 'compute to reach loss 2.9', surface: fixture('sweep.csv').fsPath })) as PlanView | undefined;
      assert.ok(plan, `no plan (${a.testing.lastError() ?? ''})`);
      const iv = plan.budget.intervals;
      assert.ok(iv?.flops, `no interval on the compute: ${JSON.stringify(iv)}`);
      assert.ok(iv.flops[0] < plan.budget.flops && plan.budget.flops < iv.flops[1], `${iv.flops} around ${plan.budget.flops}`);
      assert.equal(iv.loss, undefined, 'the loss asked has no interval');
      // the sweep's runs span 6e18 … 3e19 FLOPs
      assert.deepEqual(plan.chart.markers.filter((m) => m.kind === 'end').map((m) => m.label), ['smallest run fitted (6e18)', 'largest run fitted (3e19)']);
    });

    test('Export of a plan of a size on a token count: the JSON holds the loss asked and the back-test line, the CSV one row per plan', async () => {
      const a = await api();
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: 'loss of 1B on 100B tokens', surface: fixture('sweep.csv').fsPath })) as PlanView | undefined;
      assert.ok(plan?.point, `no plan of the point (${a.testing.lastError() ?? ''})`);
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-plan-export-'));
      const json = (await vscode.commands.executeCommand('scalingLens.export', { format: 'json', uri: vscode.Uri.file(path.join(dir, 'plan.json')) })) as vscode.Uri | undefined;
      assert.ok(json, `JSON export returned nothing (${a.testing.lastError() ?? ''})`);
      const doc = JSON.parse(readFileSync(json.fsPath, 'utf8')) as { plan: { point?: { loss: number; lossInterval?: number[] }; trust?: string } };
      assert.equal(doc.plan.point?.loss, plan.point.loss);
      assert.deepEqual(doc.plan.point?.lossInterval, plan.point.lossInterval);
      assert.equal(doc.plan.trust, plan.trust);
      const csv = (await vscode.commands.executeCommand('scalingLens.export', { format: 'csv', uri: vscode.Uri.file(path.join(dir, 'plan.csv')) })) as vscode.Uri | undefined;
      assert.ok(csv);
      const lines = readFileSync(csv.fsPath, 'utf8').trim().split('\n');
      assert.equal(lines[0], 'kind,flops,N,D,tokens_per_param,loss,flops_lo,flops_hi,N_lo,N_hi,D_lo,D_hi,loss_lo,loss_hi');
      assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['asked', 'budget', ...plan.rows.map(() => 'frontier')]);
    });

    test('Plan from a sweep with one broken run: the run is named and left out, and the plan is the surface of the others', async () => {
      const a = await api();
      const [E, A, B, alpha, beta] = [1.69, 406.4, 410.7, 0.34, 0.28];
      const rows = ['N,D,loss'];
      for (const n of [5e7, 1e8, 2e8, 4e8, 8e8]) for (const d of [1e9, 2e9, 4e9, 8e9]) rows.push(`${n},${d},${(E + A / n ** alpha + B / d ** beta) * (n === 2e8 && d === 4e9 ? 1.4 : 1)}`);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-sweep-')), 'sweep.csv');
      writeFileSync(file, rows.join('\n') + '\n');
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: '1e21', surface: file })) as PlanView | undefined;
      assert.ok(plan, `no plan (${a.testing.lastError() ?? ''})`);
      assert.match(plan.source, /\(19 of 20 runs\); in brackets, 95% intervals from 200 bootstrap refits of the runs$/);
      // the outlier, and how far 1e21 FLOPs is past the largest run (6·8e8·8e9 ≈ 3.84e19: 26×)
      assert.equal(plan.notes?.length, 2, (plan.notes ?? []).join('\n'));
      assert.match(plan.notes[0]!, /left a run out of the surface fit as an outlier: N = 2\.00e\+8, D = 4\.00e\+9/);
      assert.match(plan.notes[1]!, /^1e21 FLOPs is 26× the compute of the largest run in sweep\.csv/);
      // the closed-form optimum of the surface the other runs lie on exactly
      const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
      const nOpt = G * (1e21 / 6) ** (beta / (alpha + beta));
      assert.ok(Math.abs(plan.budget.N / nOpt - 1) < 0.02, `N_opt ${plan.budget.N} vs ${nOpt}`);
    });

    test('Plan from the final losses of a folder of finished runs (sizes and planned lengths in their hparams.yaml)', async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-finished-'));
      const law = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
      [70e6, 160e6, 410e6].forEach((n, i) =>
        [1000, 4000, 16000].forEach((t, j) => {
          const run = path.join(dir, `run_${i}${j}`);
          mkdirSync(run);
          const rows = ['step,tokens,loss'];
          for (let s = 100; s <= t; s += 100) rows.push(`${s},${s * 2 ** 20},${law(n, t * 2 ** 20) + 0.5 * (1 - s / t) ** 2}`);
          writeFileSync(path.join(run, 'metrics.csv'), rows.join('\n') + '\n');
          writeFileSync(path.join(run, 'hparams.yaml'), `n_params: ${n}\nmax_steps: ${t}\n`);
        }),
      );
      const plan = (await vscode.commands.executeCommand('scalingLens.plan', { budget: '1e21', surface: dir })) as PlanView | undefined;
      assert.ok(plan, `no plan (${a.testing.lastError() ?? ''})`);
      assert.match(plan.source, /\(9 runs\); in brackets, 95% intervals from 200 bootstrap refits of the runs$/);
      assert.ok(Math.abs((6 * plan.budget.N * plan.budget.D) / 1e21 - 1) < 0.05, 'C ≈ 6·N·D');
    });

    test('Run Benchmark scores the estimators on held-out points of the benchmark curves, overall and per domain', async () => {
      const a = await api();
      // the first 6 curves: the 5 NMT curves and one LM curve
      const view = (await vscode.commands.executeCommand('scalingLens.benchmark', { file: fixture('benchmark.lang.csv').fsPath, limit: 6 })) as BenchmarkView | undefined;
      assert.ok(view, `no benchmark result (${a.testing.lastError() ?? ''})`);
      assert.equal(view.curves, 6);
      assert.equal(view.cancelled, false);
      assert.ok(view.rows.length >= 3, `only ${view.rows.length} estimators scored`);
      for (const r of view.rows) {
        assert.ok(r.curves >= 1 && r.curves <= 6);
        assert.ok(r.meanRmsle >= 0 && Number.isFinite(r.meanRmsle));
      }
      assert.equal(view.rows.reduce((n, r) => n + r.wins, 0), 6, 'one winner per curve');
      assert.ok(view.auto && view.auto.curves >= 1);
      assert.deepEqual(view.groups.map((g) => [g.name, g.curves]), [['NMT', 5], ['LM', 1]]);
      assert.equal(view.groups[0].rows.reduce((n, r) => n + r.wins, 0), 5);
      assert.deepEqual(a.testing.lastPanelData()?.benchmark, view);
    });

    test('Export of the benchmark panel: JSON carries the league table; PNG explains there is no chart', async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-export-'));
      const json = (await vscode.commands.executeCommand('scalingLens.export', { format: 'json', uri: vscode.Uri.file(path.join(dir, 'bench.json')) })) as vscode.Uri | undefined;
      assert.ok(json);
      const doc = JSON.parse(readFileSync(json.fsPath, 'utf8')) as { benchmark?: BenchmarkView };
      assert.equal(doc.benchmark?.curves, 6);
      const png = await vscode.commands.executeCommand('scalingLens.export', { format: 'png', uri: vscode.Uri.file(path.join(dir, 'bench.png')) });
      assert.equal(png, undefined);
      assert.match(a.testing.lastError() ?? '', /no chart to export/);
      assert.equal(existsSync(path.join(dir, 'bench.png')), false, 'nothing written');
    });
  });
}
