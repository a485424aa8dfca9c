// The full seeded mutation fuzz of the binary decoders: 100,000 inputs per decoder (FUZZ_COUNT to
// change), reporting time, throughput, the slowest single input and any failure with its seed and
// iteration so it can be replayed. The unit test runs the same harness on 5,000 inputs.
import { tfeventsFormat } from '../src/ingest/formats/tfevents';
import { wandbFormat } from '../src/ingest/formats/wandb';
import { fuzz } from '../test/unit/ingest/binaryFuzz';
import { tfeventsCorpus, wandbCorpus } from '../test/unit/ingest/binaryCorpus';
import { prng } from '../test/unit/ingest/helpers';

const COUNT = Number(process.env.FUZZ_COUNT ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0xf0221);
let failed = 0;
for (const [name, format, corpus] of [
  ['tfevents', tfeventsFormat, tfeventsCorpus()],
  ['wandb', wandbFormat, wandbCorpus()],
] as const) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fuzz(format, corpus, COUNT, prng(SEED), 20);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(cpu0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(
    `${name}: ${r.inputs.toLocaleString('en')} mutated inputs (${(r.bytes / 1e6).toFixed(1)} MB) in ${wall.toFixed(1)} s wall / ${cpu.toFixed(1)} s cpu ` +
      `(${Math.round(r.inputs / cpu).toLocaleString('en')} inputs/cpu-s); slowest input ${r.slowestMs.toFixed(1)} ms; failures: ${r.failures.length}`,
  );
  for (const f of r.failures) console.log(`  seed ${SEED} iteration ${f.iteration} (${f.input.length} bytes): ${f.error.split('\n').slice(0, 4).join(' | ')}`);
  failed += r.failures.length;
}
process.exit(failed ? 1 : 0);
