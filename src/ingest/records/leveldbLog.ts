// W&B's transaction-log framing (LevelDB log format): a 7-byte file header, then 32 KiB blocks of
// physical records `uint32 crc | uint16 length | uint8 type | data`, with CRC-32/IEEE over the
// type byte and data (unmasked). A logical record is FULL, or FIRST, MIDDLE…, LAST across blocks.
// Blocks make corruption recoverable: a bad record costs the rest of its block, never the file.
import { crc32 } from './crc32';
import { HeldBytes } from './heldBytes';
import type { FramingUnit } from './recordReader';

export const WANDB_HEADER = 7;
export const LEVELDB_BLOCK = 32 * 1024;
export const LEVELDB_RECORD_HEADER = 7;
export const FULL = 1;
export const FIRST = 2;
export const MIDDLE = 3;
export const LAST = 4;
/** A logical record this large is dropped: W&B history rows are kilobytes, a corrupt chain is not. */
export const LEVELDB_MAX_RECORD = 64 * 1024 * 1024;

const MAGIC = [0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe]; // ":W&B" + uint16 LE 0xBEE1

export interface LogRecordSink {
  /** A complete logical record: `buf[start, end)`, valid only during the call. */
  record(buf: Uint8Array, view: DataView, start: number, end: number, abs: number): void;
  warn(message: string, offset: number): void;
}

export function hasWandbMagic(head: Uint8Array): boolean {
  if (head.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (head[i] !== MAGIC[i]) return false;
  return true;
}

/** Reassembles fragments; the framing unit below feeds it physical records. */
class Fragments {
  private readonly parts = new HeldBytes();
  private active = false;
  private tooBig = false;
  /** File offset of the FIRST fragment of the record being assembled. */
  start = 0;

  constructor(private readonly sink: LogRecordSink) {}

  physical(type: number, buf: Uint8Array, view: DataView, p: number, n: number, abs: number): void {
    if (type === FULL) {
      this.dropPartial(abs);
      this.sink.record(buf, view, p, p + n, abs);
      return;
    }
    if (type === FIRST) {
      this.dropPartial(abs);
      this.active = true;
      this.tooBig = false;
      this.start = abs;
      this.parts.append(buf, p, p + n);
      return;
    }
    if (!this.active) {
      this.sink.warn(`${type === LAST ? 'LAST' : 'MIDDLE'} fragment without a FIRST; skipped`, abs);
      return;
    }
    if (!this.tooBig && this.parts.length + n > LEVELDB_MAX_RECORD) {
      this.sink.warn(`record larger than ${LEVELDB_MAX_RECORD >> 20} MiB; skipped`, this.start);
      this.tooBig = true;
      this.parts.clear();
    }
    if (!this.tooBig) this.parts.append(buf, p, p + n);
    if (type === LAST) {
      if (!this.tooBig) this.sink.record(this.parts.buf, this.parts.view, 0, this.parts.length, this.start);
      this.active = false;
      this.parts.clear();
    }
  }

  /** Corruption or a new record interrupts an unfinished one: its fragments are lost. */
  dropPartial(abs: number): void {
    if (!this.active) return;
    this.sink.warn(`record started at offset ${this.start} never finished (missing LAST fragment); skipped`, abs);
    this.active = false;
    this.parts.clear();
  }

  get pendingStart(): number | undefined {
    return this.active ? this.start : undefined;
  }
}

export class LevelDbLog {
  private readonly fragments: Fragments;
  readonly unit: FramingUnit;

  constructor(private readonly sink: LogRecordSink) {
    this.fragments = new Fragments(sink);
    this.unit = (buf, view, p, avail, abs) => this.step(buf, view, p, avail, abs);
  }

  /** File offset of a logical record still waiting for its LAST fragment. */
  get pendingRecordStart(): number | undefined {
    return this.fragments.pendingStart;
  }

  private step(buf: Uint8Array, view: DataView, p: number, avail: number, abs: number): number {
    if (abs < WANDB_HEADER) {
      // the tailer always starts at 0, so the header is always the first unit
      if (avail < WANDB_HEADER - abs) return -(WANDB_HEADER - abs);
      if (abs === 0 && !hasWandbMagic(buf.subarray(p, p + WANDB_HEADER))) {
        this.sink.warn('not a W&B transaction log (no ":W&B" header); nothing read', 0);
        return 0;
      }
      return WANDB_HEADER - abs;
    }
    const left = LEVELDB_BLOCK - (abs % LEVELDB_BLOCK);
    if (left < LEVELDB_RECORD_HEADER) return left; // zero-padded block tail
    if (avail < LEVELDB_RECORD_HEADER) return -LEVELDB_RECORD_HEADER;
    const n = buf[p + 4] | (buf[p + 5] << 8);
    const type = buf[p + 6];
    if (type === 0 && n === 0) {
      // pre-allocated / zero-filled space: nothing more in this block
      return left;
    }
    if (LEVELDB_RECORD_HEADER + n > left) {
      this.fragments.dropPartial(abs);
      this.sink.warn(`record length ${n} overruns its 32 KiB block; rest of the block skipped`, abs);
      return left;
    }
    const total = LEVELDB_RECORD_HEADER + n;
    if (avail < total) return -total;
    const crc = (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
    if (crc32(buf, p + 6, p + total) !== crc) {
      // the length may be what is corrupt, so nothing after it in this block can be trusted
      this.fragments.dropPartial(abs);
      this.sink.warn('record CRC mismatch; rest of the block skipped', abs);
      return left;
    }
    if (type < FULL || type > LAST) {
      this.fragments.dropPartial(abs);
      this.sink.warn(`unknown record type ${type}; skipped`, abs);
      return total;
    }
    this.fragments.physical(type, buf, view, p + LEVELDB_RECORD_HEADER, n, abs);
    return total;
  }
}
