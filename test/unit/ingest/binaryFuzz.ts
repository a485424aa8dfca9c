// Seeded mutation fuzzing for the binary decoders, shared by the unit test (a few thousand inputs)
// and bench/binaryFuzz.bench.ts (100,000+). Two kinds of input: raw mutations of whole files (byte
// flips, truncations, insertions, splices, random files) that mostly exercise framing and CRC
// paths, and payload mutations re-framed with valid checksums, so the protobuf walkers see garbage.
import type { Decoder, Format } from '../../../src/ingest/model/decoder';
import { WandbLogWriter, concat, tfrecord } from './binaryWriters';

export type Rand = () => number;

const int = (rand: Rand, n: number): number => Math.floor(rand() * n);

function randomBytes(rand: Rand, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = int(rand, 256);
  return b;
}

/** Values that stress length and varint handling when written over a field. */
const NASTY: readonly Uint8Array[] = [
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
  Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01),
  Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80),
  Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0),
  Uint8Array.of(0x0a, 0xff, 0xff, 0xff, 0x0f),
  Uint8Array.of(0x2a, 0x80, 0x80, 0x80, 0x80, 0x10),
  Uint8Array.of(0x0b, 0x0c, 0x0f, 0x1b),
];

/** One random structural mutation of `src` (never modifies it). */
export function mutateBytes(src: Uint8Array, rand: Rand, other: Uint8Array): Uint8Array {
  const n = src.length;
  const pos = int(rand, n + 1);
  switch (int(rand, 9)) {
    case 0: {
      const out = src.slice();
      for (let k = 1 + int(rand, 8); k > 0 && n > 0; k--) out[int(rand, n)] ^= 1 + int(rand, 255);
      return out;
    }
    case 1: {
      const out = src.slice();
      if (n > 0) out[int(rand, n)] ^= 1 << int(rand, 8);
      return out;
    }
    case 2:
      return src.slice(0, pos);
    case 3:
      return concat([src.subarray(0, pos), randomBytes(rand, 1 + int(rand, 64)), src.subarray(pos)]);
    case 4: {
      const end = pos + int(rand, 64);
      return concat([src.subarray(0, pos), src.subarray(Math.min(n, end))]);
    }
    case 5: {
      const a = int(rand, n + 1);
      const b = a + int(rand, Math.min(256, n - a) + 1);
      return concat([src.subarray(0, pos), src.subarray(a, b), src.subarray(pos)]);
    }
    case 6: {
      const out = src.slice();
      const v = NASTY[int(rand, NASTY.length)];
      out.set(v.subarray(0, Math.max(0, Math.min(v.length, n - pos))), Math.min(pos, n));
      return out;
    }
    case 7:
      return concat([src.subarray(0, pos), other.subarray(int(rand, other.length + 1))]);
    default:
      return randomBytes(rand, int(rand, 2048));
  }
}

export interface FuzzCorpus {
  /** Whole valid files. */
  files: Uint8Array[];
  /** Record payloads (Event / wandb.Record protobufs) to mutate and re-frame validly. */
  payloads: Uint8Array[];
  /** Frames payloads into a valid file. */
  frame(payloads: Uint8Array[]): Uint8Array;
  /** Header a random file of this format may start with (so random bytes get past magic checks). */
  header?: Uint8Array;
}

export const tfeventsFrame = (payloads: Uint8Array[]): Uint8Array => concat(payloads.map(tfrecord));

export function wandbFrame(payloads: Uint8Array[]): Uint8Array {
  const w = new WandbLogWriter();
  for (const p of payloads) w.write(p);
  return w.bytes();
}

/** Builds one fuzz input from the corpus. */
export function fuzzInput(corpus: FuzzCorpus, rand: Rand): Uint8Array {
  const pick = <T>(xs: readonly T[]): T => xs[int(rand, xs.length)];
  const mode = int(rand, 10);
  if (mode < 4) {
    let b = pick(corpus.files);
    for (let k = 1 + int(rand, 3); k > 0; k--) b = mutateBytes(b, rand, pick(corpus.files));
    return b;
  }
  if (mode < 9) {
    const payloads: Uint8Array[] = [];
    for (let k = 1 + int(rand, 6); k > 0; k--) {
      let p = pick(corpus.payloads);
      if (rand() < 0.7) for (let m = 1 + int(rand, 3); m > 0; m--) p = mutateBytes(p, rand, pick(corpus.payloads));
      payloads.push(p);
    }
    return corpus.frame(payloads);
  }
  const body = randomBytes(rand, int(rand, 4096));
  return corpus.header && rand() < 0.5 ? concat([corpus.header, body]) : body;
}

export interface FuzzFailure {
  readonly iteration: number;
  readonly error: string;
  readonly input: Uint8Array;
}

/** Structural invariants a decoder's output must keep whatever it was fed. */
function checkInvariants(d: Decoder, length: number): string | undefined {
  if (!(d.consumed >= 0 && d.consumed <= length)) return `consumed ${d.consumed} outside [0, ${length}]`;
  for (const run of d.runs()) {
    for (const s of run.series) {
      for (const [kind, xs] of Object.entries(s.x)) if (xs && xs.length !== s.y.length) return `series ${s.key}: x.${kind} length ${xs.length} != y ${s.y.length}`;
    }
  }
  const w = d.warnings();
  if (w.length > 101) return `${w.length} warnings: the list is not capped`;
  for (const x of w) if (typeof x.message !== 'string' || x.message.length === 0) return 'empty warning message';
  return undefined;
}

/** Feeds `input` in random chunks, reading after each; returns an error description or undefined. */
export function runOne(format: Format, input: Uint8Array, rand: Rand): string | undefined {
  try {
    const d = format.createDecoder('/fuzz/run/events.out.tfevents.1.fuzz.1.0');
    let prev = 0;
    for (let i = 0; i < input.length; ) {
      const n = rand() < 0.3 ? input.length - i : 1 + int(rand, 512);
      d.push(input.slice(i, i + n));
      i += n;
      if (d.consumed < prev) return `consumed went back from ${prev} to ${d.consumed}`;
      prev = d.consumed;
      if (rand() < 0.1) {
        const bad = checkInvariants(d, i);
        if (bad) return bad;
      }
    }
    d.end();
    return checkInvariants(d, input.length);
  } catch (e) {
    return `threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  }
}

export interface FuzzReport {
  readonly inputs: number;
  readonly bytes: number;
  readonly failures: FuzzFailure[];
  /** Slowest single input, in ms (bench only: not asserted). */
  readonly slowestMs: number;
}

export function fuzz(format: Format, corpus: FuzzCorpus, count: number, rand: Rand, maxFailures = 5): FuzzReport {
  const failures: FuzzFailure[] = [];
  let bytes = 0;
  let slowestMs = 0;
  for (let i = 0; i < count && failures.length < maxFailures; i++) {
    const input = fuzzInput(corpus, rand);
    bytes += input.length;
    const t0 = performance.now();
    const err = runOne(format, input, rand);
    const dt = performance.now() - t0;
    if (dt > slowestMs) slowestMs = dt;
    if (err) failures.push({ iteration: i, error: err, input });
  }
  return { inputs: count, bytes, failures, slowestMs };
}
