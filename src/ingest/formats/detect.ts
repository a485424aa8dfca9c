// Which format a file is: every format scores (name, first bytes); the best score wins. Ties go to
// the earlier (more specific) format in the registry.
import type { Format } from '../model/decoder';
import type { FormatId } from '../model/model';
import { formats } from './index';

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
  const best = detectAll(name, head)[0];
  return best ? formats.find((f) => f.id === best.format) : undefined;
}
