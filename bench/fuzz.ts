// npm run fuzz [N] [format…]: N mutated inputs (default 100,000) per format through decoder and
// detection; prints failures (first stack per format) and exits 1 if any input threw. Then the file
// layer: FUZZ_FILES (default N/10) mutated fixture files written to disk and read through
// readSource -> analyzeCurve (truncations, byte flips, repeated/changed headers, UTF-16, key
// explosions), beside a mutated hparams.yaml; only one-line user errors are allowed.
import { formats } from '../src/ingest/formats/index';
import type { FormatId } from '../src/ingest/model/model';
import { loadSqlite } from '../src/ingest/sqlite/engine';
import { FUZZ_SEEDS, fuzzFormat } from '../test/unit/ingest/fuzzCore';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../src/ingest/files/read';
import { withSizeSweep } from '../src/ingest/model/sizeSweep';
import { analyzeCurve } from '../src/core/analyze';
import { ScalingLensError } from '../src/core/types';
import { mulberry32 } from '../src/core/random';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'logformats');

/** One seeded file-level mutation of `b`. */
function mutateFile(b: Uint8Array, rand: () => number): Uint8Array {
  const at = Math.floor(rand() * (b.length + 1));
  switch (Math.floor(rand() * 7)) {
    case 0:
      return b.subarray(0, at); // truncated anywhere
    case 1: {
      const c = b.slice();
      for (let k = 0; k < 4; k++) c[Math.floor(rand() * c.length)] = Math.floor(rand() * 256);
      return c;
    }
    case 2: {
      // the first line again mid-file, one column more
      const nl = b.indexOf(10);
      if (nl < 0) return b;
      const hdr = Buffer.concat([Buffer.from(b.subarray(0, nl)), Buffer.from(',extra_col\n')]);
      return Buffer.concat([b.subarray(0, at), hdr, b.subarray(at)]);
    }
    case 3:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Buffer.from(b).toString('utf8'), 'utf16le')]);
    case 4: {
      let t = '';
      for (let i = 0; i < 2000; i++) t += `{"step": ${i}, "k${Math.floor(rand() * 1e9)}": ${rand()}}\n`;
      return Buffer.concat([b, Buffer.from(t)]);
    }
    case 5:
      return b.subarray(0, Math.min(b.length, 1));
    default:
      return Buffer.concat([b.subarray(0, at), Buffer.from([0, 0x1b, 13, 10]), b.subarray(at)]);
  }
}

async function fuzzFiles(count: number, seed: number): Promise<{ inputs: number; failures: string[]; ms: number }> {
  const rand = mulberry32(seed);
  const dir = mkdtempSync(join(tmpdir(), 'sl-fuzz-files-'));
  const seeds = readdirSync(FIXTURES).filter((f) => f !== 'README.md' && statSync(join(FIXTURES, f)).isFile());
  const failures: string[] = [];
  const t0 = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const name = seeds[i % seeds.length];
      const p = join(dir, `${i % 64}-${name}`);
      writeFileSync(p, mutateFile(new Uint8Array(readFileSync(join(FIXTURES, name))), rand));
      // the run config read beside every log: mutated too
      if (i % 4 === 0) writeFileSync(join(dir, 'hparams.yaml'), mutateFile(new Uint8Array(readFileSync(join(FIXTURES, 'hparams.yaml'))), rand));
      try {
        const src = withSizeSweep(await readSource(p)); // as the panel and the CLI take it
        for (const r of src.runs.slice(0, 2)) {
          for (const s of r.series.slice(0, 2)) {
            const xs = s.x.step ?? s.x.tokens ?? s.x.index;
            if (!xs) continue;
            const pts = [];
            for (let k = 0; k < s.y.length; k++) if (xs[k] > 0 && Number.isFinite(xs[k]) && Number.isFinite(s.y[k])) pts.push({ x: xs[k], y: s.y[k] });
            if (pts.length >= 3) analyzeCurve(pts, { laws: ['m1'] });
          }
        }
      } catch (err) {
        if (!(err instanceof ScalingLensError) || err.message.includes('\n')) failures.push(`#${i} ${name}: ${(err as Error).stack}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { inputs: count, failures, ms: performance.now() - t0 };
}

const args = process.argv.slice(2);
const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000);
const only = args.filter((a) => !/^\d+$/.test(a));
const ids = formats.map((f) => f.id).filter((id) => (only.length ? only.includes(id) : FUZZ_SEEDS[id] !== undefined)) as FormatId[];
async function main(): Promise<number> {
  // the MLflow database decoder is synchronous over an engine the I/O edge loads first
  await loadSqlite();
  let failed = 0;
  console.log(`fuzz: ${n} mutated inputs per format`);
  for (const id of ids) {
    const r = fuzzFormat(id, n, 0x5eed);
    const us = ((r.ms * 1000) / n).toFixed(0);
    console.log(`${id.padEnd(18)} ${String(r.inputs).padStart(8)} inputs  ${String(r.failures.length).padStart(4)} failures  ${(r.ms / 1000).toFixed(1)} s  (${us} µs/input)`);
    if (r.failures.length) {
      failed += r.failures.length;
      console.log(`  first failure (input #${r.failures[0].input}):\n  ${r.failures[0].error}`);
    }
  }
  const nFiles = Number(process.env.FUZZ_FILES ?? Math.ceil(n / 10));
  const f = await fuzzFiles(nFiles, 0xf11e);
  console.log(`files → fit        ${String(f.inputs).padStart(8)} inputs  ${String(f.failures.length).padStart(4)} failures  ${(f.ms / 1000).toFixed(1)} s`);
  if (f.failures.length) console.log(`  first failure: ${f.failures[0]}`);
  return failed + f.failures.length;
}

void main().then((failed) => process.exit(failed ? 1 : 0));
