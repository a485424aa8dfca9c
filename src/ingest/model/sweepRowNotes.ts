// What a sweep table's reader says of its rows beside the fit: the rows it could not read, rows
// that repeat another's counts (seeds, or a row pasted twice), and, loudly, when so many rows are
// left out that the file is likely not the export meant. The rows are fitted either way: a broken
// export is said, not refused, since the rows that remain may be all a user has. Pure.
import { listText } from '../../core/units';

/** Rows named in a note; the rest are counted. */
const SHOWN = 8;
/** Replicated runs named in a note, and rows named for each. */
const GROUPS_SHOWN = 4;

const have = (n: number): string => (n === 1 ? 'has' : 'have');
const rows = (n: number): string => `${n} row${n === 1 ? '' : 's'}`;


/** Collects the rows left out for a cell that is not a count or not a number, for one note. */
export class RowsUnread {
  private readonly rows: { readonly line: number; readonly why: string }[] = [];

  /** `needs`: what a row must give ("N", "D"). */
  constructor(private readonly needs: readonly string[]) {}

  /** Row `line` left out for `why`; rows are named in line order whatever order they were judged in. */
  add(line: number, why: string): void {
    this.rows.push({ line, why });
  }

  get count(): number {
    return this.rows.length;
  }

  note(): string | undefined {
    const n = this.rows.length;
    if (n === 0) return undefined;
    const shown = [...this.rows].sort((a, b) => a.line - b.line).slice(0, SHOWN).map((r) => r.why);
    const more = n > shown.length ? `; … ${n - shown.length} more` : '';
    return `left out ${rows(n)} without ${listText(this.needs, ', ')} and a loss that can be read (${shown.join('; ')}${more})`;
  }
}

/** A fitted row: its line, the counts it gives (absent: undefined) and its loss. */
export interface KeyedRow {
  readonly line: number;
  readonly counts: readonly (number | undefined)[];
  readonly loss: number;
}

/** Orders rows by their counts, then by line: rows with the same counts fall together, earliest first. */
function byCounts(a: KeyedRow, b: KeyedRow): number {
  for (let k = 0; k < a.counts.length; k++) {
    const [x, y] = [a.counts[k] ?? -1, b.counts[k] ?? -1];
    if (x !== y) return x - y;
  }
  return a.line - b.line;
}

const sameCounts = (a: KeyedRow, b: KeyedRow): boolean => a.counts.every((v, k) => v === b.counts[k]);

/**
 * Notes on rows that repeat an earlier row's counts: with its loss too (a row pasted twice, which
 * then weighs double), or with another loss (replicates such as seeds, or runs that differ only in a
 * setting the fit does not read, such as a learning rate). Both are fitted as written. `needs` names
 * what the law fits of a row ("N", "D"). Sorted rather than keyed by text: a large sweep costs no
 * string a row.
 */
export function repeatedRowNotes(fitted: readonly KeyedRow[], needs: readonly string[]): string[] {
  const sorted = [...fitted].sort(byCounts);
  // each later row of a run of equal counts: a copy of the first row with its loss, else a replicate of the run's first
  const copyOf: [line: number, of: number][] = [];
  const replicates = new Map<number, number[]>();
  let replicateCount = 0;
  for (let i = 0, j = 1; i < sorted.length; i = j, j = i + 1) {
    const first = sorted[i]!;
    while (j < sorted.length && sameCounts(sorted[j]!, first)) j++;
    if (j === i + 1) continue;
    const firstWithLoss = new Map<number, number>([[first.loss, first.line]]);
    const later: number[] = [];
    for (const r of sorted.slice(i + 1, j)) {
      const same = firstWithLoss.get(r.loss);
      if (same !== undefined) copyOf.push([r.line, same]);
      else {
        firstWithLoss.set(r.loss, r.line);
        later.push(r.line);
      }
    }
    if (later.length > 0) replicates.set(first.line, later);
    replicateCount += later.length;
  }
  const copyCount = copyOf.length;
  const copies = copyOf.sort((a, b) => a[0] - b[0]).slice(0, SHOWN).map(([line, of]) => `row ${line} = row ${of}`);
  const notes: string[] = [];
  if (copyCount > 0) {
    const more = copyCount > copies.length ? `; … ${copyCount - copies.length} more` : '';
    notes.push(`${rows(copyCount)} ${have(copyCount)} the same ${listText(needs, ', ')} and loss as an earlier row (${copies.join('; ')}${more}): pasted twice? Each copy is fitted, so that run weighs double`);
  }
  if (replicateCount > 0) {
    const groups = [...replicates].sort((a, b) => a[0] - b[0]).slice(0, GROUPS_SHOWN).map(([at, lines]) => `row ${at} with ${lines.slice(0, GROUPS_SHOWN).join(', ')}${lines.length > GROUPS_SHOWN ? `, … ${lines.length - GROUPS_SHOWN} more` : ''}`);
    const more = replicates.size > GROUPS_SHOWN ? `; … ${replicates.size - GROUPS_SHOWN} more runs repeated` : '';
    notes.push(`${rows(replicateCount)} ${have(replicateCount)} the same ${listText(needs)} as an earlier row but another loss (${groups.join('; ')}${more}): all fitted, as replicates such as seeds (runs that differ only in a setting the fit does not read, such as the learning rate, are averaged the same way)`);
  }
  return notes;
}

/** How the alarm starts: the CLI shows it first, not among the other warnings. */
const MANY_LEFT_OUT = 'more than a quarter of the rows are left out';

/** Whether `note` is the alarm of manyLeftOutNote. */
export function isManyLeftOutNote(note: string): boolean {
  return note.startsWith(MANY_LEFT_OUT);
}

/** Whether a sweep reader's `note` names rows left out (RowsUnread, RowsWithoutLoss, RowsUnfinished all open so), or is the alarm. */
export function isLeftOutNote(note: string): boolean {
  return note.startsWith('left out ') || isManyLeftOutNote(note);
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
  return `${MANY_LEFT_OUT}: ${leftOut} of ${total} (${pct}%, named below), so the fit rests on the other ${total - leftOut}; unless they are runs that diverged or did not finish, check that the file and its columns are the ones meant`;
}
