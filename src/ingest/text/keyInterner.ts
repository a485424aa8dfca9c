// Record keys looked up straight from line bytes: a log repeats the same few keys on every line, so
// each distinct spelling is decoded and classified once, and later lines cost one byte compare.
import { ByteKeyMap } from './byteKeyMap';
import { MAX_KEYS, type KeyInfo, type RecordAccumulator } from '../model/recordRows';
import { CHECKPOINT_REACHED, isProseKey, isSentenceKey, whereClause } from './keyNumberWords';

/**
 * What else than a metric's name the byte scanner may read a key as (one field, so most keys cost
 * one compare): 'prose', a sentence's words when no ':' or '=' follows them (isProseKey);
 * 'sentence', one that names a loss (isSentenceKey): its number stays a value, but a count inside
 * it is one of its words, as is a count in prose; 'reached', ending in " reached": the monitor of
 * Lightning's checkpoint message (checkpointMonitor) when "(best" follows its value, else maybe prose.
 */
export type KeyForm = 'plain' | 'prose' | 'sentence' | 'reached';

export interface InternedKey {
  readonly info: KeyInfo;
  readonly form: KeyForm;
  /** The line that last used this key (duplicate-key detection). */
  stamp: number;
  /** Derived keys ("<key>_total", "<key>_iter"), made on first use. */
  total: InternedKey | undefined;
  iter: InternedKey | undefined;
  /** A where-clause key's metric and x word ("loss at step" → loss, step); null when it is none. */
  where?: { readonly metric: InternedKey; readonly x: InternedKey } | null;
}

// a BOM inside a key is part of its name, not a byte-order mark to drop
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

export class KeyInterner {
  private readonly map = new ByteKeyMap<InternedKey>();
  private size = 0;

  constructor(private readonly records: RecordAccumulator) {}

  /** The key spelled by UTF-8 bytes [start, end); undefined for a new key once MAX_KEYS are held
   *  (memory stays bounded; the caller takes its general path for that line). */
  get(b: Uint8Array, start: number, end: number): InternedKey | undefined {
    const k = this.map.get(b, start, end);
    if (k !== undefined) return k;
    if (this.size >= MAX_KEYS) return undefined;
    const made = this.fromString(utf8.decode(b.subarray(start, end)));
    this.map.set(b, start, end, made);
    this.size++;
    return made;
  }

  fromString(key: string): InternedKey {
    const info = this.records.infoOf(key);
    const form: KeyForm = key.endsWith(CHECKPOINT_REACHED) ? 'reached' : isProseKey(key, info.role) ? 'prose' : isSentenceKey(key, info.role) ? 'sentence' : 'plain';
    return { info, form, stamp: -1, total: undefined, iter: undefined, where: undefined };
  }

  total(k: InternedKey): InternedKey {
    return (k.total ??= this.fromString(`${k.info.key}_total`));
  }

  iter(k: InternedKey): InternedKey {
    return (k.iter ??= this.fromString(`${k.info.key}_iter`));
  }

  where(k: InternedKey): { readonly metric: InternedKey; readonly x: InternedKey } | undefined {
    if (k.where === undefined) {
      const w = whereClause(k.info.key);
      k.where = w ? { metric: this.fromString(w.metric), x: this.fromString(w.x) } : null;
    }
    return k.where ?? undefined;
  }
}
