// Independent test-side writers for the binary formats: protobuf encoding, TFRecord framing and the
// W&B LevelDB-log block writer (ported from the writers' logic, not from our readers), so tests can
// build purge_step restarts, every tensor encoding, multi-block records and exact corruptions.
import { crc32 } from '../../../src/ingest/records/crc32';
import { maskedCrc32c } from '../../../src/ingest/records/crc32c';

export type Bytes = Uint8Array;

export function concat(parts: readonly Bytes[]): Bytes {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---- protobuf encoding
export function varint(v: number | bigint): Bytes {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return Uint8Array.from(out);
}

const tag = (field: number, wire: number): Bytes => varint(field * 8 + wire);
export const pbVarint = (field: number, v: number | bigint): Bytes => concat([tag(field, 0), varint(v)]);
export const pbBytes = (field: number, payload: Bytes): Bytes => concat([tag(field, 2), varint(payload.length), payload]);
export const pbString = (field: number, s: string): Bytes => pbBytes(field, new TextEncoder().encode(s));
export const pbMessage = (field: number, ...parts: Bytes[]): Bytes => pbBytes(field, concat(parts));

export function pbDouble(field: number, v: number): Bytes {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return concat([tag(field, 1), b]);
}

export function pbFloat(field: number, v: number): Bytes {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setFloat32(0, v, true);
  return concat([tag(field, 5), b]);
}

export function packedFloats(field: number, vs: readonly number[]): Bytes {
  const b = new Uint8Array(4 * vs.length);
  const dv = new DataView(b.buffer);
  vs.forEach((v, i) => dv.setFloat32(4 * i, v, true));
  return pbBytes(field, b);
}

export function packedDoubles(field: number, vs: readonly number[]): Bytes {
  const b = new Uint8Array(8 * vs.length);
  const dv = new DataView(b.buffer);
  vs.forEach((v, i) => dv.setFloat64(8 * i, v, true));
  return pbBytes(field, b);
}

export const packedVarints = (field: number, vs: readonly (number | bigint)[]): Bytes => pbBytes(field, concat(vs.map((v) => varint(v))));

// ---- TensorBoard events
export interface EventSpec {
  wallTime?: number;
  step?: number;
  fileVersion?: string;
  /** Summary.Value payloads (already encoded, see valueSimple / valueTensor). */
  values?: Bytes[];
  sessionStatus?: number;
}

export function valueSimple(tagName: string, v: number): Bytes {
  return concat([pbString(1, tagName), pbFloat(2, v)]);
}

export function pluginMetadata(plugin: string, dataClass?: number): Bytes {
  return pbMessage(9, pbMessage(1, pbString(1, plugin)), ...(dataClass === undefined ? [] : [pbVarint(4, dataClass)]));
}

/** Summary.Value {tag, tensor=8 {fields…}, metadata?}. */
export function valueTensor(tagName: string, tensorFields: Bytes[], plugin?: string): Bytes {
  return concat([pbString(1, tagName), pbMessage(8, ...tensorFields), ...(plugin === undefined ? [] : [pluginMetadata(plugin)])]);
}

export function eventBytes(e: EventSpec): Bytes {
  const parts: Bytes[] = [];
  if (e.wallTime !== undefined) parts.push(pbDouble(1, e.wallTime));
  if (e.step) parts.push(pbVarint(2, e.step));
  if (e.fileVersion !== undefined) parts.push(pbString(3, e.fileVersion));
  if (e.values) parts.push(pbMessage(5, ...e.values.map((v) => pbBytes(1, v))));
  if (e.sessionStatus !== undefined) parts.push(pbMessage(7, pbVarint(1, e.sessionStatus)));
  return concat(parts);
}

/** tensorboard record_writer.py: length, masked CRC of it, data, masked CRC of the data. */
export function tfrecord(data: Bytes): Bytes {
  const out = new Uint8Array(16 + data.length);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, BigInt(data.length), true);
  dv.setUint32(8, maskedCrc32c(out, 0, 8), true);
  out.set(data, 12);
  dv.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

export const eventFile = (events: readonly EventSpec[]): Bytes => concat(events.map((e) => tfrecord(eventBytes(e))));

// ---- W&B transaction log
export const BLOCK = 32768;

/** wandb datastore.py / leveldb writer: 7-byte file header, records never straddle 32 KiB blocks. */
export class WandbLogWriter {
  private buf = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00);
  length = 7;
  /** Offsets of every physical record written (for corruption tests). */
  readonly physical: { offset: number; type: number; length: number }[] = [];

  private put(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + bytes.length));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  write(payload: Bytes): void {
    let i = 0;
    let first = true;
    for (;;) {
      const left = BLOCK - (this.length % BLOCK);
      if (left < 7) {
        this.put(new Uint8Array(left));
        continue;
      }
      const n = Math.min(left - 7, payload.length - i);
      const last = i + n === payload.length;
      const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
      const chunk = payload.subarray(i, i + n);
      const crc = crc32(chunk, 0, chunk.length, crc32(Uint8Array.of(type)));
      this.physical.push({ offset: this.length, type, length: n });
      this.put(Uint8Array.of(crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24, n & 0xff, n >>> 8, type));
      this.put(chunk);
      i += n;
      first = false;
      if (last) return;
    }
  }

  bytes(): Bytes {
    return this.buf.slice(0, this.length);
  }
}

/** wandb.Record {num=1, history=2 {item=1 {key=1 | nested_key=2…, value_json=16}, step=2 {num=1}}}. */
export function historyRecord(num: number, items: readonly [string | string[], string][], step?: number): Bytes {
  const itemBytes = items.map(([k, v]) =>
    pbMessage(1, ...(typeof k === 'string' ? [pbString(1, k)] : k.map((p) => pbString(2, p))), pbString(16, v)),
  );
  const stepPart = step === undefined ? [] : [pbMessage(2, ...(step ? [pbVarint(1, step)] : []))];
  return concat([pbVarint(1, num), pbMessage(2, ...itemBytes, ...stepPart)]);
}
