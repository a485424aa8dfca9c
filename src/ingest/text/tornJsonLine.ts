// A JSON-lines log's last line without its line end is a record still being written (a running
// job's log flushed mid-record): left out and said so, not reported as "not a JSON object" as
// if the file were malformed. A last line that parses is a whole record that lacks only its '\n'.
import type { WarningList } from '../model/warnings';
import type { LineSplitter } from './lines';
import { parseRelaxedJson } from './relaxedJson';

export function dropTornJsonLine(lines: LineSplitter, warn: WarningList): void {
  const held = lines.heldTail()?.trim();
  if (!held) return;
  try {
    parseRelaxedJson(held);
    return;
  } catch {
    // incomplete: dropped below
  }
  lines.discardTail();
  warn.add(`the last line has no line end and is not complete JSON (a log still being written?): left out ("${held.slice(0, 60)}${held.length > 60 ? '…' : ''}")`);
}
