// One CSV cell → number. Blank/NA cells are "absent" (undefined); words are "not a number" (null).

/** number (NaN/±Infinity allowed), undefined for an absent value, null for non-numeric text. */
export function parseCell(raw: string): number | undefined | null {
  const v = Number(raw);
  if (!Number.isNaN(v)) {
    // Number('') and Number('  ') are 0, Number('0x1A') is 26: only trust decimal-looking text.
    if (raw.length === 0) return undefined;
    const c = raw.charCodeAt(0);
    if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
      if (raw.length > 1 && (raw.charCodeAt(1) === 120 || raw.charCodeAt(1) === 88)) return null;
      return v;
    }
    const t = raw.trim();
    if (t.length === 0) return undefined;
    // "Infinity" is already trimmed: recursing on it would never end
    if (t.length < raw.length) return parseCell(t);
  }
  const t = raw.trim().toLowerCase();
  switch (t) {
    case '':
    case 'na':
    case 'n/a':
    case 'null':
    case 'none':
    case '-':
      return undefined;
    case 'nan':
    case '+nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  // "1,234" thousands, "12.5%"
  if (t.endsWith('%')) {
    const p = Number(t.slice(0, -1));
    return Number.isNaN(p) || t.length === 1 ? null : p;
  }
  return null;
}

/** One table row, read by index: numbers for the numeric columns, text for labels. */
export interface Cells {
  readonly length: number;
  /** As parseCell: number, undefined when absent, null for words. */
  num(i: number): number | undefined | null;
  str(i: number): string;
}

/** Cells of a row already split into strings (the csv-parse and header paths). */
export class StringCells implements Cells {
  constructor(private readonly cells: readonly string[]) {}

  get length(): number {
    return this.cells.length;
  }

  num(i: number): number | undefined | null {
    return i < this.cells.length ? parseCell(this.cells[i]) : undefined;
  }

  str(i: number): string {
    return this.cells[i] ?? '';
  }
}
