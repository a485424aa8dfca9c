// How a cell is quoted in a warning: cut, and a quoted line break shown as one, so one odd cell
// cannot fill the warnings list or break its line.

/** A cell longer than this is cut in a note. */
const CELL_CHARS = 40;

export function shownCell(raw: string): string {
  const t = raw.replace(/\r?\n/g, '\\n');
  return t.length > CELL_CHARS ? `${t.slice(0, CELL_CHARS - 1)}…` : t;
}
