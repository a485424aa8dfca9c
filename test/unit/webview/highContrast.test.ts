// VS Code's High Contrast themes draw on pure black (or white) with no half-tones: the panel's
// interval bands, a 16% fill of the series colour, vanished there (#3794ff at 16% on black is
// 1.2:1 against it), tick labels were a faded grey, and a native button's focus ring was Chromium's
// default, not the theme's focus colour. Seen in screenshots of Default High Contrast (scripts/screenshot-contrast.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { chartModel } from '../../../webview/chartConfig';
import type { Theme } from '../../../webview/theme';
import type { ChartView } from '../../../src/shared/protocol';
import { contrast } from './contrast';
import { themeWith } from './fakeDom';

// Default High Contrast's values (code-server 4.100.3): editor foreground, descriptionForeground (70% white), charts-blue
const HC_VARS: Record<string, string> = { '--vscode-editor-foreground': '#ffffff', '--vscode-descriptionForeground': 'rgba(255, 255, 255, 0.7)', '--vscode-editor-background': '#000000', '--vscode-charts-blue': '#3794ff' };

const themeOf = (classes: string[], vars: Record<string, string>): Theme => themeWith(classes, vars);

const view: ChartView = {
  id: 'c',
  title: 'run',
  xLabel: 'tokens',
  yLabel: 'loss',
  xLog: true,
  yLog: true,
  series: [
    { id: 'x', label: 'M2 (extrapolated)', role: 'extrapolation', group: 'm2', curve: 'run', estimator: 'm2', color: 1, points: [{ x: 2, y: 2 }, { x: 20, y: 1 }] },
    { id: 'b', label: 'M2 interval', role: 'band', group: 'm2', curve: 'run', estimator: 'm2', color: 1, points: [], band: [{ x: 2, lo: 2, hi: 2 }, { x: 20, lo: 0.5, hi: 1.5 }] },
    { id: 's', label: 'spread', role: 'spread', group: 'data', curve: 'run', color: 1, points: [], band: [{ x: 2, lo: 1.9, hi: 2.1 }] },
  ],
  markers: [],
};

test('High Contrast (dark and light) is told apart from the other themes; its tick labels are the foreground, not a faded grey', () => {
  const hc = themeOf(['vscode-high-contrast'], HC_VARS);
  assert.equal(hc.highContrast, true);
  assert.equal(hc.muted, '#ffffff');
  // VS Code gives High Contrast Light both classes; it is light (its palette's light slots) and high contrast
  const hcLight = themeOf(['vscode-high-contrast', 'vscode-high-contrast-light'], { ...HC_VARS, '--vscode-charts-orange': '#d18616' });
  assert.equal(hcLight.highContrast, true);
  assert.equal(hcLight.series[1], '#e16900');
  const dark = themeOf(['vscode-dark'], HC_VARS);
  assert.equal(dark.highContrast, false);
  assert.equal(dark.muted, 'rgba(255, 255, 255, 0.7)');
});

test('High Contrast: an interval band shows its edges, dotted in the series colour, and a stronger fill; other themes keep the faint fill alone', () => {
  const hc = themeOf(['vscode-high-contrast'], HC_VARS);
  const edges = (t: Theme, id: string) => chartModel(view, t, new Set()).datasets.filter((d) => d.seriesId.startsWith(`${id}|`));
  for (const e of edges(hc, 'b')) {
    assert.equal(e.borderColor, '#3794ff', e.seriesId);
    assert.ok(e.borderWidth >= 1 && e.borderDash.length > 0, e.seriesId);
    assert.ok(contrast(e.borderColor, hc.background) >= 3, `${contrast(e.borderColor, hc.background).toFixed(1)}:1`);
  }
  assert.equal(edges(hc, 'b')[1]!.backgroundColor, 'rgba(55, 148, 255, 0.32)');
  // the data's spread is no interval: no edges, even here
  assert.ok(edges(hc, 's').every((e) => e.borderWidth === 0));
  const dark = themeOf(['vscode-dark'], HC_VARS);
  assert.ok(edges(dark, 'b').every((e) => e.borderWidth === 0 && e.borderColor === 'transparent'));
  assert.equal(edges(dark, 'b')[1]!.backgroundColor, 'rgba(55, 148, 255, 0.16)');
});

test('every native button and disclosure shows keyboard focus in the theme focus colour; High Contrast outlines the auto row and keeps stale values at full contrast', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  const rule = (selector: RegExp) => new RegExp(`${selector.source}[^{]*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
  assert.match(rule(/(?:^|\n)button:focus-visible,\s*summary:focus-visible\s*/), /outline: 1px solid var\(--vscode-focusBorder\)/);
  assert.match(rule(/body\.vscode-high-contrast table\.compare tr\.auto td\s*/), /border-top: 1px dashed var\(--vscode-contrastActiveBorder/);
  assert.match(rule(/body\.vscode-high-contrast \.table-block\.stale td\.num\s*/), /opacity: 1/);
});

test('reduced motion (the OS setting or VS Code workbench.reduceMotion) stops the busy spinner', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  assert.match(css, /@media \(prefers-reduced-motion: reduce\) \{\s*\.spinner \{\s*animation: none;/);
  assert.match(css, /body\.vscode-reduce-motion \.spinner \{\s*animation: none;/);
});
