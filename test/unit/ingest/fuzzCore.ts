// Mutation fuzzing of every format's decoder and of detection: byte flips, truncations, random
// bytes, insertions, deletions and "interesting" bytes, fed in random chunk sizes. The contract is
// no exception and consistent output (every x array as long as y), whatever the input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Format } from '../../../src/ingest/model/decoder';
import { detectAll } from '../../../src/ingest/formats/detect';
import { formats } from '../../../src/ingest/formats/index';
import type { FormatId } from '../../../src/ingest/model/model';
import { FIXTURES, prng } from './helpers';

/** Seed inputs per format: its fixtures (mutations start from realistic bytes). */
export const FUZZ_SEEDS: Partial<Record<FormatId, string[]>> = {
  csv: ['dvclive_train_loss.tsv', 'keras_log.csv', 'runs_by_size.csv', 'sweep_decimal_comma.csv'],
  lightning: ['metrics.csv', 'metrics.before_header_growth.csv'],
  keras: ['keras_log.csv'],
  'hf-trainer-state': ['trainer_state.json'],
  'tensorboard-json': ['run-version_0-tag-val_loss.json'],
  jsonl: ['detectron2_metrics.json', 'wandb-history.jsonl', 'wandb-summary.json'],
  'mmcv-json': ['mmdet_20220101_120000.log.json'],
  mlflow: ['mlruns_metric_loss'],
  text: ['nanogpt_train.log', 'torchtitan_stdout.log', 'hf_trainer_stdout.log', 'nemo_stdout.log'],
  sweep: ['scaling_sweep_CNDloss.csv', 'epoch_chinchilla_format.csv', 'sweep_decimal_comma.csv'],
  'rnsl-benchmark': ['../../../data/benchmark.lang.csv'],
  tfevents: ['events.out.tfevents.1718000000.myhost.12345.0'],
  wandb: ['run-abc123xy.wandb'],
  // a database is pages, not lines: mutations start from the whole 17 KB file
  'mlflow-sqlite': ['../mlflow-sqlite/mlflow.db'],
};

const INTERESTING = [10, 13, 34, 44, 9, 123, 125, 91, 93, 0, 255, 27, 32, 78, 73, 45, 46, 101, 58, 39, 0xc3, 0x80];

function seedBytes(name: string): Uint8Array {
  const b = readFileSync(join(FIXTURES, name));
  // the fixtures are small; the benchmark table is not: a 2 KB head exercises every parser path
  return new Uint8Array(name.endsWith('.db') ? b : b.subarray(0, 2048));
}

export function mutate(src: Uint8Array, rand: () => number): Uint8Array {
  let b = src;
  const rounds = 1 + Math.floor(rand() * 3);
  for (let r = 0; r < rounds; r++) {
    const pos = Math.floor(rand() * (b.length + 1));
    switch (Math.floor(rand() * 7)) {
      case 0: {
        b = b.slice();
        const flips = 1 + Math.floor(rand() * 8);
        for (let k = 0; k < flips && b.length; k++) b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
        break;
      }
      case 1:
        b = b.slice(0, pos);
        break;
      case 2: {
        const n = Math.floor(rand() * 2048);
        b = new Uint8Array(n);
        for (let k = 0; k < n; k++) b[k] = Math.floor(rand() * 256);
        break;
      }
      case 3: {
        const n = 1 + Math.floor(rand() * 64);
        const ins = new Uint8Array(n);
        for (let k = 0; k < n; k++) ins[k] = Math.floor(rand() * 256);
        const out = new Uint8Array(b.length + n);
        out.set(b.subarray(0, pos), 0);
        out.set(ins, pos);
        out.set(b.subarray(pos), pos + n);
        b = out;
        break;
      }
      case 4: {
        const end = Math.min(b.length, pos + Math.floor(rand() * 200));
        const out = new Uint8Array(b.length - (end - pos));
        out.set(b.subarray(0, pos), 0);
        out.set(b.subarray(end), pos);
        b = out;
        break;
      }
      case 5: {
        b = b.slice();
        const n = 1 + Math.floor(rand() * 6);
        for (let k = 0; k < n && b.length; k++) b[Math.floor(rand() * b.length)] = INTERESTING[Math.floor(rand() * INTERESTING.length)];
        break;
      }
      default: {
        // duplicate a range (repeated headers, replayed records)
        const end = Math.min(b.length, pos + Math.floor(rand() * 300));
        const out = new Uint8Array(b.length + (end - pos));
        out.set(b.subarray(0, end), 0);
        out.set(b.subarray(pos), end);
        b = out;
      }
    }
  }
  return b;
}

export interface FuzzReport {
  readonly format: FormatId;
  readonly inputs: number;
  readonly failures: { input: number; error: string }[];
  readonly ms: number;
}

function checkConsistent(format: Format, bytes: Uint8Array, rand: () => number, name: string): void {
  const d = format.createDecoder(name);
  let i = 0;
  while (i < bytes.length) {
    const n = 1 + Math.floor(rand() * 2048);
    d.push(bytes.subarray(i, i + n));
    i += n;
  }
  d.end();
  for (const run of d.runs()) {
    for (const s of run.series) {
      for (const [kind, xs] of Object.entries(s.x)) if (xs && xs.length !== s.y.length) throw new Error(`series ${s.key}: x ${kind} has ${xs.length} values, y ${s.y.length}`);
      if (s.fitMask && s.fitMask.length !== s.y.length) throw new Error(`series ${s.key}: fitMask length`);
    }
  }
  for (const w of d.warnings()) if (typeof w.message !== 'string' || !w.file) throw new Error('malformed warning');
  detectAll(name, bytes);
}

export function fuzzFormat(id: FormatId, inputs: number, seed: number): FuzzReport {
  const format = formats.find((f) => f.id === id);
  if (!format) throw new Error(`no format ${id}`);
  const seeds = (FUZZ_SEEDS[id] ?? []).map(seedBytes);
  if (seeds.length === 0) seeds.push(new Uint8Array(0));
  const rand = prng(seed);
  const failures: { input: number; error: string }[] = [];
  const t0 = performance.now();
  const name = id === 'mlflow' ? '/r/metrics/loss' : id === 'hf-trainer-state' ? 'trainer_state.json' : 'fuzz.input';
  for (let k = 0; k < inputs; k++) {
    const bytes = mutate(seeds[k % seeds.length], rand);
    try {
      checkConsistent(format, bytes, rand, name);
    } catch (err) {
      if (failures.length < 10) failures.push({ input: k, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      else failures.length++;
    }
  }
  return { format: id, inputs, failures, ms: performance.now() - t0 };
}

/** Formats owned by the text-ingestion side, fuzzed in unit tests and by `npm run fuzz`. */
export const TEXT_FORMATS: FormatId[] = ['csv', 'lightning', 'keras', 'hf-trainer-state', 'tensorboard-json', 'jsonl', 'mmcv-json', 'mlflow', 'text', 'sweep', 'rnsl-benchmark'];
