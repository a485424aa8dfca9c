// "Watch Training Log" on a file the test appends to: the status bar and the prediction follow
// the new points; Stop Watching clears both. On a lightning_logs folder: appends, a rewrite from
// the start (a restarted run) and a new version folder all show up without duplicated points. A
// progress bar that writes no newline is followed drawing by drawing.
import * as assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScalingLensApi } from '../../src/extension/extension';
import type { WatchState } from '../../src/extension/watch';
import { api, closeAllEditors, waitFor } from './helpers';

/** A clean power law with an irreducible floor: the loss a run would log. */
function lossAt(tokens: number): number {
  return 1.8 + 40 * Math.pow(tokens, -0.25);
}

function rows(from: number, to: number): string {
  let out = '';
  for (let step = from; step <= to; step++) {
    const tokens = step * 1e6;
    out += `${step},${tokens},${lossAt(tokens).toFixed(6)}\n`;
  }
  return out;
}

/** Runs `body` with a 200 ms poll, then restores the setting and stops any watch left running. */
async function withFastPoll(body: () => Promise<void>): Promise<void> {
  await vscode.workspace.getConfiguration('scalingLens').update('pollIntervalMs', 200, vscode.ConfigurationTarget.Global);
  try {
    await body();
  } finally {
    await vscode.workspace.getConfiguration('scalingLens').update('pollIntervalMs', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('scalingLens.stopWatch');
  }
}

/** Watches `file` and waits for its first refit: the watch's state then. */
async function watchUntilFirstRefit(a: ScalingLensApi, file: string): Promise<WatchState> {
  await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(file));
  return waitFor('the first refit', () => {
    const s = a.testing.watchState();
    return s && s.updates >= 1 && s.status ? s : undefined;
  });
}

/** Waits for a refit after `first` that draws `points` points: the watch's state then. */
function refitWith(a: ScalingLensApi, first: WatchState, points: number, what: string): Promise<WatchState> {
  return waitFor(what, () => {
    const s = a.testing.watchState();
    return s && s.updates > first.updates && a.testing.lastPanelData()!.curves[0]!.points === points ? s : undefined;
  });
}

export function registerWatchTests(): void {
  suite('watch', () => {
    suiteTeardown(closeAllEditors);

    test('a watched log updates the status bar and the prediction as points arrive; stop clears it', async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-watch-'));
      const file = path.join(dir, 'train_log.csv');
      writeFileSync(file, `step,tokens,val_loss\n${rows(1, 12)}`);
      await withFastPoll(async () => {
        const first = await watchUntilFirstRefit(a, file);
        // the latest value and the forecast, never "fitting…"
        assert.match(a.testing.statusBarText() ?? '', /^val_loss [0-9.]+ at [0-9.]+[KMBTP]? → [0-9.]+ at [0-9.]+[KMBTP]? tokens$/);
        const data1 = a.testing.lastPanelData()!;
        const n1 = data1.curves[0]!.points;
        assert.equal(n1, 12);
        appendFileSync(file, rows(13, 60));
        const second = await refitWith(a, first, 60, 'a refit after the append');
        assert.notEqual(second.status, first.status, 'the prediction changed with the new points');
        assert.ok(a.testing.lastPanelData()!.live?.startsWith('Watching'));
        await vscode.commands.executeCommand('scalingLens.stopWatch');
        assert.equal(a.testing.watchState(), undefined);
        assert.equal(a.testing.statusBarText(), undefined);
      });
    });

    test('a watched log rewritten by another run, shorter: the points read before leave, and the live line says so', async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-restart-'));
      const file = path.join(dir, 'train_log.csv');
      writeFileSync(file, `step,tokens,val_loss\n${rows(1, 30)}`);
      await withFastPoll(async () => {
        const first = await watchUntilFirstRefit(a, file);
        writeFileSync(file, `step,tokens,val_loss\n${rows(1, 8)}`);
        await refitWith(a, first, 8, 'a refit of the shorter file');
        const live = a.testing.lastPanelData()!.live ?? '';
        assert.match(live, /train_log\.csv replaced by another run .*30 points read before/, live);
      });
    });

    test('a watched lightning_logs folder follows appends, a rewrite and a new version', async () => {
      const a = await api();
      const root = path.join(mkdtempSync(path.join(tmpdir(), 'sl-watch-')), 'lightning_logs');
      const v0 = path.join(root, 'version_0');
      mkdirSync(v0, { recursive: true });
      const header = 'step,tokens,val_loss\n';
      writeFileSync(path.join(v0, 'metrics.csv'), header + rows(1, 10));
      const pointsOf = () => a.testing.lastPanelData()?.curves.map((c) => c.points) ?? [];
      await withFastPoll(async () => {
        await vscode.commands.executeCommand('scalingLens.watch', vscode.Uri.file(root));
        await waitFor('the first read of version_0', () => pointsOf().join() === '10');
        appendFileSync(path.join(v0, 'metrics.csv'), rows(11, 30));
        await waitFor('the appended rows', () => pointsOf().join() === '30');
        // a restarted run rewrites the file from the top: its points replace the old ones
        writeFileSync(path.join(v0, 'metrics.csv'), header + rows(1, 20));
        await waitFor('the rewritten file, not old + new rows', () => pointsOf().join() === '20');
        const v1 = path.join(root, 'version_1');
        mkdirSync(v1);
        writeFileSync(path.join(v1, 'metrics.csv'), header + rows(1, 15));
        await waitFor('the new version as a second curve', () => [...pointsOf()].sort().join() === '15,20');
        assert.ok((a.testing.watchState()?.pointUpdates ?? 0) >= 3);
      });
    });

    test("a progress bar that writes no newline (NeMo's stdout) is followed drawing by drawing", async () => {
      const a = await api();
      const dir = mkdtempSync(path.join(tmpdir(), 'sl-watch-bar-'));
      const file = path.join(dir, 'nemo_stdout.log');
      // a '\r' before each drawing, as tqdm writes it; the last drawing counts once the next '\r' ends it
      const drawings = (from: number, to: number): string => {
        let out = '';
        for (let st = from; st <= to; st++) out += `\rEpoch 0: : ${st + 1}/1000 [00:10<03:20, 1.02s/it, reduced_train_loss=${lossAt((st + 1) * 1e6).toFixed(4)}, global_step=${st}.0]`;
        return out;
      };
      writeFileSync(file, `[NeMo I 2024-05-01 10:00:00 train:37] Starting training\n${drawings(0, 12)}`);
      await withFastPoll(async () => {
        const first = await watchUntilFirstRefit(a, file);
        assert.equal(a.testing.lastPanelData()!.curves[0]!.points, 12);
        appendFileSync(file, drawings(13, 60));
        await refitWith(a, first, 60, 'the appended drawings');
        assert.match(a.testing.statusBarText() ?? '', /^reduced_train_loss /);
        assert.deepEqual(a.testing.lastPanelData()!.warnings, []);
      });
    });
  });
}
