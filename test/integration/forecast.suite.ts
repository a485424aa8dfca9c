// The schedule-aware forecast in the real extension host: the first half of a 72k-step cosine run
// (data/lr-schedules/25M, Luo et al.) is watched, its schedule set with the palette command's
// argument form, and a prior fitted on three finished sibling runs (the authors' training split)
// set through the testing hook; the panel's final-loss forecast must land within 1% of the run's
// true final loss, and refit when the log grows.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cleanLrLog, fitScheduleLaw } from '../../src/core/schedule/index';
import { type ForecastView, type PanelData } from '../../src/shared/protocol';
import { validateToWebview } from '../../src/shared/validate';
import { EXTENSION_ID, api, closeAllEditors, waitFor } from './helpers';

const SPEC = 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5';

function dataDir(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error('extension not found');
  return path.join(ext.extensionPath, 'data', 'lr-schedules', '25M');
}

function lines(name: string): string[] {
  return readFileSync(path.join(dataDir(), `${name}.csv`), 'utf8').trim().split(/\r?\n/);
}

function run(name: string) {
  const rows = lines(name).slice(1).map((l) => l.split(',').map(Number));
  const steps = rows.map((r) => r[0]!);
  return { name, steps, loss: rows.map((r) => r[2]!), lr: cleanLrLog({ steps, lr: rows.map((r) => r[1]!) }) };
}

export function registerForecastTests(): void {
  suite('forecast', () => {
    suiteTeardown(async () => {
      const a = await api();
      for (const st of a.testing.watchStates()) await vscode.commands.executeCommand('scalingLens.stopWatch', st.path);
      await closeAllEditors();
    });

    test('half a cosine run + its schedule + a sibling prior: the panel forecasts the final loss within 1%, and refits as the log grows', async function () {
      this.timeout(240_000);
      const a = await api();
      const all = lines('cosine_72000');
      const header = all[0]!;
      const body = all.slice(1);
      const half = Math.floor(body.length / 2);
      const truth = Number(body[body.length - 1]!.split(',')[2]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-forecast-')), 'cosine_72000_half.csv');
      writeFileSync(file, `${header}\n${body.slice(0, half).join('\n')}\n`);

      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      const before = a.testing.panelData(file);
      assert.equal(before?.forecast?.lrKey, 'lr', 'the logged lr column is found');
      // a logged LR without a spec: one hint, naming the schedule that LR follows so far, which the field offers
      assert.match(before?.forecast?.hint ?? '', /learning rate \(lr\) follows cosine:warmup=2160,total=7\d{4},peak=0\.0003,end=0\.0000\d+ so far/, before?.forecast?.hint);
      const offered = before?.forecast?.suggestedSpec ?? '';
      assert.ok(Math.abs(Number(/total=(\d+)/.exec(offered)?.[1]) / 72000 - 1) < 0.01, `offered: ${offered}`);

      const bad = (await vscode.commands.executeCommand('scalingLens.setSchedule', { uri: file, spec: 'cosine:warmup=2160' })) as ForecastView | undefined;
      assert.match(bad?.specError ?? '', /missing total=/, 'a bad spec is one line, shown by the field');
      const view = (await vscode.commands.executeCommand('scalingLens.setSchedule', { uri: file, spec: SPEC })) as ForecastView | undefined;
      assert.equal(view?.specError, undefined);
      assert.equal(view?.result?.final.step, 72000, 'forecast to the end of the schedule');

      const prior = fitScheduleLaw(['cosine_24000', 'constant_24000', 'wsdcon_9'].map(run), 'mpl', 1).fit;
      const data = await a.testing.setForecastPrior(file, prior, 'cosine_24000 + constant_24000 + wsdcon_9');
      const r = data?.forecast?.result;
      assert.ok(r, `no forecast: ${data?.forecast?.error ?? data?.forecast?.hint ?? 'none'}`);
      assert.equal(r.law, 'mpl');
      assert.equal(r.mode, 'prior');
      const err = Math.abs(r.final.y - truth) / truth;
      const plErr = Math.abs(r.powerLaw.final.y - truth) / truth;
      console.log(`[forecast] half-run final loss ${r.final.y.toFixed(4)} [${r.final.lo.toFixed(4)}, ${r.final.hi.toFixed(4)}] vs true ${truth}: error ${(100 * err).toFixed(2)}% (power law in steps ${(100 * plErr).toFixed(2)}%, last value ${(100 * Math.abs(r.lastValue.y - truth) / truth).toFixed(2)}%); forecast ${a.testing.forecastSeconds(file)?.toFixed(3)} s in the worker`);
      assert.ok(err < 0.01, `final-loss error ${err}`);
      assert.ok(r.final.lo <= truth * 1.01 && truth * 0.99 <= r.final.hi);
      const chart = data!.chart!;
      const fc = chart.series.find((s) => s.role === 'forecast');
      assert.equal(fc?.points.at(-1)?.x, 72000);
      assert.ok(chart.series.some((s) => s.id === 'forecast-powerlaw'));
      assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data }))));

      // live: more rows → the forecast refits on them (through the watch's coalesced refit)
      const fittedTo = r.fittedTo;
      const t0 = performance.now();
      appendFileSync(file, `${body.slice(half, half + 20).join('\n')}\n`);
      const grown = await waitFor<PanelData>('the forecast of the grown log', () => {
        const d = a.testing.panelData(file);
        return d?.forecast?.result && d.forecast.result.fittedTo > fittedTo && !d.forecast.stale ? d : undefined;
      }, 120_000);
      const forecastShown = performance.now() - t0;
      assert.equal(grown.forecast!.result!.fittedTo, Number(body[half + 19]!.split(',')[0]));
      // the regular law fits of the same rows land after it (the forecast does not wait for them)
      await waitFor('the law fits of the grown log', () => {
        const d = a.testing.panelData(file);
        return d && d.stale === undefined && d.forecast?.result?.fittedTo === grown.forecast!.result!.fittedTo ? d : undefined;
      }, 180_000);
      const lawsShown = performance.now() - t0;
      console.log(`[forecast] 20 more rows → forecast of the grown log shown after ${(forecastShown / 1000).toFixed(2)} s, all law fits after ${(lawsShown / 1000).toFixed(2)} s (forecast/all ${(forecastShown / lawsShown).toFixed(3)}); forecast ${a.testing.forecastSeconds(file)?.toFixed(3)} s in the worker`);
      assert.equal(grown.forecast!.prior, 'cosine_24000 + constant_24000 + wsdcon_9', 'the prior stays');
    });

    test("half a run whose config states its schedule: the panel forecasts to its end unasked and says so; cleared, it offers it", async function () {
      this.timeout(120_000);
      const a = await api();
      const all = lines('cosine_24000');
      const body = all.slice(1);
      const half = Math.floor(body.length / 2);
      const truth = Number(body[body.length - 1]!.split(',')[2]);
      const dir = path.join(mkdtempSync(path.join(tmpdir(), 'sl-config-forecast-')), 'gpt-25m');
      mkdirSync(dir);
      const file = path.join(dir, 'metrics.csv');
      writeFileSync(file, `step,loss\n${body.slice(0, half).map((l) => { const [st, , loss] = l.split(','); return `${st},${loss}`; }).join('\n')}\n`);
      writeFileSync(path.join(dir, 'config.yaml'), 'learning_rate: 0.0003\nwarmup_steps: 2160\nmax_steps: 24000\nlr_scheduler_type: cosine_with_min_lr\nlr_scheduler_kwargs:\n  min_lr: 0.00003\n');
      const opened = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(file))) as PanelData | undefined;
      assert.ok(opened, a.testing.lastError());
      const data = await waitFor('the forecast from the config', () => a.testing.panelData(file)?.forecast?.result && a.testing.panelData(file), 60_000);
      const f = data.forecast!;
      assert.equal(f.spec, 'cosine:warmup=2160,total=24000,peak=0.0003,end=0.00003');
      assert.match(f.specFrom ?? '', /^the run's config \(lr_scheduler_type cosine_with_min_lr, /);
      assert.equal(f.result!.final.step, 24000);
      const err = Math.abs(f.result!.final.y - truth) / truth;
      console.log(`[forecast] config's schedule, half the run, no prior: ${f.result!.final.y.toFixed(4)} vs true ${truth}: error ${(100 * err).toFixed(2)}%`);
      assert.ok(err < 0.02, `final-loss error ${err}`);
      const cleared = (await vscode.commands.executeCommand('scalingLens.setSchedule', { uri: file, spec: '' })) as ForecastView | undefined;
      assert.equal(cleared?.result, undefined);
      assert.equal(cleared?.configDeclined, true);
      assert.equal(cleared?.suggestedSpec, 'cosine:warmup=2160,total=24000,peak=0.0003,end=0.00003');
    });
  });
}
