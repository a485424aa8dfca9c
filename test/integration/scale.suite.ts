// A per-step log of a million points opened in the real panel: the fit runs in the worker (points
// sent as typed arrays), the chart gets every point decimated to maxChartPoints, the table the fits.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type PanelData } from '../../src/shared/protocol';
import { validateToWebview } from '../../src/shared/validate';
import { api, closeAllEditors } from './helpers';

const N = 1_000_000;

function stepCsv(): string {
  const parts = ['step,loss\n'];
  let chunk = '';
  for (let i = 1; i <= N; i++) {
    chunk += `${i},${(2 + 8 * i ** -0.3 * (1 + 0.01 * Math.sin(i))).toFixed(6)}\n`;
    if (i % 100_000 === 0) {
      parts.push(chunk);
      chunk = '';
    }
  }
  return parts.join('');
}

export function registerScaleTests(): void {
  suite('scale', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sl-scale-'));
    suiteTeardown(async () => {
      await closeAllEditors();
      rmSync(dir, { recursive: true, force: true });
    });

    test('Fit on a 1M-point log: all points counted, drawn decimated, fitted', async function () {
      this.timeout(180_000);
      const file = path.join(dir, 'steps.csv');
      writeFileSync(file, stepCsv());
      const a = await api();
      const data = (await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(file))) as PanelData | undefined;
      assert.ok(data, 'fit returned no panel data');
      assert.doesNotThrow(() => validateToWebview(JSON.parse(JSON.stringify(a.testing.lastPanelMessage()))));
      assert.equal(data.curves[0]?.points, N);
      const fit = data.chart?.series.find((s) => s.role === 'fit');
      assert.ok(fit && fit.points.length > 500 && fit.points.length <= 2000, `drawn: ${fit?.points.length}`);
      // the last dot is the median of the last log-x bin (bins are 1/1000 of the 6 decades)
      assert.ok(fit.points[fit.points.length - 1]!.x > 0.99 * N, `last dot at ${fit.points[fit.points.length - 1]!.x}`);
      assert.ok(data.chart?.series.some((s) => s.role === 'spread' && s.band?.length === fit.points.length), 'no range band behind the thinned dots');
      assert.ok(!data.warnings.some((w) => /call stack/i.test(w)), data.warnings.join('; '));
      const table = data.tables[0]!;
      assert.ok(table.rows.some((r) => r.auto && r.params.length > 0), JSON.stringify(table.rows.map((r) => [r.law, r.error])));
      // how it was fitted, said as information, not as a warning
      assert.ok(table.notes?.some((w) => /1000000 points as \d+ log-x bins/.test(w)), JSON.stringify(table.notes));
      assert.ok(!table.warnings.some((w) => /log-x bins/.test(w)), table.warnings.join('; '));
    });
  });
}
