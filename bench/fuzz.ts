// npm run fuzz [N] [format…]: N mutated inputs (default 100,000) per format through decoder and
// detection; prints failures (first stack per format) and exits 1 if any input threw.
import { formats } from '../src/ingest/formats/index';
import type { FormatId } from '../src/ingest/model/model';
import { loadSqlite } from '../src/ingest/sqlite/engine';
import { FUZZ_SEEDS, fuzzFormat } from '../test/unit/ingest/fuzzCore';

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
  return failed;
}

void main().then((failed) => process.exit(failed ? 1 : 0));
