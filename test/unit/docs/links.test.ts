// Every relative link in README.md and docs/*.md resolves: to a file that exists, and with an
// #anchor, to a heading there (GitHub's slugs). The README is split over docs/, so a section moved
// or renamed would otherwise leave links that go nowhere.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { anchors, brokenLinks, githubSlug, linkTargets } from './markdownLinks';

const docs = existsSync('docs') ? readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f)) : [];

test('every relative link and #anchor in README.md and docs/*.md resolves', () => {
  const broken = ['README.md', ...docs].flatMap((path) => brokenLinks(path).map((b) => `${path}: ${b}`));
  assert.deepEqual(broken, []);
});

test('slugs follow GitHub: punctuation dropped but - and _, spaces as -, code and emphasis as their text', () => {
  assert.equal(githubSlug('Set Learning-Rate Schedule…'), 'set-learning-rate-schedule');
  assert.equal(githubSlug('Failures, exit codes and JSON'), 'failures-exit-codes-and-json');
  assert.equal(githubSlug('The `auto` choice: *why* (2×)'), 'the-auto-choice-why-2');
  assert.equal(githubSlug('keys like train_loss'), 'keys-like-train_loss');
});

test('a repeated heading is numbered, a # comment in a code block is no heading, a link in a code span is no link', () => {
  const md = '# A\n## A\n```sh\n# B\n```\nsee `[x](nowhere.md)` and [y](#a-1)\n';
  assert.deepEqual([...anchors(md)], ['a', 'a-1']);
  assert.deepEqual(linkTargets(md), ['#a-1']);
});
