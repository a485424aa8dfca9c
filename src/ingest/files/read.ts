// Reading a file or a folder once, streamed through a reused buffer (memory tracks points kept,
// not file size). Opened read-only: a user's file is never written.
import { open, stat } from 'node:fs/promises';
import { assembleSource, type DecodedFile } from '../model/assemble';
import type { Decoder, Format } from '../model/decoder';
import { detect } from '../formats/detect';
import { discoverFiles, readHead } from './discover';
import { formatById } from '../formats/index';
import { runNameFromPath } from '../model/keys';
import type { FormatId, IngestWarning, RunData, SourceData } from '../model/model';
import { ScalingLensError } from '../../core/types';

export interface ReadOptions {
  /** Skip detection and decode with this format. */
  readonly format?: FormatId;
}

const CHUNK = 1 << 20;

/** Streams bytes [from, size) of an open file into `decoder`; returns the end offset reached. */
export async function pumpFile(path: string, decoder: Decoder, from = 0, buf: Buffer = Buffer.allocUnsafe(CHUNK)): Promise<number> {
  const fh = await open(path, 'r');
  try {
    let pos = from;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      decoder.push(buf.subarray(0, bytesRead));
      pos += bytesRead;
    }
    return pos;
  } finally {
    await fh.close();
  }
}

/** Decodes one whole file with `format`. */
export async function decodeFile(path: string, format: Format): Promise<{ runs: RunData[]; warnings: IngestWarning[] }> {
  const before = (await format.prepare?.(path)) ?? [];
  const decoder = format.createDecoder(path);
  await pumpFile(path, decoder);
  decoder.end();
  return { runs: decoder.runs(), warnings: [...before, ...decoder.warnings()] };
}

export function resolveFormat(id: FormatId): Format {
  const f = formatById(id);
  if (!f) throw new ScalingLensError('bad-argument', `unknown format "${id}"`);
  return f;
}

/** Reads a log file or a folder of runs. Unknown formats and unreadable files become warnings. */
export async function readSource(path: string, opts: ReadOptions = {}): Promise<SourceData> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new ScalingLensError('bad-argument', `cannot read ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (err as Error).message}`);
  }
  const forced = opts.format ? resolveFormat(opts.format) : undefined;
  if (st.isDirectory()) {
    const { files, warnings } = await discoverFiles(path, opts);
    const decoded: DecodedFile[] = [];
    for (const f of files) {
      try {
        const d = await decodeFile(f.path, f.format);
        decoded.push({ path: f.path, format: f.format.id, placement: f.placement, ...d });
      } catch (err) {
        warnings.push({ file: f.path, message: `cannot read: ${(err as Error).message}` });
      }
    }
    const src = assembleSource(decoded, forced?.id);
    if (files.length === 0) warnings.push({ file: path, message: 'no recognised training log in this folder' });
    return { ...src, warnings: [...warnings, ...src.warnings] };
  }
  const format = forced ?? detect(path, await readHead(path));
  if (!format) return { format: 'text', runs: [], warnings: [{ file: path, message: 'unknown format (use --format to choose one)' }] };
  const d = await decodeFile(path, format);
  return { format: format.id, runs: d.runs.map((r) => (r.name ? r : { ...r, name: runNameFromPath(path) })), warnings: d.warnings };
}
