// The manifest's estimator setting against the core: the panel's auto must choose among the same
// candidates as the CLI's, and every curve law must be selectable.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { AUTO_CANDIDATES, CURVE_LAW_IDS } from '../../../src/core/laws/index';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: string[]; items: { enum: string[]; enumDescriptions: string[] } }> } };
};
const setting = manifest.contributes.configuration.properties['scalingLens.estimators'];

test('scalingLens.estimators offers every curve law, and its default includes all of auto\'s candidates', () => {
  assert.deepEqual(setting.items.enum, [...CURVE_LAW_IDS]);
  assert.equal(setting.items.enumDescriptions.length, setting.items.enum.length);
  for (const id of AUTO_CANDIDATES) assert.ok(setting.default.includes(id), `default lacks auto candidate ${id}`);
  for (const id of setting.default) assert.ok(CURVE_LAW_IDS.includes(id), `default names unknown law ${id}`);
});

test('the host\'s fallback estimators (used when the setting is invalid) are the manifest\'s default', () => {
  // settings.ts imports vscode, so its constant is read from the source text
  const src = readFileSync('src/extension/settings.ts', 'utf8');
  const list = /DEFAULT_ESTIMATORS = \[([^\]]*)\]/.exec(src)?.[1] ?? '';
  assert.deepEqual(list.split(',').map((s) => s.trim().replace(/^'|'$/g, '')).filter(Boolean), setting.default);
});

test('the Plan is described with its three questions where it is listed: a budget, a loss to reach, and the loss of a model size on a token count', async () => {
  const { parsePlanQuery } = await import('../../../src/core/units');
  const { description } = JSON.parse(readFileSync('package.json', 'utf8')) as { description: string };
  assert.match(description, /compute budgets .*model size on a token count/);
  const row = readFileSync('README.md', 'utf8').split('\n').find((l) => l.startsWith('| [**Plan Compute Budget…**]'));
  assert.ok(row, 'the README lists the Plan among the commands');
  assert.match(row, /FLOP budgets/);
  assert.match(row, /loss to reach/);
  const example = /`([^`]+ on [^`]+)`/.exec(row)?.[1];
  assert.ok(example, row);
  assert.ok(parsePlanQuery(example).point, `${example} asks the Plan for a point`);
});
