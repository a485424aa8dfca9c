// Fast path for the Event shapes TensorBoard writers emit millions of times: straight-line byte
// matching with local positions instead of the general ProtoReader walk. Every scan is pure and
// answers false on anything it does not recognise (other fields, long varints, overruns), so the
// caller re-reads those bytes with the general walker and gets the same values and the same
// errors; the fast path only ever decides *how* a record is read, never *what* it yields.

/** Fields of one Event, filled by scanEvent. */
export class EventFields {
  wallTime = 0;
  step = 0;
  summaryStart = -1;
  summaryEnd = -1;
}

/** Fields of one Summary.Value, filled by scanValue; -1 starts mean absent. */
export class ValueFields {
  tagStart = -1;
  tagEnd = -1;
  hasSimple = false;
  simple = 0;
  metaStart = -1;
  metaEnd = -1;
  tensorStart = -1;
  tensorEnd = -1;
}

/**
 * A varint at `buf[p]` of at most 4 bytes (< 2^28) ending by `end`, decoded into `out` (value
 * and the position after it); false if longer or truncated. Four bytes keep 32-bit math exact.
 */
export function scanLen(buf: Uint8Array, p: number, end: number, out: { pos: number; value: number }): boolean {
  if (p >= end) return false;
  let b = buf[p];
  if (b < 0x80) {
    out.pos = p + 1;
    out.value = b;
    return true;
  }
  let v = b & 0x7f;
  for (let shift = 7; shift < 28; shift += 7) {
    if (++p >= end) return false;
    b = buf[p];
    v |= (b & 0x7f) << shift;
    if (b < 0x80) {
      out.pos = p + 1;
      out.value = v;
      return true;
    }
  }
  return false;
}

const cursor = { pos: 0, value: 0 };

/** Event {wall_time=1 double, step=2 int64, summary=5}; later duplicates win, as in the general walk. */
export function scanEvent(buf: Uint8Array, view: DataView, p: number, end: number, out: EventFields): boolean {
  let wallTime = 0;
  let step = 0;
  let summaryStart = -1;
  let summaryEnd = -1;
  while (p < end) {
    const tag = buf[p++];
    if (tag === 0x09) {
      if (p + 8 > end) return false;
      wallTime = view.getFloat64(p, true);
      p += 8;
    } else if (tag === 0x10) {
      // steps below 2^28 (4 varint bytes); negatives and larger steps take the general path
      if (!scanLen(buf, p, end, cursor)) return false;
      step = cursor.value;
      p = cursor.pos;
    } else if (tag === 0x2a) {
      if (!scanLen(buf, p, end, cursor) || cursor.value > end - cursor.pos) return false;
      summaryStart = cursor.pos;
      summaryEnd = cursor.pos + cursor.value;
      p = summaryEnd;
    } else return false;
  }
  out.wallTime = wallTime;
  out.step = step;
  out.summaryStart = summaryStart;
  out.summaryEnd = summaryEnd;
  return true;
}

/** Summary.Value {tag=1, simple_value=2 float, tensor=8, metadata=9}; later duplicates win. */
export function scanValue(buf: Uint8Array, view: DataView, p: number, end: number, out: ValueFields): boolean {
  out.tagStart = -1;
  out.hasSimple = false;
  out.metaStart = -1;
  out.tensorStart = -1;
  while (p < end) {
    const tag = buf[p++];
    if (tag === 0x15) {
      if (p + 4 > end) return false;
      out.simple = view.getFloat32(p, true);
      out.hasSimple = true;
      p += 4;
      continue;
    }
    if (tag !== 0x0a && tag !== 0x42 && tag !== 0x4a) return false;
    if (!scanLen(buf, p, end, cursor) || cursor.value > end - cursor.pos) return false;
    const s = cursor.pos;
    p = s + cursor.value;
    if (tag === 0x0a) {
      out.tagStart = s;
      out.tagEnd = p;
    } else if (tag === 0x42) {
      out.tensorStart = s;
      out.tensorEnd = p;
    } else {
      out.metaStart = s;
      out.metaEnd = p;
    }
  }
  return true;
}

/**
 * The float of the two scalar TensorProto byte layouts writers use, or undefined for anything
 * else: PyTorch new_style {dtype=DT_FLOAT, float_val=[y] packed} and TF2/Keras {dtype=DT_FLOAT,
 * tensor_shape={}, tensor_content=<4 bytes>}.
 */
export function scanFloatTensor(buf: Uint8Array, view: DataView, p: number, end: number): number | undefined {
  const n = end - p;
  if ((n !== 8 && n !== 10) || buf[p] !== 0x08 || buf[p + 1] !== 0x01) return undefined;
  if (n === 8 && buf[p + 2] === 0x2a && buf[p + 3] === 0x04) return view.getFloat32(p + 4, true);
  if (n === 10 && buf[p + 2] === 0x12 && buf[p + 3] === 0x00 && buf[p + 4] === 0x22 && buf[p + 5] === 0x04) return view.getFloat32(p + 6, true);
  return undefined;
}
