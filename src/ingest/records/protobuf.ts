// A minimal protobuf wire-format walker: just enough to pull a handful of fields out of TensorBoard
// Event and W&B Record messages without codegen. It never allocates per field and never reads past
// `end`; malformed input throws ProtoError, which callers turn into a located warning.

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

export class ProtoError extends Error {}

const TWO_32 = 4294967296;
const TWO_63 = 9223372036854775808;

export class ProtoReader {
  buf: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(this.buf.buffer);
  pos = 0;
  end = 0;
  /** Field number and wire type of the tag `next()` just read. */
  field = 0;
  wire = 0;
  /** Bounds of the payload `len()` just read. */
  lenStart = 0;
  lenEnd = 0;

  /** Walk `buf[start, end)`; `view` must be a DataView over `buf`'s whole extent. */
  reset(buf: Uint8Array, view: DataView, start: number, end: number): this {
    this.buf = buf;
    this.view = view;
    this.pos = start;
    this.end = end;
    return this;
  }

  /** Walk the payload another reader's `len()` just delimited. */
  enter(parent: ProtoReader): this {
    return this.reset(parent.buf, parent.view, parent.lenStart, parent.lenEnd);
  }

  /** Read the next tag; false at the end of the message. */
  next(): boolean {
    const p = this.pos;
    if (p >= this.end) return false;
    const b = this.buf[p];
    if (b < 0x80) {
      // one-byte tags (fields 1..15) are nearly all of them: skip the general varint path
      this.pos = p + 1;
      this.wire = b & 7;
      this.field = b >>> 3;
      if (this.field === 0) throw new ProtoError('field number 0');
      return true;
    }
    const tag = this.varint();
    this.wire = tag % 8;
    this.field = Math.floor(tag / 8);
    if (this.field === 0) throw new ProtoError('field number 0');
    return true;
  }

  /** Unsigned varint as a number (exact below 2^53). */
  varint(): number {
    const buf = this.buf;
    let p = this.pos;
    const end = this.end;
    if (p >= end) throw new ProtoError('truncated varint');
    let b = buf[p++];
    if (b < 0x80) {
      this.pos = p;
      return b;
    }
    let value = b & 0x7f;
    let scale = 128;
    for (let i = 1; i < 10; i++) {
      if (p >= end) throw new ProtoError('truncated varint');
      b = buf[p++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = p;
        return value;
      }
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  }

  /** int64/int32 (two's complement varint) as a number; negatives take all 10 bytes. */
  int64(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < TWO_63) return v;
    // too large for a double to carry exactly: rebuild the high and low 32-bit halves
    const buf = this.buf;
    let lo = 0;
    let hi = 0;
    for (let i = 0, shift = 0; start + i < this.pos; i++, shift += 7) {
      const b = buf[start + i] & 0x7f;
      if (shift < 28) lo |= b << shift;
      else if (shift === 28) {
        lo |= b << 28;
        hi |= b >>> 4;
      } else hi |= b << (shift - 32);
    }
    return (hi | 0) * TWO_32 + (lo >>> 0);
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('truncated fixed64');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    if (this.pos + 4 > this.end) throw new ProtoError('truncated fixed32');
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Delimit a length-delimited payload into lenStart/lenEnd and step over it. */
  len(): void {
    const n = this.varint();
    if (n > this.end - this.pos) throw new ProtoError(`length ${n} overruns its message`);
    this.lenStart = this.pos;
    this.lenEnd = this.pos + n;
    this.pos = this.lenEnd;
  }

  /** Skip the current field's value, whatever its wire type. */
  skip(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.len();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        // groups (3, 4) are proto2-only and absent from every message read here
        throw new ProtoError(`unsupported wire type ${this.wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError('truncated fixed field');
    this.pos += n;
  }

  /**
   * Calls `each` for every element of a repeated numeric field, accepting both the packed (one
   * length-delimited run) and the unpacked (one tag per element) encoding. `kind` is the scalar type.
   */
  repeated(kind: 'float' | 'double' | 'varint' | 'int64', each: (v: number) => void): void {
    if (this.wire !== WIRE_LEN) {
      const want = kind === 'float' ? WIRE_I32 : kind === 'double' ? WIRE_I64 : WIRE_VARINT;
      if (this.wire !== want) throw new ProtoError(`wire type ${this.wire} for a ${kind} field`);
      each(this.scalar(kind));
      return;
    }
    this.len();
    const after = this.pos;
    const outerEnd = this.end;
    this.pos = this.lenStart;
    this.end = this.lenEnd;
    try {
      while (this.pos < this.end) each(this.scalar(kind));
    } finally {
      this.pos = after;
      this.end = outerEnd;
    }
  }

  private scalar(kind: 'float' | 'double' | 'varint' | 'int64'): number {
    return kind === 'float' ? this.float() : kind === 'double' ? this.double() : kind === 'int64' ? this.int64() : this.varint();
  }
}

const utf8 = new TextDecoder('utf-8');

/** UTF-8 text of `buf[start, end)`; invalid sequences become U+FFFD rather than throwing. */
export function utf8Text(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, end));
}
