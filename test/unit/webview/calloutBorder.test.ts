// The headline callout is a result, not an error: its border takes no red or error colour.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

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
