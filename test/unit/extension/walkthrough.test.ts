// The Getting Started walkthrough (package.json contributes.walkthroughs): every button and completion
// event names a command the extension contributes, every step shows a local image that exists, in a
// dark and a light version, and the texts stay short enough to read beside the image.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { image?: string | Record<string, string>; markdown?: string; altText?: string };
  completionEvents?: string[];
}
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs?: { id: string; title: string; steps: Step[] }[] };
};
const nls = existsSync('package.nls.json') ? (JSON.parse(readFileSync('package.nls.json', 'utf8')) as Record<string, string>) : {};
/** A string as VS Code shows it: a `%key%` is looked up in package.nls.json. */
const text = (s: string): string => /^%([\w.-]+)%$/.exec(s)?.[1] !== undefined ? nls[/^%([\w.-]+)%$/.exec(s)![1]!] ?? s : s;
const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
const walkthrough = manifest.contributes.walkthroughs?.find((w) => w.id === 'gettingStarted');

test('there is one Getting Started walkthrough of 4 to 6 steps', () => {
  assert.ok(walkthrough, 'contributes.walkthroughs has gettingStarted');
  assert.ok(walkthrough.steps.length >= 4 && walkthrough.steps.length <= 6, `${walkthrough.steps.length} steps`);
  assert.equal(new Set(walkthrough.steps.map((s) => s.id)).size, walkthrough.steps.length, 'step ids are unique');
});

test("each step's buttons and completion events name contributed commands, and each step completes on one", () => {
  for (const step of walkthrough!.steps) {
    const links = [...text(step.description).matchAll(/\(command:([\w.]+)[^)]*\)/g)].map((m) => m[1]!);
    assert.ok(links.length > 0, `${step.id} has a button`);
    for (const id of links) assert.ok(contributed.has(id), `${step.id}: command:${id} is not contributed`);
    const events = step.completionEvents ?? [];
    assert.ok(events.length > 0, `${step.id} has completion events`);
    for (const e of events) {
      const id = /^onCommand:(.+)$/.exec(e)?.[1];
      assert.ok(id && contributed.has(id), `${step.id}: ${e} is not a contributed command`);
      assert.ok(links.includes(id), `${step.id}: ${e} has no button`);
    }
  }
});

test("each step's image is a local file, in a dark and a light version, with alt text", () => {
  for (const step of walkthrough!.steps) {
    const image = step.media.image;
    assert.ok(image && typeof image === 'object', `${step.id} shows a themed image`);
    for (const theme of ['dark', 'light', 'hc', 'hcLight']) {
      const file = image[theme];
      assert.ok(file && !/^[a-z]+:/i.test(file) && existsSync(file), `${step.id} ${theme}: ${file} is no local file`);
    }
    assert.ok(text(step.media.altText ?? '').length > 10, `${step.id} has alt text`);
  }
});

test('step texts stay short: a title under 40 characters, a description under 450', () => {
  for (const step of walkthrough!.steps) {
    assert.ok(text(step.title).length < 40, step.id);
    assert.ok(text(step.description).length < 450, `${step.id}: ${text(step.description).length}`);
  }
});

test('the bundled sample the first step fits is the file the command opens', () => {
  const src = readFileSync('src/extension/commands/sample.ts', 'utf8');
  const sample = /SAMPLE_LOG = '([^']+)'/.exec(src)?.[1];
  assert.ok(sample && existsSync(sample), `${sample}`);
});

test('step texts have no `code` spans: the Welcome page shows the backticks as typed', () => {
  for (const step of walkthrough!.steps) assert.doesNotMatch(text(step.description), /`/, step.id);
});
