// Searches and copies over a push's bytes (TableDecoder).
const NL = 10;

export function indexOrEnd(b: Uint8Array, byte: number, from: number): number {
  const i = b.indexOf(byte, from);
  return i < 0 ? b.length : i;
}

/** Newlines in b[from, …). */
export function countLines(b: Uint8Array, from: number): number {
  let n = 0;
  for (let i = b.indexOf(NL, from); i >= 0; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

export function sameBytes(b: Uint8Array, at: number, ref: Uint8Array): boolean {
  for (let k = 0; k < ref.length; k++) if (b[at + k] !== ref[k]) return false;
  return true;
}

/** The last `max` bytes of `kept` followed by `more`, as a copy. */
export function lastBytes(kept: Uint8Array | undefined, more: Uint8Array, max: number): Uint8Array {
  if (more.length >= max || !kept) return more.slice(Math.max(0, more.length - max));
  const keep = Math.min(kept.length, max - more.length);
  const out = new Uint8Array(keep + more.length);
  out.set(kept.subarray(kept.length - keep));
  out.set(more, keep);
  return out;
}
