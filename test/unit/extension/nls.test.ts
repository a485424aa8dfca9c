// package.json's user-visible strings live in package.nls.json (VS Code's mechanism for localising a
// manifest: a string that is exactly `%key%` is looked up there). A key package.json names that
// package.nls.json lacks shows as the raw `%key%` in the palette, the settings or the walkthrough.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifestText = readFileSync('package.json', 'utf8');
const manifest = JSON.parse(manifestText) as {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { title: string; properties: Record<string, Record<string, unknown> & { items?: { enumDescriptions?: string[] } }> };
    walkthroughs: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { altText?: string } }[] }[];
  };
};
const nls = JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, unknown>;
const KEY = /^%([\w.-]+)%$/;

/** Every string value in the manifest that is a `%key%` reference, with where it is. */
function references(value: unknown, where: string, out: { key: string; where: string }[] = []): { key: string; where: string }[] {
  if (typeof value === 'string') {
    const key = KEY.exec(value)?.[1];
    if (key !== undefined) out.push({ key, where });
  } else if (Array.isArray(value)) value.forEach((v, i) => references(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) references(v, where ? `${where}.${k}` : k, out);
  return out;
}
const refs = references(JSON.parse(manifestText), '');

test('every %key% in package.json is in package.nls.json, as a non-empty string', () => {
  const missing = refs.filter((r) => typeof nls[r.key] !== 'string' || (nls[r.key] as string).trim() === '').map((r) => `${r.where}: %${r.key}%`);
  assert.deepEqual(missing, []);
});

test('package.nls.json holds no key package.json does not use', () => {
  const used = new Set(refs.map((r) => r.key));
  assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), []);
});

test('command titles and category, setting descriptions and walkthrough texts are all %key% references', () => {
  const { commands, configuration, walkthroughs } = manifest.contributes;
  const shown: [string, string | undefined][] = [
    ...commands.flatMap((c): [string, string | undefined][] => [[`${c.command} title`, c.title], [`${c.command} category`, c.category]]),
    ['configuration title', configuration.title],
    ...Object.entries(configuration.properties).flatMap(([name, p]): [string, string | undefined][] => [
      ...(['description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage'] as const)
        .filter((f) => f in p)
        .map((f): [string, string | undefined] => [`${name} ${f}`, p[f] as string]),
      ...(p.items?.enumDescriptions ?? []).map((d, i): [string, string | undefined] => [`${name} enumDescriptions[${i}]`, d]),
    ]),
    ...walkthroughs.flatMap((w): [string, string | undefined][] => [
      [`${w.id} title`, w.title],
      [`${w.id} description`, w.description],
      ...w.steps.flatMap((s): [string, string | undefined][] => [[`${w.id}.${s.id} title`, s.title], [`${w.id}.${s.id} description`, s.description], [`${w.id}.${s.id} altText`, s.media.altText]]),
    ]),
  ];
  assert.deepEqual(shown.filter(([, v]) => v === undefined || !KEY.test(v)).map(([where, v]) => `${where}: ${v}`), []);
});
