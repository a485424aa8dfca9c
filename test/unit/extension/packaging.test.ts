// What `npm run package` puts in the .vsix (vsce's own file list, from .vscodeignore): every file the
// README links to, since the Extensions view renders the packaged README against the installed
// folder, and nothing that is source, test, tooling or a source map.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { listFiles } from '@vscode/vsce';

const packaged = listFiles({ cwd: process.cwd(), packageManager: 'none' as never }).then((files) => new Set(files.map((f) => f.replace(/\\/g, '/'))));

function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
  return [...new Set(links.filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#')).map((l) => l.split('#')[0]!))];
}

test('every file the README links to (its screenshots) is in the package', async () => {
  const files = await packaged;
  const links = relativeLinks(readFileSync('README.md', 'utf8'));
  assert.ok(links.length > 0);
  const missing = links.filter((l) => !files.has(l));
  assert.deepEqual(missing, [], `README links to files the .vsix leaves out: ${missing.join(', ')}`);
});

test('the package holds no source, tests, tooling, source maps or the VS Code test runtime', async () => {
  const files = [...(await packaged)];
  const stray = files.filter((f) => /^(src|test|bench|scripts|webview|node_modules|\.vscode-test|\.vscode|\.ci)\//.test(f) || /\.(map|ts|tsbuildinfo|vsix)$/.test(f));
  assert.deepEqual(stray, []);
});
