// Follows one growing file. A cheap stat per poll is the source of truth: appended bytes are read
// from the last offset into a reused buffer (never the whole file as a string); a truncation,
// replacement (new inode/birthtime), rotation or whole-file rewrite (changed head or changed bytes
// just before the offset — Lightning's header growth) restarts the decoder from byte 0, so points
// are neither duplicated nor lost. Rewrite-style formats (HF trainer_state.json, sweep tables) are
// re-read whole on change; a half-written state keeps the previous one. Opened read-only.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { Decoder, Format } from '../model/decoder';
import type { IngestWarning, RunData } from '../model/model';
import { runNoteWarnings } from '../model/warnings';
import { changeStamp, SNAPSHOT_ATTEMPTS } from './snapshot';
import { fsReason } from './fileKind';
import { readsText } from '../formats/index';
import { utf16Bom, utf16ByNuls } from '../formats/utf16';
import { looksTextual, NOT_TEXT } from '../text/sniff';

/** How a tail says its file is gone (the data read so far kept); the watch of that very path says it once itself. */
export const GONE_NOTE = 'cannot read the file now (the data read so far is kept)';

const CHUNK = 1 << 20;
const HEAD_PRINT = 256;
const ANCHOR = 64;
const MAX_NOTES = 20;

interface Identity {
  ino: number;
  dev: number;
  birthtimeMs: number;
}

export type TailEvent = 'append' | 'reset' | 'rewrite' | 'none';

/** Whether the file's first 4 KB read as text (UTF-8, or UTF-16 by its BOM or its NULs); an empty file does. */
async function startsAsText(fh: FileHandle): Promise<boolean> {
  const b = Buffer.alloc(4096);
  const { bytesRead } = await fh.read(b, 0, b.length, 0);
  const head = b.subarray(0, bytesRead);
  return bytesRead === 0 || looksTextual(head) || utf16Bom(head) !== undefined || utf16ByNuls(head) !== undefined;
}

export class FileTail {
  private decoder: Decoder;
  private offset = 0;
  private identity: Identity | undefined;
  private lastSize = -1;
  private lastMtimeMs = -1;
  private head = new Uint8Array(0);
  private anchor = new Uint8Array(0);
  private pendingShrink: { size: number; mtimeMs: number } | undefined;
  private buffer: Buffer | undefined;
  private readonly maxBuffer: number;
  private replaced: RunData[] | undefined;
  private readonly notes: IngestWarning[] = [];
  private missing = false;
  /** Warnings of the format's edge step (format.prepare), refreshed every poll. */
  private prepared: IngestWarning[] = [];
  /** Whole-file reads in a row that were torn or failed (see pollRewrite). */
  private tornReads = 0;
  /** How many times the file was re-read from byte 0 (truncation, rotation, rewrite). */
  resets = 0;

  constructor(
    readonly path: string,
    readonly format: Format,
    opts: { bufferBytes?: number; startAt?: number } = {},
  ) {
    this.decoder = format.createDecoder(path);
    // allocated on first read, sized to the file: a folder of 4,000 small metric files must not
    // hold 4,000 MB-sized buffers
    this.maxBuffer = opts.bufferBytes ?? CHUNK;
    // follow only what is written from here on (tail -n0): history before startAt is not decoded
    if (opts.startAt !== undefined && format.growth === 'append') this.offset = opts.startAt;
  }

  /** The read buffer, grown (up to maxBuffer) to fit `want` more bytes. */
  private bufFor(want: number): Buffer {
    const size = Math.min(this.maxBuffer, Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(1, want)))));
    if (!this.buffer || this.buffer.length < size) this.buffer = Buffer.allocUnsafe(size);
    return this.buffer;
  }

  /** Bytes of the file read so far. */
  get position(): number {
    return this.offset;
  }

  runs(): RunData[] {
    return this.decoder.runs();
  }

  /** The runs read before the last re-read from the start (a replaced or rewritten file), once. */
  takeReplaced(): RunData[] | undefined {
    const r = this.replaced;
    this.replaced = undefined;
    return r;
  }

  warnings(): IngestWarning[] {
    return [...this.notes, ...this.prepared, ...this.decoder.warnings(), ...runNoteWarnings(this.decoder.runs(), this.path)];
  }

  /** Stat the file and take in whatever changed. Returns what happened. Never throws for I/O. */
  async poll(): Promise<TailEvent> {
    let st: Stats;
    try {
      st = await stat(this.path);
    } catch (err) {
      if (!this.missing) this.note(`${GONE_NOTE}: ${fsReason(err)}`);
      this.missing = true;
      return 'none';
    }
    if (this.missing) {
      // back: its absence is no longer news (the watch says while a path is missing)
      const gone = this.notes.findIndex((n) => n.message.startsWith(GONE_NOTE));
      if (gone >= 0) this.notes.splice(gone, 1);
    }
    this.missing = false;
    try {
      if (this.format.prepare) this.prepared = await this.format.prepare(this.path);
      return this.format.growth === 'rewrite' ? await this.pollRewrite(st) : await this.pollAppend(st);
    } catch (err) {
      this.note(`read failed (will retry): ${fsReason(err)}`);
      return 'none';
    }
  }

  private note(message: string): void {
    if (this.notes.length >= MAX_NOTES) this.notes.shift();
    this.notes.push({ file: this.path, message });
  }

  private sameIdentity(st: Stats): boolean {
    const id = this.identity;
    if (!id) return true;
    return id.ino === st.ino && id.dev === st.dev && (id.birthtimeMs === 0 || st.birthtimeMs === 0 || id.birthtimeMs === st.birthtimeMs);
  }

  private remember(st: Stats): void {
    this.identity = { ino: st.ino, dev: st.dev, birthtimeMs: st.birthtimeMs };
    this.lastSize = st.size;
    this.lastMtimeMs = st.mtimeMs;
  }

  private unchanged(st: Stats): boolean {
    return st.size === this.lastSize && st.mtimeMs === this.lastMtimeMs && this.sameIdentity(st);
  }

  private async pollAppend(st: Stats): Promise<TailEvent> {
    if (!this.pendingShrink && this.unchanged(st)) return 'none';
    if (!this.sameIdentity(st)) {
      this.note('file was replaced (new inode); re-read from the start');
      return this.resetAndRead(st);
    }
    if (st.size < this.offset) {
      // a rewrite may be in progress: trust the shrink only once size and mtime held for a poll
      const p = this.pendingShrink;
      if (p && p.size === st.size && p.mtimeMs === st.mtimeMs) {
        this.note('file shrank (truncated or rewritten); re-read from the start');
        return this.resetAndRead(st);
      }
      this.pendingShrink = { size: st.size, mtimeMs: st.mtimeMs };
      return 'none';
    }
    this.pendingShrink = undefined;
    const fh = await open(this.path, 'r');
    try {
      if (!(await this.fingerprintsHold(fh))) {
        this.note('file was rewritten (head or last read bytes changed); re-read from the start');
        await fh.close().catch(() => undefined);
        return this.resetAndRead(st);
      }
      const before = this.offset;
      await this.readFrom(fh, st.size);
      this.remember(st);
      return this.offset > before ? 'append' : 'none';
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  private async fingerprintsHold(fh: FileHandle): Promise<boolean> {
    if (this.offset === 0) return true;
    const check = async (expect: Uint8Array, at: number): Promise<boolean> => {
      if (expect.length === 0) return true;
      const b = Buffer.allocUnsafe(expect.length);
      const { bytesRead } = await fh.read(b, 0, expect.length, at);
      return bytesRead === expect.length && b.equals(expect);
    };
    return (await check(this.head, 0)) && (await check(this.anchor, this.offset - this.anchor.length));
  }

  private async readFrom(fh: FileHandle, size: number): Promise<void> {
    for (;;) {
      const buf = this.bufFor(size - this.offset);
      const { bytesRead } = await fh.read(buf, 0, buf.length, this.offset);
      if (bytesRead === 0) return;
      const chunk = buf.subarray(0, bytesRead);
      this.decoder.push(chunk);
      this.track(chunk);
      this.offset += bytesRead;
    }
  }

  /** Keeps the first HEAD_PRINT and the last ANCHOR bytes read, to recognise a rewrite later. */
  private track(chunk: Uint8Array): void {
    if (this.head.length < HEAD_PRINT) {
      const take = Math.min(HEAD_PRINT - this.head.length, chunk.length);
      const h = new Uint8Array(this.head.length + take);
      h.set(this.head, 0);
      h.set(chunk.subarray(0, take), this.head.length);
      this.head = h;
    }
    if (chunk.length >= ANCHOR) this.anchor = new Uint8Array(chunk.subarray(chunk.length - ANCHOR)); // copy: the buffer is reused
    else {
      const joined = new Uint8Array(Math.min(ANCHOR, this.anchor.length + chunk.length));
      const fromOld = joined.length - chunk.length;
      joined.set(this.anchor.subarray(this.anchor.length - fromOld), 0);
      joined.set(chunk, fromOld);
      this.anchor = joined;
    }
  }

  private async resetAndRead(st: Stats): Promise<TailEvent> {
    const fh = await open(this.path, 'r');
    try {
      // a text log overwritten with bytes that are no text: its points so far are kept, not read over as rows of garbage
      if (readsText(this.format.id) && !(await startsAsText(fh))) {
        this.note(`${NOT_TEXT} since it was rewritten; the data read before is kept until it is text again`);
        this.pendingShrink = undefined;
        this.remember(st);
        return 'none';
      }
      return await this.readFromStart(fh, st);
    } finally {
      await fh.close().catch(() => undefined);
    }
  }

  private async readFromStart(fh: FileHandle, st: Stats): Promise<TailEvent> {
    this.resets++;
    this.replaced = this.decoder.runs();
    this.decoder = this.format.createDecoder(this.path);
    this.offset = 0;
    this.head = new Uint8Array(0);
    this.anchor = new Uint8Array(0);
    this.pendingShrink = undefined;
    await this.readFrom(fh, st.size);
    this.remember(st);
    return 'reset';
  }

  /** Whole-file formats: decode afresh on every change; keep the previous state if it fails. */
  private async pollRewrite(st: Stats): Promise<TailEvent> {
    if (!this.pendingShrink && this.unchanged(st)) return 'none';
    if (this.offset > 0 && st.size < this.offset) {
      const p = this.pendingShrink;
      if (!p || p.size !== st.size || p.mtimeMs !== st.mtimeMs) {
        this.pendingShrink = { size: st.size, mtimeMs: st.mtimeMs };
        return 'none';
      }
    }
    this.pendingShrink = undefined;
    const stamp = await changeStamp(this.path);
    const fresh = this.format.createDecoder(this.path);
    const fh = await open(this.path, 'r');
    let size = 0;
    let lastByte = -1;
    try {
      for (;;) {
        const buf = this.bufFor(st.size - size);
        const { bytesRead } = await fh.read(buf, 0, buf.length, size);
        if (bytesRead === 0) break;
        fresh.push(buf.subarray(0, bytesRead));
        lastByte = buf[bytesRead - 1];
        size += bytesRead;
      }
    } finally {
      await fh.close().catch(() => undefined);
    }
    // Whole-document decoders (they report `failed`) decode at end(); a table caught mid-rewrite
    // must not have its torn last row decoded as if complete.
    if (fresh.failed !== undefined || lastByte === 10) fresh.end();
    // a read torn by a concurrent write (the change stamp moved, or it failed) is retried on the
    // next polls even if the file then stays still; a damaged file is given up on after a few
    const torn = (await changeStamp(this.path)) !== stamp;
    const retry = (fresh.failed || torn) && ++this.tornReads < SNAPSHOT_ATTEMPTS;
    if (!retry) {
      this.tornReads = 0;
      this.remember(st);
    }
    if (fresh.failed) {
      // said once per failure run; the read is retried on the next polls while `retry`
      if (this.tornReads <= 1) {
        const w = fresh.warnings()[0];
        this.note(`${w?.message ?? 'unreadable'}; kept the previous state`);
      }
      return 'none';
    }
    if (retry) return 'none';
    this.tornReads = 0;
    this.decoder = fresh;
    this.offset = size;
    this.resets++;
    return 'rewrite';
  }
}
