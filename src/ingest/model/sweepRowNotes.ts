// What a sweep table's reader says of its rows beside the fit: the rows it could not read, rows
// that repeat another's counts (seeds, or a row pasted twice), and, loudly, when so many rows are
// left out that the file is likely not the export meant. The rows are fitted either way: a broken
// export is said, not refused, since the rows that remain may be all a user has. Pure.

/** Rows named in a note; the rest are counted. */
const SHOWN = 8;
/** Replicated runs named in a note, and rows named for each. */
const GROUPS_SHOWN = 4;

const have = (n: number): string => (n === 1 ? 'has' : 'have');
const rows = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;

/** What rows need or share, as a note says it: ["N", "D"] as "N, D" (`last` ", ") or "N and D" (" and "). */
const listed = (needs: readonly string[], last: string): string => (needs.length < 2 ? needs.join('') : `${needs.slice(0, -1).join(', ')}${last}${needs[needs.length - 1]}`);

/** Collects the rows left out for a cell that is not a count or not a number, for one note. */
export class RowsUnread {
  private readonly shown: string[] = [];
  private total = 0;

  /** `needs`: what a row must give ("N", "D"). */
  constructor(private readonly needs: readonly string[]) {}

  add(why: string): void {
    this.total++;
    if (this.shown.length < SHOWN) this.shown.push(why);
  }

  get count(): number {
    return this.total;
  }

  note(): string | undefined {
    const n = this.total;
    if (n === 0) return undefined;
    const more = n > this.shown.length ? `; … ${n - this.shown.length} more` : '';
    return `left out ${rows(n)} without ${listed(this.needs, ', ')} and a loss that can be read (${this.shown.join('; ')}${more})`;
  }
}

/** A fitted row: its line, what it gives (its counts as one key) and its loss. */
export interface KeyedRow {
  readonly line: number;
  readonly key: string;
  readonly loss: number;
}

/**
 * Notes on rows that repeat an earlier row's counts: with its loss too (a row pasted twice, which
 * then weighs double), or with another loss (replicates such as seeds, or runs that differ only in a
 * setting the fit does not read, such as a learning rate). Both are fitted as written. `needs` names
 * what the law fits of a row ("N", "D").
 */
export function repeatedRowNotes(fitted: readonly KeyedRow[], needs: readonly string[]): string[] {
  const firstWithLoss = new Map<string, number>();
  const first = new Map<string, number>();
  const copies: string[] = [];
  const replicates = new Map<number, number[]>();
  let copyCount = 0;
  let replicateCount = 0;
  for (const r of fitted) {
    const same = firstWithLoss.get(`${r.key}|${r.loss}`);
    if (same !== undefined) {
      if (copyCount++ < SHOWN) copies.push(`row ${r.line} = row ${same}`);
      continue;
    }
    firstWithLoss.set(`${r.key}|${r.loss}`, r.line);
    const earlier = first.get(r.key);
    if (earlier === undefined) first.set(r.key, r.line);
    else {
      replicateCount++;
      replicates.set(earlier, [...(replicates.get(earlier) ?? []), r.line]);
    }
  }
  const notes: string[] = [];
  if (copyCount > 0) {
    const more = copyCount > copies.length ? `; … ${copyCount - copies.length} more` : '';
    notes.push(`${rows(copyCount)} ${have(copyCount)} the same ${listed(needs, ', ')} and loss as an earlier row (${copies.join('; ')}${more}): pasted twice? Each copy is fitted, so that run weighs double`);
  }
  if (replicateCount > 0) {
    const groups = [...replicates].slice(0, GROUPS_SHOWN).map(([at, lines]) => `row ${at} with ${lines.slice(0, GROUPS_SHOWN).join(', ')}${lines.length > GROUPS_SHOWN ? `, … ${lines.length - GROUPS_SHOWN} more` : ''}`);
    const more = replicates.size > GROUPS_SHOWN ? `; … ${replicates.size - GROUPS_SHOWN} more runs repeated` : '';
    notes.push(`${rows(replicateCount)} ${have(replicateCount)} the same ${listed(needs, ' and ')} as an earlier row but another loss (${groups.join('; ')}${more}): all fitted, as replicates such as seeds (runs that differ only in a setting the fit does not read, such as the learning rate, are averaged the same way)`);
  }
  return notes;
}

/** How the alarm starts: the CLI shows it first, not among the other warnings. */
const MANY_LEFT_OUT = 'more than a quarter of the rows are left out';

/** Whether `note` is the alarm of manyLeftOutNote. */
export function isManyLeftOutNote(note: string): boolean {
  return note.startsWith(MANY_LEFT_OUT);
}

/**
 * When more than a quarter of the `total` data rows are left out: a file whose columns are not the
 * ones meant, or an export that lost its values, fitted on what is left. Said, not refused: the
 * other rows may be all there is.
 */
export function manyLeftOutNote(leftOut: number, total: number): string | undefined {
  // with no row left to fit, the law's own error says so
  if (!(leftOut * 4 > total) || leftOut === total) return undefined;
  const pct = Math.round((100 * leftOut) / total);
  return `${MANY_LEFT_OUT}: ${leftOut} of ${total} (${pct}%, named below), so the fit rests on the other ${total - leftOut}; check that the file and its columns are the ones meant`;
}
