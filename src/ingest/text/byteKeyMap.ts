// Looks values up by a byte range without first decoding it to a string: TensorBoard files repeat
// the same few tags millions of times, and a UTF-8 decode per event would dominate the read.
interface Entry<V> {
  readonly bytes: Uint8Array;
  value: V;
}

/** Slots of the direct-mapped front cache; a run's tags rarely exceed a few dozen. */
const FRONT = 64;

export class ByteKeyMap<V> {
  private readonly buckets = new Map<number, Entry<V>[]>();
  /** Front cache by (length, first, last byte): most lookups end here after one byte compare. */
  private readonly front: (Entry<V> | undefined)[] = new Array<Entry<V> | undefined>(FRONT).fill(undefined);

  get(buf: Uint8Array, start: number, end: number): V | undefined {
    const n = end - start;
    const slot = n > 0 ? (n * 31 + buf[start] * 7 + buf[end - 1]) & (FRONT - 1) : 0;
    const f = this.front[slot];
    if (f !== undefined && sameBytes(f.bytes, buf, start, end)) return f.value;
    const e = this.lookup(buf, start, end);
    if (e !== undefined) this.front[slot] = e;
    return e?.value;
  }

  private lookup(buf: Uint8Array, start: number, end: number): Entry<V> | undefined {
    const list = this.buckets.get(hashBytes(buf, start, end));
    if (!list) return undefined;
    for (let i = 0; i < list.length; i++) if (sameBytes(list[i].bytes, buf, start, end)) return list[i];
    return undefined;
  }

  set(buf: Uint8Array, start: number, end: number, value: V): void {
    const h = hashBytes(buf, start, end);
    let list = this.buckets.get(h);
    if (!list) this.buckets.set(h, (list = []));
    for (const e of list)
      if (sameBytes(e.bytes, buf, start, end)) {
        e.value = value;
        return;
      }
    list.push({ bytes: buf.slice(start, end), value });
  }
}

/** FNV-1a, cut to 30 bits so Map keys stay small integers (no boxed heap numbers). */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h & 0x3fffffff;
}

function sameBytes(a: Uint8Array, buf: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[start + i]) return false;
  return true;
}
