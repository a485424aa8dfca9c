// A line log of one JSON object per line (JSON Lines, mmcv's .log.json): each line parsed (Python's
// bare NaN and Infinity allowed), a line that is no object warned of and skipped, and a last record
// cut short by a writer still at work left out as unfinished rather than as "not a JSON object".
import { LineDecoder } from './lineDecoder';
import { parseRelaxedJson } from './relaxedJson';
import { dropTornJsonLine } from './tornJsonLine';

export abstract class JsonObjectLineDecoder extends LineDecoder {
  /** One line's object. */
  protected abstract record(rec: Record<string, unknown>, lineNo: number): void;

  override end(): void {
    dropTornJsonLine(this.lines, this.warn);
    super.end();
  }

  protected line(text: string, lineNo: number): void {
    const t = text.trim();
    if (t.length === 0) return;
    let obj: unknown;
    try {
      obj = parseRelaxedJson(t);
    } catch {
      obj = undefined;
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      this.warn.add('not a JSON object; line skipped', { line: lineNo });
      return;
    }
    this.record(obj as Record<string, unknown>, lineNo);
  }
}
