// The contract every format implements. Decoders are pure (no I/O): the tailer at the edge feeds
// them bytes, so the same code reads a file once, follows it live, and is fuzzed in memory.
import type { FormatId, IngestWarning, RunData } from './model';

export interface Decoder {
  /**
   * Feed the bytes that follow everything fed so far. Complete lines/records are absorbed; a torn
   * tail is held back until the rest arrives. Never throws on bad data: it records a warning.
   */
  push(chunk: Uint8Array): void;
  /** End of input: a held-back tail is decoded if it is complete enough, else reported. */
  end(): void;
  /** Runs decoded so far. Cheap: arrays may be views of the decoder's buffers. */
  runs(): RunData[];
  warnings(): IngestWarning[];
  /** Bytes absorbed as complete records (the resume offset if the tail is torn). */
  readonly consumed: number;
  /**
   * Whole-document formats: true when end() found the input unusable as a whole (a half-written
   * trainer_state.json). A tailer then keeps the previous state instead of this one.
   */
  readonly failed?: boolean;
}

export interface Format {
  readonly id: FormatId;
  /**
   * 'append': new data is appended; tail by byte offset. 'rewrite': the writer rewrites the whole
   * file (HF trainer_state.json, pandas sweeps); re-read it whole when it changes.
   */
  readonly growth: 'append' | 'rewrite';
  /** Confidence 0..1 that `name` with first bytes `head` is this format. */
  detect(name: string, head: Uint8Array): number;
  /**
   * Async I/O-edge step before decoding `path` (load a wasm engine, look at files beside it), for
   * formats whose decoder needs one. Its warnings join the file's. Never rejects.
   */
  prepare?(path: string): Promise<IngestWarning[]>;
  /** `origin` names the file in runs and warnings. */
  createDecoder(origin: string): Decoder;
}
