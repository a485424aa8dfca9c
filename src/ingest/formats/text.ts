// Plain-text training logs (nanoGPT, torchtitan, HF Trainer stdout, Megatron, mmdet): every line
// goes through the one key/number scanner; x axes and splits come from the key names.
import type { Decoder, Format } from '../model/decoder';
import { KeyInterner } from '../text/keyInterner';
import { DECLINED, KeyNumberBytes } from '../text/keyNumberBytes';
import { baseName, splitOf } from '../model/keys';
import { positionIn, Redraws, stepOf } from '../text/redraws';
import { tqdmDrawing } from '../text/tqdmBar';
import { bareDrawing, DrawingHead, hasTqdmBar, isBlank, type BareDrawing } from '../text/tqdmBytes';
import { WhitespaceTable } from '../text/whitespaceTable';
import { scanKeyNumbers } from '../text/keyNumberScanner';
import { type LineMarks } from '../text/keyNumberWords';
import { cleanLogLine } from '../text/cleanLogLine';
import { LineDecoder } from '../text/lineDecoder';
import { hasDotLeader, wordArgument } from '../text/argumentDump';
import { namespaceArgs } from '../text/namespaceArgs';
import { hydraConfig } from '../text/pythonLiteral';
import { RecordAccumulator } from '../model/recordRows';
import { looksTextual } from '../text/sniff';
import { rankLabel, rankLabelOf, RankFilter } from '../text/rankLabels';
import { mayHaveBracketStep, withBracketStep } from '../text/bracketStep';

/** Lines longer than this are progress-bar spam or binary junk; they are skipped. */
const MAX_LINE = 64 * 1024;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const NL = 10;
const CR = 13;
const ESC = 27;

/** fairseq's "| valid on 'valid' subset | loss 4.01 | …": the line's metrics are that subset's. */
const SUBSET = /^valid on '([\w.-]{1,40})' subset$/;

/** The split prefix a fairseq evaluation field gives its line's metrics ("valid", "test"), or ''. */
function subsetSplit(field: string | undefined): string {
  const name = field === undefined ? undefined : SUBSET.exec(field)?.[1];
  if (name === undefined) return '';
  // "valid", "valid_small", "test", "dev" name their split; any other subset is an evaluation too
  return splitOf(`${name} loss`) === 'train' ? `valid ${name}` : name;
}

/** fairseq's "| train | epoch 001 | loss 4.12 | … | num_updates 1234 |": the epoch's means, a series
 *  of their own ("epoch mean loss"), not points among the per-update losses of train_inner. */
function epochSummary(marks: LineMarks, keys: readonly string[]): string {
  return marks.trainField && keys.includes('num_updates') ? 'epoch mean' : '';
}

/** The general path: each line decoded to a string and scanned by keyNumberScanner. */
export class TextLineDecoder extends LineDecoder {
  protected readonly records = new RecordAccumulator(this.run);
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private readonly emit = (k: string, v: number): void => {
    this.keys.push(k);
    this.values.push(v);
  };

  protected readonly redraws = new Redraws();
  protected readonly ranks = new RankFilter((message) => this.warn.add(message));
  private readonly table = new WhitespaceTable();
  /** The line being read ends a run of redraws (its text follows their last '\r'). */
  protected afterRedraw = false;

  /** crBreaks: the lines reach line() cut at a lone '\r' too (the byte path); else a line's redraws
   *  are cut here. */
  constructor(origin: string, crBreaks = false) {
    super(origin, 'text', crBreaks);
  }

  /**
   * A log's last line without its line end is a line still being written (a running job's stdout is
   * flushed in blocks: "val loss 1" of "val loss 1.9645"), so it is left out, said, until complete.
   */
  override end(): void {
    const torn = this.lines.discardTail();
    // a file that gave no series (a LICENSE, a README) is no log being written: its last line is no news
    if (torn !== undefined && torn.trim() !== '' && this.run.seriesCount > 0) {
      const shown = torn.slice(torn.lastIndexOf('\r') + 1).trim();
      this.warn.add(`the last line has no line end yet (a log still being written?): left out until it is complete ("${shown.slice(0, 60)}${shown.length > 60 ? '…' : ''}")`);
    }
    super.end();
  }

  protected line(raw: string, lineNo: number): void {
    if (this.ranks.skip(rankLabelOf(raw))) return;
    let text = raw;
    for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r')) {
      this.redraw(text.slice(0, cr));
      text = text.slice(cr + 1);
    }
    const afterRedraw = this.afterRedraw;
    this.afterRedraw = false;
    if (text.length > MAX_LINE) {
      this.warn.add(`line of ${text.length} characters skipped`, { line: lineNo });
      return;
    }
    this.keys.length = 0;
    this.values.length = 0;
    const clean = cleanLogLine(withBracketStep(text));
    const bar = afterRedraw ? tqdmDrawing(clean) : undefined;
    if (bar) {
      // the last drawing of a bar, left on screen by its '\n'
      const at = this.redraws.scanBar(bar, this.keys, this.values);
      if (this.keys.length > 0 && this.redraws.isNew(at, false)) this.records.add(this.keys, this.values);
      return;
    }
    const marks: LineMarks = {};
    scanKeyNumbers(clean, this.keys, this.values, marks);
    const at = marks.configAt;
    if (at !== undefined) {
      for (const [name, value] of clean[at] === '{' ? hydraConfig(clean, at) : namespaceArgs(clean, at)) this.run.setMeta(name, value);
      return;
    }
    if (this.keys.length === 0) {
      if (this.table.read(clean, this.emit)) this.records.add(this.keys, this.values);
      else this.argument(clean);
      return;
    }
    // a bar's drawing of a step read already, left on screen by its '\n'
    if (afterRedraw && !this.redraws.isNew(stepOf(this.keys, this.values), false)) return;
    this.redraws.placeInLoop(this.keys, this.values);
    this.records.add(this.keys, this.values, subsetSplit(marks.subset) || epochSummary(marks, this.keys));
  }

  /** What precedes a lone '\r': one drawing of a line a progress bar redraws in place (Redraws). */
  protected redraw(text: string): void {
    this.afterRedraw = true;
    if (text.length > MAX_LINE) return;
    this.keys.length = 0;
    this.values.length = 0;
    const at = this.redraws.scan(cleanLogLine(text), this.keys, this.values);
    if (this.keys.length > 0 && this.redraws.isNew(at, true)) this.records.add(this.keys, this.values);
  }

  /** A word-valued argument of a dump ("lr_decay_style ........ cosine") goes to the run's metadata. */
  protected argument(clean: string): void {
    const arg = wordArgument(clean);
    if (arg) this.run.setMeta(arg[0], arg[1]);
  }
}

/** Scans lines as bytes (keyNumberBytes); the lines it declines, and over-long ones, take line(). */
class TextDecoder_ extends TextLineDecoder {
  private readonly scanner = new KeyNumberBytes(new KeyInterner(this.records));
  private readonly bare: BareDrawing = { headEnd: 0, n: 0, total: undefined };
  private readonly head = new DrawingHead();
  /** Inside another rank's line whose '\n' has not come yet. */
  private skippingLine = false;

  constructor(origin: string) {
    // a progress bar that writes no '\n' for a whole epoch is read redraw by redraw, as it grows
    super(origin, true);
  }

  /** redraw() of a drawing bareDrawing read, without decoding it. */
  private bareRedraw(bytes: Uint8Array, start: number): void {
    const { headEnd, n, total } = this.bare;
    this.afterRedraw = true;
    this.redraws.track(this.head.text(bytes, start, headEnd), n, total);
  }

  protected override rawLines(raw: Uint8Array, firstLineNo: number): number {
    // a plain Uint8Array view (raw may be a Buffer): one receiver type keeps the scanner's loads monomorphic
    const bytes = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
    const scanner = this.scanner;
    let no = firstLineNo;
    let start = 0;
    const n = bytes.length;
    // the next '\r' / ESC at or after `start` (-1: none left in this push): cleanLogLine work only
    // for the lines that hold one
    let cr = -2;
    let esc = -2;
    // the next '\n' likewise: a bar that draws for a whole epoch puts thousands of drawings before it
    let nl = -2;
    while (start < n) {
      // a raw push ends with '\n' or, after a redraw, a lone '\r'
      if (nl !== -1 && nl < start) nl = bytes.indexOf(NL, start);
      if (cr !== -1 && cr < start) cr = bytes.indexOf(CR, start);
      if (esc !== -1 && esc < start) esc = bytes.indexOf(ESC, start);
      const end = nl < 0 ? n : nl > start && bytes[nl - 1] === CR ? nl - 1 : nl;
      if (this.skippingLine || (!this.afterRedraw && this.ranks.skip(rankLabel(bytes, start, end)))) {
        // another rank's line, its bar's drawings and all, to its '\n' (which may come in a later push)
        this.skippingLine = nl < 0;
        if (nl >= 0) no++;
        start = nl < 0 ? n : nl + 1;
        continue;
      }
      if (cr >= 0 && cr < end) {
        if (isBlank(bytes, start, cr)) this.afterRedraw = true; // tqdm clearing its line
        else if (cr - start <= MAX_LINE && bareDrawing(bytes, start, cr, this.bare)) this.bareRedraw(bytes, start);
        else this.redraw(utf8.decode(bytes.subarray(start, cr)));
        start = cr + 1;
        continue;
      }
      // a bar's last drawing, left by its '\n', is read as a drawing (line())
      const after = this.afterRedraw;
      const count = (after && hasTqdmBar(bytes, start, end)) || end - start > MAX_LINE || mayHaveBracketStep(bytes, start, end) ? DECLINED : scanner.scan(bytes, start, end, false, esc >= 0 && esc < end ? esc : -1);
      if (count > 0) {
        this.afterRedraw = false;
        const { infos, values } = scanner;
        // line()'s checks, over the byte scanner's pairs: not a step read already; placed in a running loop
        if (!after || this.redraws.isNew(positionIn(count, (i) => infos[i]!.key, (i) => values[i]!, 'step'), false)) {
          const placed = this.redraws.looping ? this.redraws.placeInfosInLoop(infos, values, count, (k) => this.records.infoOf(k)) : count;
          this.records.addInfos(infos, values, placed);
        }
      } else if (count === 0 && hasDotLeader(bytes, start, end)) {
        this.afterRedraw = false;
        this.argument(cleanLogLine(utf8.decode(bytes.subarray(start, end))));
      } else this.line(utf8.decode(bytes.subarray(start, end)), no);
      no++;
      start = nl < 0 ? n : nl + 1;
    }
    return no - firstLineNo;
  }
}

export const textFormat: Format = {
  id: 'text',
  growth: 'append',
  detect(name, head) {
    if (!looksTextual(head)) return 0;
    const base = baseName(name).toLowerCase();
    if (base.endsWith('.log') || base.endsWith('.txt') || base.endsWith('.out') || base.endsWith('.err')) return 0.5;
    return 0.1;
  },
  createDecoder: (origin): Decoder => new TextDecoder_(origin),
};
