// What `npm run package` puts in the .vsix (vsce's own file list, from .vscodeignore): every file the
// README links to and every file those docs link to in turn (docs/*.md, the screenshots), since Open
// Documentation renders the packaged README in the Markdown preview against the installed folder and
// the package keeps relative links as written (--no-rewrite-relative-links); and nothing that is
// source, test, tooling or a source map.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listFiles } from '@vscode/vsce';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { filesReached, linkTargets } from '../docs/markdownLinks';

const packaged = listFiles({ cwd: process.cwd(), packageManager: 'none' as never }).then((files) => new Set(files.map((f) => f.replace(/\\/g, '/'))));

test('every file the README reaches through its links (docs/*.md, screenshots) is in the package', async () => {
  const files = await packaged;
  const reached = filesReached('README.md');
  assert.ok(reached.some((f) => f.startsWith('docs/')) && reached.some((f) => f.startsWith('media/')), reached.join(', '));
  const missing = reached.filter((f) => !files.has(f));
  assert.deepEqual(missing, [], `README reaches files the .vsix leaves out: ${missing.join(', ')}`);
});

test('the package holds no source, tests, tooling, source maps or the VS Code test runtime', async () => {
  const files = [...(await packaged)];
  const stray = files.filter((f) => /^(src|test|bench|scripts|webview|node_modules|\.vscode-test|\.vscode|\.ci)\//.test(f) || /\.(map|ts|tsbuildinfo|vsix)$/.test(f));
  assert.deepEqual(stray, []);
});

test("no packaged page links to the README: vsce packs it as readme.md, so README.md is 'file not found' in the installed folder", async () => {
  // seen from the installed .vsix in code-server: Open Documentation → panel.md → its README link
  // opened "The editor could not be opened because the file was not found"
  const files = [...(await packaged)].filter((f) => f.endsWith('.md'));
  const toReadme = files.flatMap((f) =>
    linkTargets(readFileSync(f, 'utf8'))
      .map((t) => t.split('#')[0]!)
      .filter((t) => t !== '' && !/^[a-z]+:/i.test(t) && normalize(join(dirname(f), t)) === 'README.md')
      .map((t) => `${f} → ${t}`),
  );
  assert.deepEqual(toReadme, []);
});

test('the Getting Started walkthrough\'s images and the sample it fits are in the package', async () => {
  const files = await packaged;
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { walkthroughs: { steps: { media: { image?: string | Record<string, string>; markdown?: string } }[] }[] } };
  const media = manifest.contributes.walkthroughs.flatMap((w) => w.steps).flatMap((s) => [
    ...(typeof s.media.image === 'string' ? [s.media.image] : Object.values(s.media.image ?? {})),
    ...(s.media.markdown ? [s.media.markdown] : []),
  ]);
  const sample = /SAMPLE_LOG = '([^']+)'/.exec(readFileSync('src/extension/commands/sample.ts', 'utf8'))?.[1];
  assert.ok(media.length >= 4 && sample);
  const missing = [...new Set([...media, sample])].filter((f) => !files.has(f));
  assert.deepEqual(missing, [], `the .vsix leaves out ${missing.join(', ')}`);
});

test("the package holds package.nls.json: without it every %key% in package.json shows as written", async () => {
  assert.ok((await packaged).has('package.nls.json'));
});
