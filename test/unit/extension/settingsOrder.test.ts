// The Settings editor lists an extension's settings alphabetically unless each has an `order`; with
// one they come as docs/panel.md's Settings table explains them (the laws, the target, then how the
// fit is made, then the watch and the forecast's target), not bootstrapSamples first.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

test("the Settings editor lists the settings in the order of docs/panel.md's Settings table", () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { order?: number }> } } };
  const props = Object.entries(manifest.contributes.configuration.properties);
  for (const [name, p] of props) assert.equal(typeof p.order, 'number', `${name} has no order`);
  const shown = props.sort(([, a], [, b]) => a.order! - b.order!).map(([name]) => name.replace(/^scalingLens\./, ''));
  const docs = readFileSync('docs/panel.md', 'utf8');
  const table = docs.slice(docs.indexOf('## Settings'));
  const documented = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(shown, documented);
});
