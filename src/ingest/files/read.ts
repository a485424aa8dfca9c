// Reading a file or a folder once, streamed through a reused buffer (memory tracks points kept,
// not file size). Opened read-only: a user's file is never written.
import { open } from 'node:fs/promises';
import { assembleSource, type DecodedFile } from '../model/assemble';
import { hfOutputHint } from './hfOutputHint';
import { withEarlierVersions } from './earlierVersions';
import type { Decoder, Format } from '../model/decoder';
import { detect, DETECT_HEAD_BYTES, withEncoding } from '../formats/detect';
import { discoverFiles, readHead } from './discover';
import { configBesideLog } from './configBesideLog';
import { formatById, readsText } from '../formats/index';
import { looksTextual, NOT_TEXT, unknownFormatNote } from '../text/sniff';
import { runNameFromPath } from '../model/keys';
import { mlflowRunNameOf } from './mlflowRunMeta';
import type { FormatId, IngestWarning, RunData, SourceData } from '../model/model';
import { ScalingLensError } from '../../core/types';
import { runNoteWarnings } from '../model/warnings';
import { fsReason, pathKind, PathError } from './fileKind';
import { changeStamp, pause, SNAPSHOT_ATTEMPTS } from './snapshot';
import { withRunAxes } from '../model/runAxes';
import { onlyLine } from '../text/onlyLine';

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
  let decoder = format.createDecoder(path);
  if (format.growth === 'rewrite') {
    // a whole-file format caught mid-write reads torn: read again until a read starts and ends on
    // the same file (same change stamp) and decodes, a few times at most
    for (let attempt = 1; ; attempt++) {
      const stamp = await changeStamp(path);
      await pumpFile(path, decoder);
      decoder.end();
      const torn = (await changeStamp(path)) !== stamp;
      if ((!decoder.failed && !torn) || attempt >= SNAPSHOT_ATTEMPTS) break;
      await pause(20 * attempt);
      decoder = format.createDecoder(path);
    }
  } else {
    await pumpFile(path, decoder);
    decoder.end();
  }
  const runs = decoder.runs();
  return { runs, warnings: [...before, ...decoder.warnings(), ...runNoteWarnings(runs, path)] };
}

export function resolveFormat(id: FormatId): Format {
  const f = formatById(id);
  if (!f) throw new ScalingLensError('bad-argument', `unknown format "${id}"`);
  return f;
}

/**
 * In a folder, any text file reads as some text log (a dataset's input.txt, a readme.txt): one
 * that gave no series is not listed as a run, nor counted for the folder's format. Named in one
 * warning, as they may be logs not yet written to.
 */
function withoutMetriclessText(decoded: DecodedFile[], warnings: IngestWarning[]): DecodedFile[] {
  const empty = decoded.filter((d) => d.format === 'text' && d.runs.every((r) => r.series.length === 0));
  if (empty.length === 0) return decoded;
  const names = empty.slice(0, 3).map((d) => d.path).join(', ');
  warnings.push({ file: empty[0]!.path, message: `${empty.length} text file(s) with no metrics in them not listed as runs (${names}${empty.length > 3 ? ', …' : ''})` });
  return decoded.filter((d) => !empty.includes(d));
}

/** Reads a log file or a folder of runs. Unknown formats and unreadable files become warnings. */
export async function readSource(path: string, opts: ReadOptions = {}): Promise<SourceData> {
  let kind;
  try {
    kind = await pathKind(path);
  } catch (err) {
    if (err instanceof PathError) throw new ScalingLensError('bad-argument', err.message);
    throw err;
  }
  const forced = opts.format ? resolveFormat(opts.format) : undefined;
  if (kind === 'folder') {
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
    const src = assembleSource(withoutMetriclessText(decoded, warnings), forced?.id);
    if (files.length === 0) warnings.push({ file: path, message: 'no recognised training log in this folder' });
    return { ...src, warnings: [...warnings, ...src.warnings] };
  }
  let format: Format | undefined;
  let d;
  let head: Uint8Array;
  try {
    head = await readHead(path);
    format = forced ? withEncoding(forced, head) : detect(path, head);
    if (!format) return { format: 'text', runs: [], warnings: [{ file: path, message: unknownFormatNote(head) }] };
    // a text format forced on bytes that are no text would read every byte as a row of cells
    if (format === forced && readsText(forced.id) && head.length > 0 && !looksTextual(head)) {
      return { format: forced.id, runs: [], warnings: [{ file: path, message: `${NOT_TEXT}, so not ${forced.id} (--format): is it the file you meant?` }] };
    }
    d = await decodeFile(path, format);
  } catch (err) {
    // the file changed kind or permission since the stat, or the format's edge failed on I/O
    if ((err as NodeJS.ErrnoException).code) throw new ScalingLensError('bad-argument', `cannot read ${path}: ${fsReason(err)}`);
    throw err;
  }
  const config = await configBesideLog(path, format.id);
  const hint = await hfOutputHint(path, format.id);
  // an MLflow metric file is named "loss": its run's name is in the run's meta.yaml, as a folder of runs reads it
  const mlflowName = format.id === 'mlflow' ? await mlflowRunNameOf(path) : undefined;
  const named = d.runs.map((r) => (mlflowName ? { ...r, name: mlflowName } : r.name ? r : { ...r, name: runNameFromPath(path) }));
  // the config beside a file describes its one run, never each of a table's many
  const configured = config.meta && named.length === 1 ? named.map((r) => ({ ...r, meta: { ...config.meta, ...r.meta } })) : named;
  const resumed = await withEarlierVersions(path, format.id, configured, async (f) => (await decodeFile(f, format)).runs);
  const axes = withRunAxes(resumed.runs);
  const runs = axes.runs;
  const warnings = [...config.warnings, ...(hint ? [hint] : []), ...d.warnings, ...resumed.warnings, ...axes.warnings];
  // never "0 series" in silence: say what was (not) found
  if (warnings.length === 0 && runs.every((r) => r.series.length === 0)) {
    // an empty file was detected by its name alone: its format says nothing of why it has no series
    // the head is the whole file when shorter than asked for
    const only = head.length < DETECT_HEAD_BYTES ? onlyLine(head) : undefined;
    const why = head.length === 0 ? 'the file is empty (0 bytes)' : only !== undefined ? oneLineWhy(only, head) : `no series found reading it as ${format.id}${forced ? ' (--format)' : ''}`;
    warnings.push({ file: path, message: why });
  }
  return { format: format.id, runs, warnings };
}

/** Why a one-line file gave no series: JSON cut short or holding no log, else a header with no rows yet. */
function oneLineWhy(only: string, whole: Uint8Array): string {
  if (!/^[[{]/.test(only)) return `it holds one line and no rows under it ("${only}"): a header of a log not yet written?`;
  try {
    // the whole file (the line shown may be cut to 80 characters)
    JSON.parse(new TextDecoder().decode(whole).replace(/^\uFEFF/, ''));
    return `it is JSON with no log in it (no records of numbers by step, epoch or the like) ("${only}")`;
  } catch {
    return `it starts as JSON but is not complete JSON (being written, or cut short?) ("${only}")`;
  }
}
