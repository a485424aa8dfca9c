// Which format a file is: every format scores (name, first bytes); the best score wins. Ties go to
// the earlier (more specific) format in the registry.
import type { Format } from '../model/decoder';
import type { FormatId } from '../model/model';
import { formats } from './index';
import { transcodeHead, utf16Bom, utf16ByNuls, utf16Format } from './utf16';

/** How many leading bytes detection looks at. */
export const DETECT_HEAD_BYTES = 64 * 1024;

export interface Detection {
  readonly format: FormatId;
  readonly score: number;
}

/** All formats with a positive score, best first. Never throws, whatever the bytes. */
export function detectAll(name: string, head: Uint8Array): Detection[] {
  const out: Detection[] = [];
  for (const f of formats) {
    let score = 0;
    try {
      score = f.detect(name, head);
    } catch {
      score = 0;
    }
    if (score > 0) out.push({ format: f.id, score });
  }
  // stable sort keeps registry order among equal scores
  return out.sort((a, b) => b.score - a.score);
}

/** The best format for a file, or undefined when nothing recognises it. */
export function detect(name: string, head: Uint8Array): Format | undefined {
  return detectScored(name, head)?.format;
}

/** The best format for a file with its score, UTF-16 text included (transcoded on read). */
export function detectScored(name: string, head: Uint8Array): { format: Format; score: number } | undefined {
  const bom = utf16Bom(head);
  // without a BOM, NUL-interleaved ASCII is UTF-16 only when nothing reads the raw bytes
  const raw = bom ? undefined : detectAll(name, head)[0];
  const enc = bom ?? (raw ? undefined : utf16ByNuls(head));
  const best = enc ? detectAll(name, transcodeHead(head, enc))[0] : raw;
  const format = best && formats.find((f) => f.id === best.format);
  if (!best || !format) return undefined;
  return { format: enc ? utf16Format(format, enc) : format, score: best.score };
}

/** A format named by the user, reading UTF-16 when the file is UTF-16 text. */
export function withEncoding(format: Format, head: Uint8Array): Format {
  const enc = utf16Bom(head) ?? utf16ByNuls(head);
  return enc ? utf16Format(format, enc) : format;
}
