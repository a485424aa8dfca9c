// In a multi-root workspace each folder's .vscode/settings.json could not set Scaling Lens settings:
// they were window-scoped (VS Code: "cannot be applied in this workspace") and read without a
// file. They are resource-scoped now and a panel reads them for its own file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSource } from '../../../src/ingest/files/read';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from './sessionFixture';

test('every scalingLens setting is resource-scoped', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } };
  for (const [key, p] of Object.entries(manifest.contributes.configuration.properties)) assert.equal(p.scope, 'resource', key);
});

test('a session asks for the settings of its own file, on creation and when it fits', async () => {
  const file = join(__dirname, '..', '..', 'fixtures', 'workspace', 'runs_by_size.csv');
  const asked: (string | undefined)[] = [];
  const settings = testSettings(['m2']);
  const session = new LensSession(file, 'runs_by_size.csv', testDeps(settings, { settings: (f?: string) => (asked.push(f), settings) }));
  session.setSource(await readSource(file));
  await session.refit();
  assert.ok(asked.length > 1);
  assert.deepEqual([...new Set(asked)], [file]);
});
