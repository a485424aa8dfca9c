// Shared test helpers for ingestion: fixtures, in-memory decoding, a seeded PRNG, and a plain
// snapshot of runs for deepEqual (NaN-safe).
import { after } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decoder, Format } from '../../../src/ingest/model/decoder';
import type { RunData, SeriesData, SourceData } from '../../../src/ingest/model/model';
import { watchSource } from '../../../src/ingest/files/watch';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'logformats');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** The core's seeded PRNG, to pick chunk sizes and mutations. */
export { mulberry32 as prng } from '../../../src/core/random';

export type Rand = () => number;
/** One of `xs`, drawn with `rand`. */
export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

export function decodeAll(format: Format, origin: string, bytes: Uint8Array): Decoder {
  const d = format.createDecoder(origin);
  d.push(bytes);
  d.end();
  return d;
}

/** Feeds `bytes` in random-sized chunks (1..maxChunk), splitting lines anywhere. */
export function decodeChunked(format: Format, origin: string, bytes: Uint8Array, rand: () => number, maxChunk = 64): Decoder {
  const d = format.createDecoder(origin);
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * maxChunk);
    // copy so a decoder that kept a reference to our buffer would be caught by the mutation below
    const chunk = bytes.slice(i, i + n);
    d.push(chunk);
    chunk.fill(0);
    i += n;
  }
  d.end();
  return d;
}

function plainSeries(s: SeriesData): unknown {
  const arr = (a: ArrayLike<number>): (number | string)[] => Array.from(a, (v) => (Number.isNaN(v) ? 'NaN' : v));
  const x: Record<string, unknown> = {};
  for (const k of Object.keys(s.x).sort()) x[k] = arr(s.x[k as keyof typeof s.x]!);
  return { key: s.key, split: s.split, y: arr(s.y), x, ...(s.fitMask ? { fitMask: Array.from(s.fitMask) } : {}) };
}

export function plainRuns(runs: readonly RunData[]): unknown {
  return runs.map((r) => ({ name: r.name, format: r.format, meta: r.meta ?? null, series: r.series.map(plainSeries) }));
}

export function series(runs: readonly RunData[], key: string, run = 0): SeriesData {
  const s = runs[run]?.series.find((v) => v.key === key);
  if (!s) throw new Error(`no series "${key}" in run ${run}; have ${runs[run]?.series.map((v) => v.key).join(', ')}`);
  return s;
}

/** Independent oracle for CSV fixtures: naive split (the fixtures have no quotes). */
export function naiveTable(text: string, delimiter = ','): { header: string[]; rows: string[][] } {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  return { header: lines[0].split(delimiter), rows: lines.slice(1).map((l) => l.split(delimiter)) };
}

/** A temporary folder removed after the file's tests, and `put(rel, content)` writing a file (and its folders) under it, giving its path. */
export function scratchTree(prefix: string): { root: string; put: (rel: string, content: string | Uint8Array) => string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(root, { recursive: true, force: true }));
  const put = (rel: string, content: string | Uint8Array): string => {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, content);
    return p;
  };
  return { root, put };
}

/** What a watch of `path` reports on its first read (then stopped): to compare with readSource. */
export async function watchedOnce(path: string): Promise<SourceData | undefined> {
  let watched: SourceData | undefined;
  const w = watchSource(path, (s) => (watched = s), { pollMs: 60_000 });
  try {
    await w.refresh();
  } finally {
    w.dispose();
  }
  return watched;
}
