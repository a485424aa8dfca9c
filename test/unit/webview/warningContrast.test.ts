// In a light theme a caution or warning is read as text, so it gets text contrast (4.5:1, WCAG AA):
// Light Modern's editorWarning-foreground, #bf8803, is 2.9:1 on the headline's background.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { contrast, mix } from './contrast';

/** The colour a light-theme rule gives `cls`: color-mix(in srgb, var(--vscode-<name>) N%, black). */
function lightColor(css: string, cls: string): { variable: string; share: number } | undefined {
  const rule = new RegExp(`body\\.vscode-light \\.${cls} \\{([^}]*)\\}`).exec(css)?.[1];
  const m = rule && /color:\s*color-mix\(in srgb, var\(--vscode-([\w-]+)\) (\d+)%, black\)/.exec(rule);
  return m ? { variable: m[1]!, share: Number(m[2]) / 100 } : undefined;
}

// the variables' values in Light Modern (code-server 4.100.3); the callout's and the page's background
const LIGHT_MODERN: Record<string, string> = { 'editorWarning-foreground': '#bf8803', 'charts-green': '#388a34' };
const BACKGROUNDS = { callout: '#f8f8f8', page: '#ffffff' };

test('light themes: warnings and cautions are legible text (4.5:1), in their amber', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  assert.ok(contrast(LIGHT_MODERN['editorWarning-foreground']!, BACKGROUNDS.callout) < 3, 'why: the theme colour alone');
  const w = lightColor(css, 'warning');
  assert.ok(w, 'a body.vscode-light .warning rule mixing the warning colour with black');
  assert.equal(w.variable, 'editorWarning-foreground');
  const c = mix(LIGHT_MODERN[w.variable]!, w.share, '#000000');
  for (const [where, bg] of Object.entries(BACKGROUNDS)) assert.ok(contrast(c, bg) >= 4.5, `${where}: ${contrast(c, bg).toFixed(2)}:1`);
  // still a warning's colour: red well above blue, not a grey
  const [r, , b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  assert.ok(r! > b! + 80, c);
});

test('light themes: the watch line keeps its green at text contrast', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  const g = lightColor(css, 'live');
  assert.ok(g, 'a body.vscode-light .live rule');
  assert.equal(g.variable, 'charts-green');
  const c = mix(LIGHT_MODERN[g.variable]!, g.share, '#000000');
  assert.ok(contrast(c, BACKGROUNDS.page) >= 4.5, `${contrast(c, BACKGROUNDS.page).toFixed(2)}:1`);
});
