// A CSV saved by Excel or an older Windows tool writes its names in windows-1252 ("perplexité"
// with é as the one byte 0xE9, "loss µ" with 0xB5): read as UTF-8 they showed as "perplexit\uFFFD".
// Text that is not valid UTF-8 is read as windows-1252; UTF-8 files read as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { readSource } from '../../../src/ingest/files/read';
import { textOfBytes } from '../../../src/ingest/text/utf8OrWindows1252';
import type { Decoder } from '../../../src/ingest/model/decoder';
import { decodeAll, decodeChunked, prng } from './helpers';

const rows = Array.from({ length: 12 }, (_, i) => `${(i + 1) * 100},${(3 - 0.1 * i).toFixed(4)},${(20 - i).toFixed(2)}`).join('\n');
const bytesOf = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));
const keys = (d: Decoder): string[] => d.runs().flatMap((r) => r.series.map((s) => s.key));

test('a windows-1252 header names its columns as written (perplexité, loss µ), whatever the chunking', () => {
  const bytes = bytesOf('step,loss ', [0xb5], ',perplexit', [0xe9], `\n${rows}\n`);
  const d = decodeAll(csvFormat, 'run.csv', bytes);
  assert.deepEqual(keys(d), ['loss µ', 'perplexité']);
  assert.deepEqual(d.warnings(), []);
  assert.deepEqual(keys(decodeChunked(csvFormat, 'run.csv', bytes, prng(7), 5)), ['loss µ', 'perplexité']);
});

test('a windows-1252 label (a run column) and a repeated header read alike; a UTF-8 file reads as before', () => {
  const labelled = rows.split('\n').map((r) => `${r},caf\u00e9`).join('\n');
  const latin = bytesOf('step,loss,perplexit', [0xe9], ',run\n', `${labelled.replace(/caf\u00e9/g, 'cafX')}\n`, 'step,loss,perplexit', [0xe9], ',run\n');
  // 'X' stands for the windows-1252 é in the label cells
  const fixed = latin.map((b) => (b === 0x58 ? 0xe9 : b));
  const d = decodeAll(csvFormat, 'run.csv', fixed);
  assert.deepEqual(d.warnings(), [], 'the repeated header is the same header, not a changed one');
  assert.deepEqual(keys(d), ['loss', 'perplexité']);
  assert.deepEqual(d.runs().map((r) => r.name), ['café']);
  const utf8 = decodeAll(csvFormat, 'run.csv', new TextEncoder().encode(`step,loss,perplexité\n${rows}\n`));
  assert.deepEqual(keys(utf8), ['loss', 'perplexité']);
});

test('the windows-1252 name reaches the reader of files (the CLI and the panel read this)', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sl-cp1252-')), 'latin.csv');
  writeFileSync(file, bytesOf('step,loss,perplexit', [0xe9], `\n${rows}\n`));
  const read = await readSource(file);
  assert.deepEqual(read.runs[0]!.series.map((s) => s.key), ['loss', 'perplexité']);
});

test('textOfBytes: valid UTF-8 reads as UTF-8; stray continuation bytes, overlongs, surrogates and cut sequences read as windows-1252; windows-1252 has € at 0x80', () => {
  assert.equal(textOfBytes(new TextEncoder().encode('perplexité µ € 𝔼')), 'perplexité µ € 𝔼');
  // each of these bytes is a character in windows-1252 (0x80 €, 0x81 and 0x8F as themselves)
  const cp1252: Record<number, string> = { 0x80: '\u20ac', 0x82: '\u201a', 0x8f: '\u008f', 0x90: '\u0090' };
  for (const bad of [[0xe9], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x80]]) assert.equal(textOfBytes(new Uint8Array(bad)), bad.map((b) => cp1252[b] ?? String.fromCharCode(b)).join(''), String(bad));
  assert.equal(textOfBytes(new Uint8Array([0x80, 0x31])), '€1');
  assert.equal(textOfBytes(new TextEncoder().encode('é')), 'é');
});
