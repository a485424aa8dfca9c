// A file Scaling Lens cannot read, opened in VS Code: the reader's note ended "(use --format to
// choose one)", a CLI flag the editor has no counterpart of (W's walkthrough: "Scaling Lens found no
// learning curve in blob.log: unknown format (use --format to choose one)"). The editor leaves it out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LensSession, inEditorWords } from '../../../src/extension/session';
import { unknownFormatNote } from '../../../src/ingest/text/sniff';
import { testDeps, testSettings } from './sessionFixture';

test('the panel lists a reader note without the CLI flag hint; the CLI keeps it', () => {
  const text = unknownFormatNote(new TextEncoder().encode('')); // nothing to tell text from bytes by
  assert.equal(text, 'unknown format (use --format to choose one)');
  assert.equal(inEditorWords(text), 'unknown format');
  const session = new LensSession('/blob.log', 'blob.log', testDeps(testSettings(['m2'])));
  session.setSource({ format: 'text', runs: [], warnings: [{ file: '/blob.log', message: text }] });
  const warnings = session.panelData().warnings;
  assert.ok(warnings.some((w) => w === '/blob.log: unknown format'), warnings.join(' | '));
  assert.ok(warnings.every((w) => !w.includes('--format')), warnings.join(' | '));
});
