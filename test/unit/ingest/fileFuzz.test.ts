// The fuzzers past in-memory decoders: real files on disk, cut at every record (line) boundary, at
// sizes 0 and 1, with a header changed mid-file, and the result pushed through the fit pipeline
// (readSource → analyzeCurve on what was read). Bounded for CI; bench/fuzz.ts runs more.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { withSizeSweep } from '../../../src/ingest/model/sizeSweep';
import { analyzeCurve } from '../../../src/core/analyze';
import { ScalingLensError } from '../../../src/core/types';
import { FIXTURES } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-filefuzz-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Cut points: 0, 1, every line end (at most `max`, spread over the file), the full size. */
function cuts(bytes: Uint8Array, max: number): number[] {
  const ends: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) ends.push(i + 1);
  const step = Math.max(1, Math.ceil(ends.length / max));
  const out = new Set([0, 1, bytes.length]);
  for (let i = 0; i < ends.length; i += step) {
    out.add(ends[i]);
    out.add(Math.max(0, ends[i] - 1)); // torn just before the newline
  }
  return [...out].filter((n) => n <= bytes.length).sort((a, b) => a - b);
}

/** readSource then a fit of every series with enough points: only user-facing errors allowed. */
async function pipeline(path: string): Promise<void> {
  let src;
  try {
    src = withSizeSweep(await readSource(path)); // as the panel and the CLI take it
  } catch (err) {
    assert.ok(err instanceof ScalingLensError, `readSource threw ${(err as Error).stack}`);
    assert.ok(!(err as Error).message.includes('\n'));
    return;
  }
  for (const w of src.warnings) assert.ok(typeof w.message === 'string' && w.message.length < 2000);
  for (const r of src.runs) {
    for (const s of r.series.slice(0, 3)) {
      const xs = s.x.step ?? s.x.tokens ?? s.x.index ?? s.x.epoch;
      if (!xs) continue;
      const points = [];
      for (let i = 0; i < s.y.length; i++) if (Number.isFinite(xs[i]) && xs[i] > 0 && Number.isFinite(s.y[i])) points.push({ x: xs[i], y: s.y[i] });
      if (points.length < 3) continue;
      try {
        analyzeCurve(points, { laws: ['m1'] });
      } catch (err) {
        assert.ok(err instanceof ScalingLensError, `analyze threw ${(err as Error).stack}`);
      }
    }
  }
}

test('every fixture cut at sizes 0, 1 and line boundaries reads and fits without a crash', async () => {
  let files = 0;
  for (const name of readdirSync(FIXTURES)) {
    const full = join(FIXTURES, name);
    if (!statSync(full).isFile() || name === 'README.md') continue;
    const bytes = new Uint8Array(readFileSync(full));
    for (const n of cuts(bytes, 12)) {
      const sub = join(dir, `${name}.${n}`);
      mkdirSync(sub);
      const p = join(sub, name);
      writeFileSync(p, bytes.subarray(0, n));
      await pipeline(p);
      files++;
    }
  }
  assert.ok(files > 100, `${files} files`);
});

test('header changes and key explosions in files, seeded: reads bounded, loss never taken from another column', async () => {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let k = 0; k < 30; k++) {
    const extra = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, i) => `m${k}_${i}`);
    let t = 'step,loss\n';
    const rows = 5 + Math.floor(rand() * 20);
    for (let i = 1; i <= rows; i++) t += `${i},${(2 + 1 / i).toFixed(5)}\n`;
    const cols = ['step', ...extra, 'loss'].sort(() => rand() - 0.5);
    t += `${cols.join(',')}\n`;
    for (let i = rows + 1; i <= 2 * rows; i++) t += `${cols.map((c) => (c === 'step' ? i : c === 'loss' ? (2 + 1 / i).toFixed(5) : (1000 + rand() * 1e6).toFixed(1))).join(',')}\n`;
    const p = join(dir, `hdr${k}.csv`);
    writeFileSync(p, t);
    const src = await readSource(p);
    const loss = src.runs[0].series.find((s) => s.key === 'loss')!;
    assert.equal(loss.y.length, 2 * rows, `case ${k}`);
    for (const v of loss.y) assert.ok(v > 2 && v < 3.01, `case ${k}: loss ${v}`);
    await pipeline(p);
  }
});
