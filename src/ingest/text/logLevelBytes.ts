// Where a Python logging prefix (" - INFO - ", "[NeMo … ]") ends in a line's bytes, found as
// cleanLogLine finds it in the string.
import { LOG_LEVELS, NEMO_PREFIX } from './cleanLogLine';
import * as byteClass from './byteClass';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { ascii, startsWith } = byteClass;

/** Where the first ' - INFO - ' (or another Python logging level) that ends by `e` ends, found the
 *  way cleanLogLine searches (from each ' - ', on from 3 past it); -1 when none does. */
export function levelEnd(b: Uint8Array, s: number, e: number): number {
  if (startsWith(b, s, e, NEMO)) {
    let close = s + NEMO.length;
    while (close < e && b[close] !== 93) close++;
    return close < e ? close + 1 : -1;
  }
  for (let p = s + 1; p + 1 < e; ) {
    if (b[p] !== 45) {
      p++;
      continue;
    }
    if (b[p - 1] === 32 && b[p + 1] === 32) {
      const len = levelAt(b, p - 1, e);
      if (len > 0) return p - 1 + len;
      p += 3;
    } else p++;
  }
  return -1;
}

/** ' - INFO - ' and the other Python logging levels at b[p] (where ' - ' starts): their length. */
function levelAt(b: Uint8Array, p: number, e: number): number {
  for (const level of LEVEL_BYTES) {
    if (p + level.length > e) continue;
    let k = 3;
    while (k < level.length && b[p + k] === level[k]) k++;
    if (k === level.length) return k;
  }
  return 0;
}

const LEVEL_BYTES = LOG_LEVELS.map(ascii);

const NEMO = ascii(NEMO_PREFIX);
