// The forecast's extras on a watched run (half of a 72k-step cosine run): sibling runs as a prior
// switch the forecast to mode 'prior'; a reference run's final loss becomes the target shown in
// the status bar as P(end < L); an unreachable target warns once, and a refit of the same
// question does not warn again.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, EXTENSION_ID, waitFor } from './helpers';

/** A multi-power-law fit of the 25M cosine_24000, constant_24000, wsdcon_9 runs (the CLI's output). */
const FIT_25M = { law: 'mpl', params: { L0: 2.98685, A: 0.56296, alpha: 0.48967, B: 746.04, C: 0.29508, beta: 0.11338, gamma: 0.92074 } };

export function registerForecastExtrasTests(): void {
  suite('forecast extras', () => {
    suiteTeardown(closeAllEditors);

    test('Use Sibling Runs as Prior, Compare Against Reference Run, early warning once', async () => {
      const a = await api();
      // counted from here: a retry of this test comes after the warnings of the attempt before
      const warned = a.testing.earlyWarnings().length;
      const data = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'data', 'lr-schedules', '25M');
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-prior-'));
      const siblings = path.join(dir, 'finished');
      mkdirSync(siblings);
      for (const n of ['cosine_24000', 'constant_24000', 'wsdcon_9']) copyFileSync(path.join(data, `${n}.csv`), path.join(siblings, `${n}.csv`));
      const lines = readFileSync(path.join(data, 'cosine_72000.csv'), 'utf8').trim().split('\n');
      const half = path.join(dir, 'cosine_72000_half.csv');
      writeFileSync(half, lines.slice(0, 1 + Math.floor((lines.length - 1) / 2)).join('\n') + '\n');
      const cfg = vscode.workspace.getConfiguration('scalingLens');
      try {
        await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(half));
        const SPEC = 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5';
        await vscode.commands.executeCommand('scalingLens.setSchedule', { uri: half, spec: SPEC });
        const first = await waitFor('the first forecast', () => a.testing.panelData(half)?.forecast?.result);
        assert.equal(first.mode, 'prefix');

        const ok = await vscode.commands.executeCommand<boolean>('scalingLens.usePrior', { run: half, runs: [siblings] });
        assert.equal(ok, true, a.testing.lastError());
        const withPrior = await waitFor('the forecast with the prior', () => {
          const f = a.testing.panelData(half)?.forecast;
          return f?.result?.mode === 'prior' && !f.stale ? f : undefined;
        });
        assert.match(withPrior.prior ?? '', /^3 runs: (constant_24000|cosine_24000|wsdcon_9)(, (constant_24000|cosine_24000|wsdcon_9)){2}$/);

        // what if it cooled down now, linearly over 4000 steps: a second (dashed) curve ending at
        // step last + 4000, above the full schedule's final loss; Clear What-If removes it
        assert.equal(await vscode.commands.executeCommand('scalingLens.whatIf', { run: half, when: 'now', shape: 'linear', lengthText: '4000' }), true, a.testing.lastError());
        const what = await waitFor('the what-if forecast', () => {
          const d = a.testing.panelData(half);
          return d?.forecast?.result?.whatIf && !d.forecast.stale ? d : undefined;
        });
        const r = what.forecast!.result!;
        assert.equal(r.whatIf!.final.step, r.fittedTo + 4000);
        assert.equal(r.final.step, 72000);
        assert.ok(r.whatIf!.final.y > r.final.y, `cooling down at ${r.fittedTo} ends higher (${r.whatIf!.final.y}) than the full schedule (${r.final.y})`);
        assert.ok(what.chart?.series.some((x) => x.id === 'forecast-whatif' && x.role === 'extrapolation' && x.points.length > 0));
        // a step before the last logged one is refused with one line
        assert.equal(await vscode.commands.executeCommand('scalingLens.whatIf', { run: half, when: 'at', stepText: '100', shape: 'linear', lengthText: '10' }), false);
        assert.match(a.testing.lastError() ?? '', /step 100 is before the last logged step/);

        // the reference's final loss (3.305, as the status bar writes it) is well above where this run is heading: likely
        assert.equal(await vscode.commands.executeCommand('scalingLens.compareReference', { run: half, reference: path.join(siblings, 'cosine_24000.csv') }), true);
        await waitFor('P(end < 3.30x) in the status bar', () => /· P\(end < 3\.30\d\) (9\d|> 99)%$/.test(a.testing.statusBarText() ?? ''));
        assert.equal(a.testing.earlyWarnings().length, warned);
        // the reference target and the what-if are saved with the panel and come back after a reload
        await a.testing.simulateReload(half);
        await waitFor('the reference target after a reload', () => a.testing.panelData(half)?.forecast?.target?.from === 'cosine_24000' && /· P\(end < 3\.30\d\) (9\d|> 99)%$/.test(a.testing.statusBarText() ?? ''));
        const restored = await waitFor('the what-if after a reload', () => {
          const f = a.testing.panelData(half)?.forecast;
          return f?.result?.whatIf && !f.stale ? f : undefined;
        });
        assert.deepEqual(restored.cooldown, { at: 'now', over: 4000, shape: 'linear' });
        assert.equal(restored.result!.whatIf!.final.step, restored.result!.fittedTo + 4000);
        assert.equal(await vscode.commands.executeCommand('scalingLens.clearWhatIf', { run: half }), true);
        await waitFor('the what-if cleared', () => a.testing.panelData(half)?.forecast?.result && !a.testing.panelData(half)!.forecast!.result!.whatIf);

        // an unreachable target from the setting: one warning, and not again for the same question
        await cfg.update('targetLoss', 2.5, vscode.ConfigurationTarget.Global);
        assert.equal(await vscode.commands.executeCommand('scalingLens.clearReference', { run: half }), true);
        await waitFor('P(end < 2.5) in the status bar', () => /· P\(end < 2\.5\) (< 1|\d)%$/.test(a.testing.statusBarText() ?? ''));
        await waitFor('the early warning', () => a.testing.earlyWarnings().length === warned + 1);
        assert.match(a.testing.earlyWarnings()[warned]!, /cosine_72000_half\.csv is now unlikely to end below the target loss 2\.5 /);
        await vscode.commands.executeCommand('scalingLens.clearPrior', { run: half });
        await waitFor('the forecast without the prior', () => a.testing.panelData(half)?.forecast?.result?.mode === 'prefix');
        assert.equal(a.testing.earlyWarnings().length, warned + 1, 'the same target, still unlikely: no second warning');

        // a saved fit (FIT.json of "scaling-lens schedule fit --json" on the 25M training runs) as the prior
        const fitFile = path.join(dir, 'fit.json');
        writeFileSync(fitFile, JSON.stringify(FIT_25M));
        assert.equal(await vscode.commands.executeCommand('scalingLens.usePrior', { run: half, fitFile }), true, a.testing.lastError());
        await waitFor('the forecast with the saved prior', () => {
          const f = a.testing.panelData(half)?.forecast;
          return f?.result?.mode === 'prior' && f.prior === 'saved fit fit.json' && !f.stale;
        });
        writeFileSync(fitFile, '{"law": "m2", "params": {}}');
        assert.equal(await vscode.commands.executeCommand('scalingLens.usePrior', { run: half, fitFile }), false);
        assert.match(a.testing.lastError() ?? '', /is not a schedule-law fit/);
        // the prior is saved with the panel: after a reload the watch resumes with it
        await a.testing.simulateReload(half);
        await waitFor('the restored forecast with the saved prior', () => {
          const f = a.testing.panelData(half)?.forecast;
          return f?.result?.mode === 'prior' && f.prior === 'saved fit fit.json' && !f.stale;
        });
      } finally {
        await cfg.update('targetLoss', undefined, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('scalingLens.stopWatch', vscode.Uri.file(half));
      }
    });
  });
}
