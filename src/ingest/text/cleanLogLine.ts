// A raw log line as a terminal shows it, without the logging prefix before the message: what the
// key-number scanners read (keyNumberScanner, keyNumberBytes).
import { withoutPythonLoggingPrefix } from './pythonLogging';

export const LOG_LEVELS = [' - INFO - ', ' - WARNING - ', ' - DEBUG - ', ' - ERROR - '];

/** NeMo's logging prefix, "[NeMo I 2024-05-01 10:00:00 nemo_logging:349] ", up to its ']'. */
export const NEMO_PREFIX = '[NeMo ';

/** Terminal semantics for one raw line: keep what follows the last '\r', strip ANSI escapes and a
 *  Python logging prefix ("… - INFO - ", "[NeMo I … module:line]"). */
export function cleanLogLine(raw: string): string {
  let s = raw;
  const cr = s.lastIndexOf('\r');
  if (cr >= 0) s = s.slice(cr + 1);
  s = withoutPythonLoggingPrefix(s);
  if (s.indexOf('\x1b') >= 0) s = stripAnsi(s);
  if (s.startsWith(NEMO_PREFIX)) {
    const close = s.indexOf(']');
    return s.slice(close + 1);
  }
  for (let p = s.indexOf(' - '); p >= 0; p = s.indexOf(' - ', p + 3)) {
    for (const level of LOG_LEVELS) if (s.startsWith(level, p)) return s.slice(p + level.length);
  }
  return s;
}

/** Removes CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \) and two-byte ESC sequences. */
export function stripAnsi(s: string): string {
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c !== 27) {
      const next = s.indexOf('\x1b', i);
      const end = next < 0 ? n : next;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    const kind = s.charCodeAt(i + 1);
    if (kind === 91) {
      // CSI: parameters/intermediates then one final byte 0x40..0x7e
      i += 2;
      while (i < n) {
        const b = s.charCodeAt(i++);
        if (b >= 0x40 && b <= 0x7e) break;
      }
    } else if (kind === 93) {
      i += 2;
      while (i < n) {
        const b = s.charCodeAt(i);
        if (b === 7) {
          i++;
          break;
        }
        if (b === 27 && s.charCodeAt(i + 1) === 92) {
          i += 2;
          break;
        }
        i++;
      }
    } else i += 2;
  }
  return out;
}
