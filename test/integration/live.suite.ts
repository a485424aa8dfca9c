// Live watching in the real extension host: points are posted to the panel before their refit,
// over the previous fit marked stale (predictions kept); two watches run side by side and stop one
// at a time; a watch survives a reload (the serializer rebuilds the panel from its saved state);
// a panel state naming a file outside the workspace is not read without a click; a 1M-point log
// is opened and watched. Write → post latencies are printed (host side), not asserted.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelData, ToWebview } from '../../src/shared/protocol';
import { api, closeAllEditors, EXTENSION_ID, waitFor } from './helpers';

function lossAt(tokens: number): number {
  return 1.8 + 40 * Math.pow(tokens, -0.25);
}

function rows(from: number, to: number): string {
  let out = '';
  for (let step = from; step <= to; step++) out += `${step},${step * 1e6},${lossAt(step * 1e6).toFixed(6)}\n`;
  return out;
}

function newLog(name: string, n: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-live-')), name);
  writeFileSync(file, `step,tokens,val_loss\n${rows(1, n)}`);
  return file;
}

/** The first data message posted for `source` that satisfies `accept`. */
function nextData(source: string, accept: (d: PanelData) => boolean, onDidPost: vscode.Event<ToWebview>, timeoutMs = 30_000): Promise<PanelData> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no matching data message for ${source} within ${timeoutMs} ms`));
    }, timeoutMs);
    const sub = onDidPost((msg) => {
      if (msg.type === 'data' && msg.data.source === source && accept(msg.data)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(msg.data);
      }
    });
  });
}

/** cosine_24000 (25M) with every third row, its first `n` of them written to a new log: where auto's parts change at 18 → 19 rows. */
function cosineEveryThirdRow(n: number): { readonly file: string; readonly rows: readonly string[] } {
  const data = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'data', 'lr-schedules', '25M', 'cosine_24000.csv');
  const [header, ...all] = readFileSync(data, 'utf8').trim().split('\n');
  const rows = all.filter((_, i) => i % 3 === 0);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-auto-')), 'cosine.csv');
  writeFileSync(file, `${header}\n${rows.slice(0, n).join('\n')}\n`);
  return { file, rows };
}

const median = (v: number[]) => [...v].sort((p, q) => p - q)[Math.floor(v.length / 2)]!;

export function registerLiveTests(): void {
  suite('live', () => {
    suiteTeardown(async () => {
      const a = await api();
      for (const st of a.testing.watchStates()) await vscode.commands.executeCommand('scalingLens.stopWatch', st.path);
      await closeAllEditors();
    });

    test('new points are posted before their refit, over the previous fit marked stale, predictions kept', async () => {
      const a = await api();
      const file = newLog('train_log.csv', 12);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      const fitted = a.testing.panelData(file)!;
      assert.equal(fitted.stale, undefined);
      const predictions = fitted.tables[0]!.rows.filter((r) => r.prediction).length;
      assert.ok(predictions >= 1);
      const latencies: number[] = [];
      let n = 12;
      for (let i = 0; i < 6; i++) {
        const want = n + 1;
        const seen = nextData(file, (d) => d.curves[0]?.points === want, a.testing.onDidPostPanelMessage);
        const t0 = performance.now();
        appendFileSync(file, rows(want, want));
        const shown = await seen;
        latencies.push(performance.now() - t0);
        n = want;
        if (i === 0) {
          // the points-first message: the previous fit stays, marked stale; no prediction blanks
          assert.match(shown.stale ?? '', /refitting/);
          assert.ok(shown.chart?.series.some((s) => s.role === 'curve'), 'previous fit still drawn');
          assert.equal(shown.tables[0]!.rows.filter((r) => r.prediction).length, predictions, 'prediction column kept');
          assert.doesNotMatch(a.testing.statusBarText() ?? '', /fitting/i);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      console.log(`[live] write → points posted to the panel (host side, default 1000 ms poll, file-watcher hints): median ${median(latencies).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms over ${latencies.length} appends`);
      await a.testing.watchSettled(file);
      const settled = await waitFor('the refit of the last append', () => {
        const d = a.testing.panelData(file);
        return d && d.stale === undefined && d.curves[0]?.points === n ? d : undefined;
      });
      assert.ok(settled.tables[0]!.rows.some((r) => r.prediction));
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });

    test('two watches at once, each with its own status item; stopping one leaves the other', async () => {
      const a = await api();
      const f1 = newLog('first.csv', 15);
      const f2 = newLog('second.csv', 20);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(f1));
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(f2));
      assert.deepEqual(a.testing.watchStates().map((s) => s.path).sort(), [f1, f2].sort(), 'the second watch did not stop the first');
      assert.equal(a.testing.statusBarTexts().length, 2);
      // two watches of the same metric: each item leads with its log's name, or they read alike
      assert.deepEqual(a.testing.statusBarTexts().map((t) => t.split(':')[0]), ['first.csv', 'second.csv'], a.testing.statusBarTexts().join(' | '));
      appendFileSync(f1, rows(16, 30));
      await waitFor('the first log followed while the second is watched', () => a.testing.panelData(f1)?.curves[0]?.points === 30);
      await vscode.commands.executeCommand('scalingLens.stopWatch', f1);
      assert.deepEqual(a.testing.watchStates().map((s) => s.path), [f2]);
      assert.ok(!a.testing.statusBarTexts()[0]!.includes('second.csv:'), 'one watch left: its item is the status line alone');
      const stopped = a.testing.panelData(f1)!;
      assert.equal(stopped.watching, undefined);
      assert.equal(stopped.notice?.action, 'resumeWatch', 'the stopped panel offers to watch again');
      appendFileSync(f2, rows(21, 25));
      await waitFor('the second log still followed', () => a.testing.panelData(f2)?.curves[0]?.points === 25);
      await vscode.commands.executeCommand('scalingLens.stopWatch', f2);
      assert.deepEqual(a.testing.watchStates(), []);
    });

    test('a watched log that is deleted is said gone on the live line and the status item, its points kept; back, it is followed again', async () => {
      const a = await api();
      const file = newLog('deleted.csv', 14);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      rmSync(file);
      const gone = await waitFor('the deletion on the live line', () => {
        const d = a.testing.panelData(file);
        return d?.live?.includes('cannot be read now') ? d : undefined;
      });
      assert.equal(gone.curves[0]?.points, 14, 'the points read before stay');
      const texts = a.testing.statusBarTexts();
      const at = texts.findIndex((t) => t.startsWith('deleted.csv gone'));
      assert.ok(at >= 0, texts.join(' | '));
      // in the bar's warning look, not its live one
      assert.equal(a.testing.statusBarBackgrounds()[at], 'statusBarItem.warningBackground');
      writeFileSync(file, `step,tokens,val_loss\n${rows(1, 20)}`);
      await waitFor('the log followed again', () => {
        const d = a.testing.panelData(file);
        return d?.curves[0]?.points === 20 && !d.live?.includes('cannot be read now') ? d : undefined;
      });
      assert.equal(a.testing.statusBarBackgrounds()[at], '', 'back to the live look once it is read again');
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });

    test('a watch survives a reload: the serializer rebuilds the panel and resumes watching', async () => {
      const a = await api();
      const file = newLog('reloaded.csv', 14);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      assert.equal(a.testing.panelData(file)?.watching, true);
      const restored = await a.testing.simulateReload(file);
      assert.ok(restored, 'no panel restored');
      assert.ok(a.testing.watchStates().some((s) => s.path === file), 'watch resumed');
      assert.ok(a.testing.statusBarTexts().length >= 1);
      appendFileSync(file, rows(15, 40));
      const after = await waitFor('points appended after the reload', () => {
        const d = a.testing.panelData(file);
        return d?.curves[0]?.points === 40 && d.watching ? d : undefined;
      });
      assert.ok(after.live?.startsWith('Watching'));
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });

    test('a reloaded Lightning watch begun before its first eval still moves on to val_loss at 4 evals (restored columns are no pick)', async () => {
      const a = await api();
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-reload-')), 'metrics.csv');
      const trainRows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `0,${(from + i) * 25},${(2 + 10 * ((from + i) * 25) ** -0.3).toFixed(5)},\n`).join('');
      const evalRow = (step: number) => `0,${step},,${(2.1 + 10 * step ** -0.3).toFixed(5)}\n`;
      writeFileSync(file, `epoch,step,train_loss_step,val_loss\n${trainRows(1, 9)}`);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      assert.equal(a.testing.panelData(file)?.columns?.selectedY, 'train_loss_step');
      assert.ok(await a.testing.simulateReload(file), 'no panel restored');
      let log = '';
      // each eval logged at its epoch's last train step, as Lightning does
      for (let k = 1; k <= 4; k++) log += trainRows(10 * k, 10 * k + 9) + evalRow((10 * k + 9) * 25);
      appendFileSync(file, log);
      await waitFor('the reloaded watch showing val_loss', () => (a.testing.panelData(file)?.columns?.selectedY === 'val_loss' ? true : undefined));
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });

    test("the live line says when a refit changes auto's parts: cosine_24000 (every third row) at 18 → 19 points", async () => {
      const a = await api();
      const { file, rows } = cosineEveryThirdRow(18);
      await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      await a.testing.watchSettled(file);
      assert.ok(!a.testing.panelData(file)?.live?.includes('auto now'), a.testing.panelData(file)?.live);
      appendFileSync(file, `${rows[18]}\n`);
      await waitFor("the live line saying auto's change", () => /auto now averages m2, m3, loglin \(was m2, m3, mix\): 10x 3\.34\d* → 3\.20/.test(a.testing.panelData(file)?.live ?? ''));
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });

    test("changing the estimators setting mid-watch changes auto's parts, and the live line does not call that auto's change", async () => {
      const a = await api();
      const { file } = cosineEveryThirdRow(18);
      const config = vscode.workspace.getConfiguration('scalingLens');
      try {
        await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
        await a.testing.watchSettled(file);
        assert.equal(a.testing.panelData(file)?.prediction?.law, 'avg(m2+m3+mix)');
        await config.update('estimators', ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'flat', 'loglin'], vscode.ConfigurationTarget.Global);
        await waitFor('the refit without mix', () => (a.testing.panelData(file)?.prediction?.law?.includes('mix') === false ? true : undefined));
        assert.ok(!a.testing.panelData(file)?.live?.includes('auto now'), a.testing.panelData(file)?.live);
      } finally {
        await config.update('estimators', undefined, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('scalingLens.stopWatch', file);
      }
    });

    test('a restored panel does not read a file outside the workspace without a click', async () => {
      const a = await api();
      const outside = newLog('elsewhere.csv', 10); // never opened with Scaling Lens
      const data = await a.testing.restorePanel({ source: outside, watching: true });
      assert.ok(data);
      assert.equal(data.curves.length, 0, 'nothing was read');
      assert.equal(data.notice?.action, 'openSource');
      assert.ok(!a.testing.watchStates().some((s) => s.path === outside));
    });

    test('a 1M-point log is opened and watched', async function () {
      this.timeout(180_000);
      const a = await api();
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-1m-')), 'steps.csv');
      const fd = openSync(file, 'w');
      writeSync(fd, 'step,train_loss\n');
      const N = 1_000_000;
      for (let start = 1; start <= N; start += 50_000) {
        let chunk = '';
        for (let s = start; s < start + 50_000 && s <= N; s++) chunk += `${s},${(2 + 30 * Math.pow(s, -0.3) + 0.01 * Math.sin(s)).toFixed(5)}\n`;
        writeSync(fd, chunk);
      }
      closeSync(fd);
      const t0 = performance.now();
      const first = nextData(file, (d) => d.curves[0]?.points === N, a.testing.onDidPostPanelMessage, 120_000);
      // the point fits come first, without intervals; the intervals with the bootstrap after them
      const firstCurves = nextData(file, (d) => d.curves[0]?.points === N && d.prediction !== undefined, a.testing.onDidPostPanelMessage, 120_000);
      void vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
      const painted = await first;
      const firstPaint = performance.now() - t0;
      const curved = await firstCurves;
      const firstCurvesAt = performance.now() - t0;
      assert.ok(curved.chart?.series.some((s) => s.role === 'curve'), 'fitted curves drawn');
      const maxChart = vscode.workspace.getConfiguration('scalingLens').get<number>('maxChartPoints')!;
      const drawn = painted.chart!.series.filter((s) => s.role === 'fit' || s.role === 'heldout').reduce((k, s) => k + s.points.length, 0);
      assert.ok(drawn <= maxChart + 4 && drawn > maxChart / 4, `${drawn} points drawn (cap ${maxChart})`);
      await a.testing.watchSettled(file);
      const fitted = await waitFor('the first fit of 1M points, with its intervals', () => {
        const d = a.testing.panelData(file);
        return d?.prediction?.lo !== undefined ? d : undefined;
      }, 120_000);
      const firstFit = performance.now() - t0;
      assert.equal(fitted.curves[0]!.points, N);
      appendFileSync(file, `${N + 1},2.001\n${N + 2},2.0009\n`);
      const t1 = performance.now();
      await waitFor('two appended lines', () => a.testing.panelData(file)?.curves[0]?.points === N + 2, 60_000);
      console.log(`[live] 1M-point log: first paint ${(firstPaint / 1000).toFixed(1)} s, first fitted curves ${(firstCurvesAt / 1000).toFixed(1)} s${curved.prediction!.lo === undefined ? ' (no interval yet)' : ''}, their intervals ${(firstFit / 1000).toFixed(1)} s, append → posted ${(performance.now() - t1).toFixed(0)} ms (host side)`);
      await vscode.commands.executeCommand('scalingLens.stopWatch', file);
    });
  });
}
