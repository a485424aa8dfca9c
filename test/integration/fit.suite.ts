// "Fit Learning Curve" / "Compare Estimators" on the RNSL benchmark file: the panel's data
// message carries the curves, the fit / held-out split from the file's Training column, every
// estimator's curve and the comparison table. Bad files give an error message, not a crash.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type PanelData } from '../../src/shared/protocol';
import { validateToWebview } from '../../src/shared/validate';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { api, closeAllEditors, EXTENSION_ID, fixture, readCsv } from './helpers';
import { eventFile, valueSimple, type EventSpec } from '../unit/ingest/binaryWriters';

interface BenchRow {
  key: string;
  x: number;
  y: number;
  fit: boolean;
}

function benchmarkRows(): BenchRow[] {
  return readCsv(fixture('benchmark.lang.csv').fsPath).map((r) => ({
    key: `${r['Domain']}/${r['Task']}/${r['Model']}`,
    x: Number(r['Seen Examples']),
    y: Number(r['Loss']),
    fit: r['Training'] === '1',
  }));
}

function series(data: PanelData, role: string) {
  return data.chart?.series.filter((s) => s.role === role) ?? [];
}

export function registerFitTests(): void {
  suite('fit', () => {
    suiteTeardown(closeAllEditors);

    test('Fit on the benchmark CSV opens a panel whose data message carries the expected curves', async () => {
      const a = await api();
      const rows = benchmarkRows();
      const keys = [...new Set(rows.map((r) => r.key))];
      const data = (await vscode.commands.executeCommand('scalingLens.fit', fixture('benchmark.lang.csv'))) as PanelData | undefined;
      assert.ok(data, 'fit returned no panel data');
      const last = a.testing.lastPanelData();
      assert.deepEqual(last, data, 'the last message sent to the panel is the returned snapshot');
      // what the webview receives passes its own validator (finite numbers, known roles, …)
      assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify(a.testing.lastPanelMessage()))));
      assert.equal(data.curves.length, keys.length, 'one curve per Domain/Task/Model');
      assert.equal(data.columns?.selectedX, 'samples', 'x guessed as seen examples');
      assert.equal(data.selected.length, 1);
      // the first curve, split by the Training column
      const first = data.curves.find((c) => c.id === data.selected[0])!;
      const mine = rows.filter((r) => r.key === keys[0]);
      assert.equal(first.points, mine.length);
      const fit = series(data, 'fit');
      const held = series(data, 'heldout');
      assert.equal(fit.length, 1);
      assert.equal(held.length, 1);
      assert.deepEqual(
        fit[0]!.points.map((p) => p.x),
        mine.filter((r) => r.fit).map((r) => r.x).sort((p, q) => p - q),
      );
      assert.deepEqual(
        held[0]!.points.map((p) => p.x),
        mine.filter((r) => !r.fit).map((r) => r.x).sort((p, q) => p - q),
      );
      // every configured estimator is in the table; one is marked auto; each fitted one is drawn
      const configured = vscode.workspace.getConfiguration('scalingLens').get<string[]>('estimators')!;
      const table = data.tables[0]!;
      const laws = new Set(table.rows.map((r) => r.law));
      for (const id of configured) assert.ok(laws.has(id), `${id} missing from the table`);
      // the only extra row is auto's own choice when it averages several laws
      const extra = table.rows.filter((r) => !configured.includes(r.law));
      assert.ok(extra.every((r) => r.auto && r.law.startsWith('avg(')), `unexpected rows ${extra.map((r) => r.law).join(', ')}`);
      assert.equal(table.rows.filter((r) => r.auto).length, 1, 'exactly one auto choice');
      const fitted = table.rows.filter((r) => !r.error);
      assert.ok(fitted.length >= 3, `at least three estimators fit (${table.rows.map((r) => `${r.law}:${r.error ?? 'ok'}`).join(', ')})`);
      for (const r of fitted) {
        assert.ok(r.backtestRmsle === undefined || (r.backtestRmsle >= 0 && Number.isFinite(r.backtestRmsle)));
        assert.ok(series(data, 'curve').some((s) => s.estimator === r.law), `no curve drawn for ${r.law}`);
        assert.ok(series(data, 'extrapolation').some((s) => s.estimator === r.law), `no extrapolation drawn for ${r.law}`);
      }
      // the drawn curves stay near the data they were fitted to (log space, within 25 %)
      const auto = table.rows.find((r) => r.auto)!;
      const autoCurve = series(data, 'curve').find((s) => s.estimator === auto.law)!;
      const ys = mine.map((r) => r.y);
      for (const p of autoCurve.points) assert.ok(p.y > Math.min(...ys) * 0.75 && p.y < Math.max(...ys) * 1.25, `curve point ${p.y} far from the data`);
    });

    test('Fit with every curve selected overlays several runs, each with its own data and chosen fit', async () => {
      const data = (await vscode.commands.executeCommand('scalingLens.fit', fixture('benchmark.lang.csv'), { curves: 'all' })) as PanelData | undefined;
      assert.ok(data);
      assert.equal(data.selected.length, 8);
      assert.equal(series(data, 'fit').length, 8);
      assert.equal(new Set(series(data, 'fit').map((s) => s.curve)).size, 8);
      assert.ok(series(data, 'curve').length >= 6, 'most overlaid curves have a fitted line');
      assert.equal(data.tables.length, 8);
    });

    test('Compare Estimators fits every registered curve law', async () => {
      const data = (await vscode.commands.executeCommand('scalingLens.compare', fixture('benchmark.lang.csv'))) as PanelData | undefined;
      assert.ok(data);
      const laws = data.tables[0]!.rows.map((r) => r.law);
      for (const id of ['m1', 'm2', 'm3', 'm4']) assert.ok(laws.includes(id), `${id} missing from ${laws.join(', ')}`);
      // the back-test view: every law's error at each extrapolation factor, as a chart and a table
      const bt = data.backtest;
      assert.ok(bt, 'no back-test view');
      assert.deepEqual(bt.rows.map((r) => r.law), laws, 'one row per estimator, in the table\'s order');
      assert.ok(bt.factors.length >= 4 && bt.factors.every((f, i) => i === 0 || f > bt.factors[i - 1]!));
      const scored = bt.rows.filter((r) => r.errors.some((e) => e !== null));
      assert.ok(scored.length >= 3, 'at least three laws back-tested');
      for (const r of scored) for (const e of r.errors) assert.ok(e === null || (e >= 0 && Number.isFinite(e)));
      assert.ok(bt.chart.series.length >= 3 && bt.chart.series.every((s) => s.role === 'backtest' && s.points.every((p) => bt.factors.includes(p.x))));
      const auto = data.tables[0]!.rows.find((r) => r.auto);
      if (auto) assert.ok(bt.auto?.startsWith(`${auto.law}:`), 'the view names auto\'s choice');
    });

    test('Compare Estimators marks M4 collapsed to M2 in the main table as in the back-test view', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const log = vscode.Uri.file(path.join(ext.extensionPath, 'data', 'lr-schedules', '25M', 'cosine_24000.csv'));
      const data = (await vscode.commands.executeCommand('scalingLens.compare', log)) as PanelData | undefined;
      assert.ok(data);
      const a = await api();
      assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify(a.testing.lastPanelMessage()))));
      assert.equal(data.tables[0]!.rows.find((r) => r.law === 'm4')?.sameAs, 'M2 (power law + limit)', JSON.stringify(data.tables[0]!.rows.map((r) => [r.law, r.sameAs])));
      assert.equal(data.backtest?.rows.find((r) => r.law === 'm4')?.sameAs, 'M2 (power law + limit)');
      assert.ok(!data.tables[0]!.rows.some((r) => r.law === 'm2' && r.sameAs), 'the first of the two is not marked');
    });

    test('Fit on a folder of runs lists one curve per run and can overlay them', async () => {
      const data = (await vscode.commands.executeCommand('scalingLens.fit', fixture('runs'), { curves: 'all' })) as PanelData | undefined;
      assert.ok(data);
      assert.deepEqual(data.curves.map((c) => c.label).sort(), ['large', 'small']);
      assert.ok(data.curves.every((c) => c.points === 40));
      assert.equal(data.columns?.selectedX, 'tokens');
      assert.equal(data.columns?.selectedY, 'val_loss');
      assert.equal(series(data, 'fit').length, 2);
      // each run's hparams.yaml is carried to the curve picker
      assert.equal(data.curves.find((c) => c.label === 'small')?.config, 'model.n_layer 6 · model.n_embd 384 · max_steps 40 · lr 6e-4');
    });

    test("An HF output folder is one run: its checkpoint's trainer_state.json, extended by the Trainer's TensorBoard logs", async () => {
      const out = path.join(mkdtempSync(path.join(tmpdir(), 'sl-hf-')), 'gpt2-out');
      const loss = (s: number) => 2 + 8 * s ** -0.3;
      const history = [];
      for (let s = 100; s <= 400; s += 100) history.push({ step: s, loss: loss(s) }, { step: s, eval_loss: loss(s) + 0.1 });
      mkdirSync(path.join(out, 'checkpoint-400'), { recursive: true });
      writeFileSync(path.join(out, 'checkpoint-400', 'trainer_state.json'), JSON.stringify({ max_steps: 2000, log_history: history }));
      const events: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }];
      for (let s = 100; s <= 800; s += 100) events.push({ step: s, values: [valueSimple('train/loss', loss(s)), valueSimple('eval/loss', loss(s) + 0.1)] });
      mkdirSync(path.join(out, 'runs', 'Dec05_10-00-00_host'), { recursive: true });
      writeFileSync(path.join(out, 'runs', 'Dec05_10-00-00_host', 'events.out.tfevents.1733392800.host.1.0'), eventFile(events));
      const data = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(path.dirname(out)), { curves: 'all' })) as PanelData | undefined;
      assert.ok(data, (await api()).testing.lastError());
      assert.deepEqual(data.curves.map((c) => [c.label, c.points]), [['gpt2-out', 8]]);
      assert.equal(data.columns?.selectedY, 'eval_loss');
      assert.match(data.curves[0]!.config ?? '', /max_steps 2000/);
    });

    test("A run's log opened by itself: the tab names its folder, and the header its config", async () => {
      const data = (await vscode.commands.executeCommand('scalingLens.fit', fixture('runs/large/metrics.csv'))) as PanelData | undefined;
      assert.ok(data, (await api()).testing.lastError());
      assert.equal(data.title, 'large/metrics.csv');
      assert.equal(data.curves.length, 1);
      assert.match(data.curves[0]!.config ?? '', /^model\.n_layer 12 · model\.n_embd 768 · max_steps 40 · lr 3e-4$/);
    });

    test('Runs of several sizes in one table: against N, one curve per shared D, and the headline carries the mid-schedule caution', async () => {
      const a = await api();
      const file = fixture('runs_by_size.csv');
      const opened = (await vscode.commands.executeCommand('scalingLens.fit', file)) as PanelData | undefined;
      assert.ok(opened, a.testing.lastError());
      assert.equal(opened.columns?.selectedX, 'tokens', 'it opens on the runs themselves');
      assert.deepEqual(opened.curves.map((c) => c.label), ['pythia-70m', 'pythia-160m', 'pythia-410m', 'pythia-1b']);
      assert.ok(opened.columns?.x.includes('params'));
      assert.equal(opened.notice?.action, 'againstN', 'a quiet hint offers the view against N');
      assert.equal(opened.notice?.hint, true);
      const againstN = await a.testing.restorePanel({ source: file.fsPath, columns: { x: 'params', y: 'train_loss' } });
      assert.ok(againstN);
      const labels = againstN.curves.map((c) => `${c.label} (${c.points})`).join(', ');
      assert.ok(againstN.curves.length >= 2 && againstN.curves.every((c) => /^D = [\d.]+B$/.test(c.label) && c.points === 4), labels);
      const one = await a.testing.restorePanel({ source: file.fsPath, columns: { x: 'params', y: 'train_loss' }, selected: [againstN.curves[0]!.id] });
      assert.match(one?.prediction?.caution ?? '', /read off its run at that D; .* above what a run ending at that D would reach/);
      assert.ok(one?.prediction && one.prediction.x > 1e9, 'the headline predicts past the largest size');
    });

    test('NaN and inf losses inside a log are said under the panel with their steps, as in the CLI', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-nan-')), 'nan_inside.csv');
      const rows = ['step,loss'];
      for (let i = 1; i <= 40; i++) rows.push(`${i * 100},${i === 11 ? 'nan' : i === 21 ? 'inf' : (2 + 8 * (i * 100) ** -0.3).toFixed(5)}`);
      writeFileSync(file, rows.join('\n') + '\n');
      const data = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(file))) as PanelData | undefined;
      assert.ok(data, (await api()).testing.lastError());
      assert.ok(data.warnings.some((w) => w.endsWith('"loss" is NaN or infinite at 2 points inside the log (step 1.1K, 2.1K), and finite after: left out of the fit')), data.warnings.join(' | '));
    });

    test('A constant loss: the notice on top says no law could be fitted, and why, once', async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-flat-')), 'constant.csv');
      writeFileSync(file, ['step,loss', ...Array.from({ length: 40 }, (_, i) => `${(i + 1) * 100},2.5`)].join('\n') + '\n');
      const data = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(file))) as PanelData | undefined;
      assert.ok(data, (await api()).testing.lastError());
      assert.equal(data.notice?.text, 'constant: no law could be fitted, so there is no prediction: y is constant (2.5); there is no trend to fit.');
      assert.equal(data.prediction, undefined);
    });

    test('A panel restored after a reload whose file was deleted says so, naming the file, rather than its title over nothing', async () => {
      const a = await api();
      const gone = fixture('deleted_since_last_session.csv').fsPath;
      const data = await a.testing.restorePanel({ source: gone });
      assert.ok(data, a.testing.lastError());
      assert.equal(data.title, 'deleted_since_last_session.csv');
      assert.match(data.notice?.text ?? '', /^Could not re-read .*deleted_since_last_session\.csv: .*Fit it again once it is back/);
    });

    test('Fit on an MLflow SQLite store (mlflow.db) lists its runs by name; the wasm engine loads in the extension host', async () => {
      const data = (await vscode.commands.executeCommand('scalingLens.fit', fixture('mlflow.db'), { curves: 'all' })) as PanelData | undefined;
      assert.ok(data, `no panel data (${(await api()).testing.lastError() ?? ''})`);
      const labels = data.curves.map((c) => c.label).join(', ');
      // validation loss is preferred when a run has it: bright-owl-12 logged 4 values, tagged-run 2
      assert.equal(data.columns?.selectedY, 'val_loss');
      assert.deepEqual(data.curves.map((c) => [c.label, c.points]).sort(), [['bright-owl-12', 4], ['tagged-run', 2]], labels);
    });

    test("A log with a logged LR warmup is fitted from the warmup's end; the warmup is drawn apart and said", async () => {
      const a = await api();
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-warmup-')), 'warmup_run.csv');
      const rows = ['step,lr,loss'];
      for (let s = 10; s <= 4000; s += 10) rows.push(`${s},${s < 500 ? (3e-4 * s) / 500 : 3e-4},${((2 + 30 * s ** -0.5) * (s < 500 ? 1.5 - s / 1000 : 1)).toFixed(5)}`);
      writeFileSync(file, rows.join('\n'));
      const data = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(file))) as PanelData | undefined;
      assert.ok(data, 'fit returned no panel data');
      assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify(a.testing.lastPanelMessage()))));
      const warm = series(data, 'warmup');
      assert.equal(warm.length, 1, data.chart?.series.map((s) => s.role).join());
      assert.equal(warm[0]!.points.length, 49);
      assert.ok(series(data, 'fit')[0]!.points.every((p) => p.x >= 500));
      assert.ok(data.tables[0]!.warnings.some((w) => /learning rate's warmup/.test(w)), data.tables[0]!.warnings.join('; '));
      assert.ok(data.prediction?.lo !== undefined, 'the whole refit landed, with its interval');
    });

    test('a file with no learning curve gives an error message, no panel and no crash', async () => {
      const a = await api();
      await closeAllEditors();
      const before = a.testing.panelCount();
      for (const name of ['notes.txt', 'bad.csv', 'empty.csv', 'does-not-exist.csv']) {
        const data = await vscode.commands.executeCommand('scalingLens.fit', fixture(name));
        assert.equal(data, undefined, `${name} produced panel data`);
        assert.match(a.testing.lastError() ?? '', /^Scaling Lens (could not fit|found no learning curve in )/, `${name}: no error message`);
        // once, not "Scaling Lens could not fit this file: Scaling Lens found no…"
        assert.doesNotMatch(a.testing.lastError() ?? '', /could not fit this file: Scaling Lens/);
      }
      assert.equal(a.testing.panelCount(), before);
      // still working afterwards
      const ok = (await vscode.commands.executeCommand('scalingLens.fit', fixture('nanogpt_train.log'))) as PanelData | undefined;
      assert.ok(ok && ok.curves.length >= 1);
    });
  });
}
