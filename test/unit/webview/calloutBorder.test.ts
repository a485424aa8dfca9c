// The headline callout is a result, not an error: its border takes no red or error colour.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { contrast, mix } from './contrast';

test('the callout border is a neutral theme colour, not red', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  const rule = /(^|\n)\.callout \{([^}]*)\}/.exec(css)?.[2];
  assert.ok(rule, 'a .callout rule');
  const border = /border-left:([^;]*);/.exec(rule)?.[1] ?? '';
  assert.match(border, /var\(--vscode-/, 'a theme variable');
  assert.doesNotMatch(border, /red|error|#f14c4c/i, border);
  // the headline adds no colour of its own over it
  assert.doesNotMatch(css.match(/\.callout\.headline[^{]*\{[^}]*\}/g)?.join('\n') ?? '', /border/);
});


test('the callout border shows in Light Modern as in Dark Modern (the block-quote border alone is 1.2:1 on light)', () => {
  const css = readFileSync('media/panel.css', 'utf8');
  const rule = /(^|\n)\.callout \{([^}]*)\}/.exec(css)![2]!;
  const mixed = /border-left-color:\s*color-mix\(in srgb, var\(--vscode-foreground\) (\d+)%, transparent\)/.exec(rule);
  assert.ok(mixed, rule);
  // drawn over the headline's background: the same as mixing with it
  const share = Number(mixed[1]) / 100;
  // the themes' foreground and textBlockQuote-background (code-server 4.100.3)
  const themes = { 'Light Modern': { fg: '#3b3b3b', bg: '#f8f8f8', quote: '#e5e5e5' }, 'Dark Modern': { fg: '#cccccc', bg: '#2b2b2b', quote: '#616161' } };
  assert.ok(contrast(themes['Light Modern'].quote, themes['Light Modern'].bg) < 1.3, 'why: the theme variable alone is nearly invisible');
  for (const [name, t] of Object.entries(themes)) {
    const c = contrast(mix(t.fg, share, t.bg), t.bg);
    assert.ok(c >= 2 && c <= 4, `${name}: ${c.toFixed(2)}:1`);
  }
});
