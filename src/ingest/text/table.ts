// A delimited table read line by line: the first non-blank line is the header, every later line a
// row handed to a sink. Formats differ only in their sink. Three paths, fastest first:
//  * the complete lines of a push are split and parsed straight from the bytes in one pass (plain
//    decimals become numbers while the delimiters are found, the rest via fastFloat; no string per
//    cell; quoted cells are byte ranges too) — what keeps big CSVs fast;
//  * from a quoted field holding a line break on, the rest of the push goes through ONE csv-parse
//    call (per-call setup is what makes csv-parse slow line by line);
//  * a quoted field spanning pushes (or malformed quoting) falls back to line-by-line joining.
// The paths decode alike: test/unit/ingest/csvPaths.test.ts holds them to csv-parse.
import { parse } from 'csv-parse/sync';
import type { FormatId, IngestWarning, RunData } from '../model/model';
import { otherMarkText, StringCells, type Cells, type DecimalMark, type MarkedCells } from './cells';
import { decimalMarkIn } from './decimalMark';
import { cutShort, fixedDecimalsOf } from './fixedDecimals';
import { SplitDecoder } from './splitDecoder';
import { distinctColumnNames } from './columnNames';
import { textOfBytes } from './utf8OrWindows1252';
import type { WarningList } from '../model/warnings';
import * as byteCells from './byteCells';
import { cellCount, countQuotes, sniffDelimiter, stripCr } from './delimitedLine';
import { countLines, indexOrEnd, lastBytes, sameBytes } from './blockBytes';

// module-local copies: called per byte or character, and an imported binding may compile to a getter
// call (CommonJS output, as tsx runs the benches)
const { ByteCells, QUOTE, splitParse, splitQuoted } = byteCells;

export interface TableSink {
  header(columns: readonly string[], line: number, warn: WarningList): void;
  /** `cells` carry the table's decimal mark once it has one (decideDecimalMark). */
  row(cells: MarkedCells, line: number, warn: WarningList): void;
  runs(): RunData[];
  /** What the sink says of the rows it was given, once they are all read (with the decoder's own warnings). */
  warnings?(): IngestWarning[];
}

/** Most a quoted multi-line record may span before it is reported and dropped. */
const MAX_RECORD_CHARS = 1 << 20;
const COMMA = 44;
const POINT = 46;
const NL = 10;
const CR = 13;
/** Enough of the last block for the rows a cut last row is judged on. */
const LAST_BLOCK_BYTES = 16384;

const utf8 = new TextDecoder('utf-8');

export class TableDecoder extends SplitDecoder {
  private delimiter: string | undefined;
  private headerLine: string | undefined;
  private headerBytes: Uint8Array | undefined;
  private columns = 0;
  private headerCells: string[] | undefined;
  private pending = '';
  private pendingLine = 0;
  private readonly byteCells = new ByteCells();
  /** A ';' table's or a TSV's decimal mark (see decideDecimalMark); other tables keep parseCell's '.'. */
  private decimalMark: DecimalMark | undefined;
  private seekingMark = false;
  /** Rows holding a decimal written with the other mark, and the first of them. */
  private otherMarkRows = 0;
  private firstOtherMark: { text: string; line: number } | undefined;
  /** Headers that repeated a name, kept apart for renamedColumnWarnings. */
  private readonly renamed: IngestWarning[] = [];
  /** The decision's warning, kept apart from the capped list for decimalMarkWarnings. */
  private markDecision: IngestWarning | undefined;
  /** The last bytes the byte path read (whole rows), copied (a reader may reuse its buffer) and
   *  kept across pushes of a row or two: a last row cut mid-number is judged on them (fixedDecimals.ts). */
  private lastBlock: Uint8Array | undefined;

  constructor(
    origin: string,
    readonly format: FormatId,
    private readonly sink: TableSink,
    opts: { delimiter?: string } = {},
  ) {
    super(origin);
    this.delimiter = opts.delimiter;
  }

  override end(): void {
    // a row cut short by a writer still at work ("20010,104" of "20010,10490,1.97"): a last row with
    // no line end and fewer cells than the header is not read; a whole one is (a file saved
    // without a final newline)
    const held = this.headerLine !== undefined && this.delimiter !== undefined && !this.pending ? this.lines.heldTail() : undefined;
    const cells = held === undefined ? 0 : cellCount(held, this.delimiter!);
    if (held !== undefined && held.trim() !== '' && cells < this.columns) {
      this.lines.discardTail();
      this.warn.add(`the last row has no line end and ${cells} of the header's ${this.columns} cells (a table still being written?): left out`);
    } else if (held !== undefined && held.trim() !== '') {
      const row = stripCr(held);
      const block = this.delimiter!.length === 1 ? this.lastBlock : undefined;
      const cut = block && cutShort(row.slice(row.lastIndexOf(this.delimiter!) + 1), fixedDecimalsOf(block, this.delimiter!.charCodeAt(0)));
      if (cut) {
        this.lines.discardTail();
        this.warn.add(`the last row ("${row.slice(0, 60)}") has no line end and ${cut} (a row cut while being written?): left out`);
      }
    }
    super.end();
    if (this.pending) {
      this.warn.add('unterminated quoted field at end of file; record dropped', { line: this.pendingLine });
      this.pending = '';
    }
  }

  runs(): RunData[] {
    return this.sink.runs();
  }

  override warnings(): IngestWarning[] {
    const list = super.warnings();
    const other = this.otherMarkWarning();
    if (other) list.push(other);
    list.push(...(this.sink.warnings?.() ?? []));
    return list;
  }

  /** The warnings about the table's decimal mark (which one it was read with, cells of the other
   *  left unread), for a reader that shows these and nothing else it was warned of (the CLI's). */
  decimalMarkWarnings(): IngestWarning[] {
    const other = this.otherMarkWarning();
    return [...(this.markDecision ? [this.markDecision] : []), ...(other ? [other] : [])];
  }

  /** The warnings about a header's repeated names (renamed, no record lost), for the same reader. */
  renamedColumnWarnings(): IngestWarning[] {
    return this.renamed.slice();
  }

  private otherMarkWarning(): IngestWarning | undefined {
    const first = this.firstOtherMark;
    if (!first) return undefined;
    const rows = this.otherMarkRows === 1 ? '1 row has' : `${this.otherMarkRows} rows have`;
    return { file: this.origin, line: first.line, message: `${rows} a number with ${otherMarkText(this.decimalMark ?? '.')} (first "${first.text}"); those cells were not read` };
  }

  /** Returns the number of lines in `bytes` (a raw push ends with '\n'). */
  protected override rawLines(bytes: Uint8Array, firstLineNo: number): number {
    // the header (or a quoted record still open from the last push) line by line, so that the rest
    // of this push — the whole first MB of a file too — takes the byte path
    let start = 0;
    let no = firstLineNo;
    while (start < bytes.length && (this.headerLine === undefined || this.pending)) {
      const nl = bytes.indexOf(NL, start); // a raw push ends with '\n'
      // a header saved by Excel may be windows-1252 ("perplexit\xE9")
      this.line(stripCr(textOfBytes(bytes.subarray(start, nl))), no++);
      start = nl + 1;
    }
    if (start >= bytes.length) return no - firstLineNo;
    const rest = start === 0 ? bytes : bytes.subarray(start);
    const d = this.delimiter;
    if (d !== undefined && d.length === 1) {
      this.lastBlock = lastBytes(this.lastBlock, rest, LAST_BLOCK_BYTES);
      return no - firstLineNo + this.byteRows(rest, no, d.charCodeAt(0));
    }
    this.lastBlock = undefined;
    this.onBlock(utf8.decode(rest), no);
    return no - firstLineNo + countLines(rest, 0);
  }

  /** The fast path: rows split on the delimiter byte, cells as byte ranges; returns the line count. */
  private byteRows(bytes: Uint8Array, firstLineNo: number, delim: number): number {
    const cells = this.byteCells;
    cells.bytes = bytes;
    const header = this.headerBytes;
    const quoted = bytes.indexOf(QUOTE) >= 0;
    let no = firstLineNo;
    let start = 0;
    const n = bytes.length;
    // while a ';' table or a TSV seeks its decimal mark: where the block's next ',' and '.' are (n: none),
    // so a row without either is passed over without a string per cell; each found in one pass
    let nextComma = -1;
    let nextPoint = -1;
    while (start < n) {
      let nl = bytes.indexOf(NL, start);
      if (nl < 0) nl = n;
      let end = nl;
      if (end > start && bytes[end - 1] === CR) end--;
      const lineNo = no++;
      if (end > start && !(header && end - start === header.length && sameBytes(bytes, start, header))) {
        const point = this.decimalMark === ',' ? COMMA : POINT;
        const count = quoted ? splitQuoted(bytes, start, end, delim, point, cells) : splitParse(bytes, start, end, delim, point, cells);
        if (count < 0) {
          // a quoted field runs past the line end (multi-line cell): the text path joins lines
          this.onBlock(utf8.decode(bytes.subarray(start)), lineNo);
          return lineNo - firstLineNo + countLines(bytes, start);
        }
        cells.length = count;
        let mayHoldDecimal = true;
        if (this.seekingMark) {
          if (nextComma < start) nextComma = indexOrEnd(bytes, COMMA, start);
          if (nextPoint < start) nextPoint = indexOrEnd(bytes, POINT, start);
          mayHoldDecimal = nextComma < end || nextPoint < end;
        }
        this.row(cells, lineNo, mayHoldDecimal);
      }
      start = nl + 1;
    }
    return no - firstLineNo;
  }

  /** All complete lines of one push as text: rows without quotes are split directly, a block with
   *  quotes goes through one csv-parse call (per-call setup is what makes csv-parse slow line by line). */
  private onBlock(text: string, firstLineNo: number): void {
    let start = 0;
    let no = firstLineNo;
    while (start < text.length && (this.headerLine === undefined || this.pending)) {
      const nl = text.indexOf('\n', start);
      this.line(stripCr(text.slice(start, nl)), no++);
      start = nl + 1;
    }
    if (start >= text.length) return;
    if (text.indexOf('"', start) < 0) {
      const d = this.delimiter ?? ',';
      for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
        const line = stripCr(text.slice(start, nl));
        start = nl + 1;
        const lineNo = no++;
        if (line.length === 0 || line === this.headerLine) continue;
        this.row(new StringCells(line.split(d)), lineNo);
      }
      return;
    }
    const rest = start === 0 ? text : text.slice(start);
    let records: { record: string[]; info: { empty_lines: number } }[];
    try {
      records = parse(rest, { delimiter: this.delimiter ?? ',', record_delimiter: ['\r\n', '\n'], relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true }) as never;
    } catch {
      // unbalanced quotes (a quoted field continues in the next push, or junk): line by line
      for (let nl = rest.indexOf('\n'), s0 = 0; nl >= 0; s0 = nl + 1, nl = rest.indexOf('\n', s0)) this.line(stripCr(rest.slice(s0, nl)), no++);
      return;
    }
    const header = this.headerCells;
    // a record's first line, counted here: csv-parse's info.lines is where a record ends, and it
    // counts a CRLF inside a quoted field as two lines
    let spanned = 0;
    for (const { record, info } of records) {
      const line = no + spanned + info.empty_lines;
      spanned++;
      for (const c of record) for (let k = c.indexOf('\n'); k >= 0; k = c.indexOf('\n', k + 1)) spanned++;
      if (header && record.length === header.length && record.every((c, i) => c === header[i])) continue;
      this.row(new StringCells(record), line);
    }
  }

  private row(cells: MarkedCells, no: number, mayHoldDecimal = true): void {
    if (this.seekingMark && mayHoldDecimal) this.decideDecimalMark(cells, no);
    cells.mark = this.decimalMark;
    if (this.isNewHeader(cells)) {
      cells.otherMark = undefined;
      this.adoptHeader(cells, no);
      return;
    }
    if (cells.length > this.columns) this.warn.add(`row has ${cells.length} cells, header has ${this.columns}; extra cells ignored`, { line: no });
    this.sink.row(cells, no, this.warn);
    const other = cells.otherMark;
    if (other !== undefined) {
      cells.otherMark = undefined; // the byte path's cells are reused
      this.otherMarkRows++;
      this.firstOtherMark ??= { text: other.slice(0, 40), line: no };
    }
  }

  /**
   * Excel and pandas in many locales write ';'-separated tables with decimal commas ("3,412"), and
   * TSVs too. Such a table takes its decimal mark from the first row holding a decimal number
   * (decimalMarkIn: a TSV's comma counts only where it cannot group thousands). Decided once per
   * file: the rows before that one hold no decimal and read alike either way, and rows appended
   * later (or pushes cut anywhere) cannot change it. A ','-separated table never reads "1,5" as a number.
   */
  private decideDecimalMark(cells: Cells, no: number): void {
    const decided = decimalMarkIn(cells, this.delimiter === '\t');
    if (!decided) return;
    this.seekingMark = false;
    this.decimalMark = decided.mark;
    if (decided.message === undefined) return;
    this.markDecision = { file: this.origin, line: no, message: decided.message };
    this.warn.add(decided.message, { line: no });
  }

  /** A header written again mid-file with other columns (an appending writer restarted with one
   *  more metric): every cell is text and it names at least one of the current header's columns. */
  private isNewHeader(cells: Cells): boolean {
    const header = this.headerCells;
    if (!header || cells.length < 2 || cells.num(0) !== null) return false;
    let shared = false;
    for (let i = 0; i < cells.length; i++) {
      if (cells.num(i) !== null) return false;
      if (!shared) {
        const name = cells.str(i).trim();
        shared = header.some((h) => h.trim() === name);
      }
    }
    return shared;
  }

  private adoptHeader(cells: Cells, no: number): void {
    const cols: string[] = [];
    for (let i = 0; i < cells.length; i++) cols.push(cells.str(i));
    if (cols.length === this.columns && cols.every((c, i) => c.trim() === this.headerCells![i].trim())) return; // same header again
    this.warn.add(`header changed (${this.columns} → ${cols.length} columns: ${cols.map((c) => c.trim()).join(', ').slice(0, 200)}); later rows read by the new header`, { line: no });
    this.headerCells = cols;
    this.columns = cols.length;
    this.headerLine = cols.join(this.delimiter ?? ',');
    this.headerBytes = new TextEncoder().encode(this.headerLine);
    this.giveHeader(cols, no);
  }

  /** The header to the sink, its names trimmed and made distinct (said when they were not). */
  private giveHeader(cols: readonly string[], no: number): void {
    const { names, note } = distinctColumnNames(cols.map((c) => c.trim()));
    if (note) {
      this.warn.add(note, { line: no });
      this.renamed.push({ file: this.origin, line: no, message: note });
    }
    this.sink.header(names, no, this.warn);
  }

  protected line(line: string, no: number): void {
    if (this.pending) {
      // a quoted field spans lines: keep joining until its quotes balance
      line = `${this.pending}\n${line}`;
      no = this.pendingLine;
      this.pending = '';
    }
    if (this.headerLine === undefined) {
      if (line.trim().length === 0) return;
      this.delimiter ??= sniffDelimiter(line);
      const cols = this.split(line, no);
      if (!cols) return;
      this.seekingMark = this.delimiter === ';' || this.delimiter === '\t';
      this.headerLine = line;
      this.headerBytes = new TextEncoder().encode(line);
      this.headerCells = cols;
      this.columns = cols.length;
      this.giveHeader(cols, no);
      return;
    }
    if (line.length === 0) return;
    if (line === this.headerLine) return; // header repeated by an append-mode writer
    const cells = this.split(line, no);
    if (!cells) return;
    this.row(new StringCells(cells), no);
  }

  private split(line: string, no: number): string[] | null {
    const d = this.delimiter ?? ',';
    if (line.indexOf('"') < 0) return line.split(d);
    if (countQuotes(line) % 2 === 1) {
      if (line.length > MAX_RECORD_CHARS) {
        this.warn.add('unbalanced quotes; record dropped', { line: no });
        return null;
      }
      this.pending = line;
      this.pendingLine = no;
      return null;
    }
    try {
      const rows = parse(line, { delimiter: d, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
      return rows[0] ?? [];
    } catch (err) {
      this.warn.add(`unreadable CSV row: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { line: no });
      return null;
    }
  }
}

