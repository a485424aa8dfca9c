// The chart's estimator colours, as the panel reads them in VS Code's default light and dark
// themes: every slot a line can take stands out from the chart's background (3:1, WCAG's non-text
// contrast) and from every other slot (CIEDE2000 ≥ 12; any two laws may be drawn together). In
// Light Modern, charts-orange and charts-yellow were ΔE 6 apart: M2 and BNSL-0 looked alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { themeWith } from './fakeDom';
import { contrast, deltaE2000, deltaE2000Lab } from './contrast';

// VS Code's defaults for the variables the palette reads (what Light Modern and Dark Modern leave them at)
const LIGHT_MODERN = {
  '--vscode-editor-background': '#ffffff',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-red': '#e51400',
  '--vscode-terminal-ansiCyan': '#0598bc',
  '--vscode-terminal-ansiMagenta': '#bc05bc',
};
const DARK_MODERN = {
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-terminal-ansiCyan': '#11a8cd',
  '--vscode-terminal-ansiMagenta': '#bc3fbc',
};
// the High Contrast themes' values (VS Code's registered defaults for hcLight / hcDark, code-server 4.100.3)
const HC_LIGHT = {
  '--vscode-editor-background': '#ffffff',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-orange': '#0f4a85',
  '--vscode-charts-green': '#374e06',
  '--vscode-charts-purple': '#652d90',
  '--vscode-charts-yellow': '#895503',
  '--vscode-charts-red': '#b5200d',
  '--vscode-terminal-ansiCyan': '#0598bc',
  '--vscode-terminal-ansiMagenta': '#bc05bc',
};
const HC_DARK = {
  '--vscode-editor-background': '#000000',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-orange': '#ab5a00',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-yellow': '#ffd370',
  '--vscode-charts-red': '#f48771',
  '--vscode-terminal-ansiCyan': '#00cdcd',
  '--vscode-terminal-ansiMagenta': '#cd00cd',
};

const themeOf = (vars: Record<string, string>, bodyClass: string) => themeWith([bodyClass], vars);

test('CIEDE2000 as published (Sharma, Wu & Dalal 2005, pairs 1, 7 and 17)', () => {
  assert.equal(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485]).toFixed(4), '2.0425');
  assert.equal(deltaE2000Lab([50, 0, 0], [50, -1, 2]).toFixed(4), '2.3669');
  assert.equal(deltaE2000Lab([50, 2.5, 0], [73, 25, -18]).toFixed(4), '27.1492');
});

for (const [name, vars, bodyClass] of [
  ['Light Modern', LIGHT_MODERN, 'vscode-light'],
  ['Dark Modern', DARK_MODERN, 'vscode-dark'],
  ['High Contrast Light', HC_LIGHT, 'vscode-high-contrast-light'],
  ['High Contrast', HC_DARK, 'vscode-high-contrast'],
] as const) {
  test(`${name}: each estimator colour is a line on the chart's background and none is like another`, () => {
    const theme = themeOf(vars, bodyClass);
    assert.equal(theme.background, vars['--vscode-editor-background']);
    const slots = theme.series;
    assert.equal(slots.length, 12);
    for (const [i, c] of slots.entries()) {
      const r = contrast(c, theme.background);
      assert.ok(r >= 3, `slot ${i + 1} ${c}: ${r.toFixed(2)}:1 on ${theme.background}`);
    }
    for (let i = 0; i < slots.length; i++) {
      for (let j = i + 1; j < slots.length; j++) {
        const d = deltaE2000(slots[i]!, slots[j]!);
        assert.ok(d >= 12, `slots ${i + 1} ${slots[i]} and ${j + 1} ${slots[j]}: ΔE ${d.toFixed(1)}`);
      }
    }
  });
}

test('dark themes keep the theme\'s own colours; a light theme keeps those that work', () => {
  const dark = themeOf(DARK_MODERN, 'vscode-dark');
  assert.equal(dark.series[1], '#d18616');
  const light = themeOf(LIGHT_MODERN, 'vscode-light');
  assert.deepEqual([light.series[0], light.series[4]], ['#1a85ff', '#bf8803']);
});

test("a light theme's own charts-orange is kept (only VS Code's default is replaced); High Contrast Light gets the light slots too", () => {
  assert.equal(themeOf({ ...LIGHT_MODERN, '--vscode-charts-orange': '#b35900' }, 'vscode-light').series[1], '#b35900');
  assert.equal(themeOf(LIGHT_MODERN, 'vscode-light').series[1], '#e16900');
  const hc = themeOf({ ...LIGHT_MODERN, '--vscode-editor-background': '#ffffff' }, 'vscode-high-contrast-light');
  assert.deepEqual([hc.series[9], hc.series[11]], ['#d26e91', '#787805']);
});
