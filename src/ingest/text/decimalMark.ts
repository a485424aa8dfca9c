// Which decimal mark a table writes its numbers with, told from its first row that holds a decimal.
import { decimalMarkOf, type Cells, type DecimalMark } from './cells';

// a comma before exactly three digits: 1234 to a writer that groups thousands, 1.234 to one of commas
const MAY_GROUP = /^\s*[+-]?[1-9]\d{0,2},\d{3}\s*$/;
// thousands grouped for certain: several groups, or a group and a decimal point ("1,234.5")
const GROUPED = /^\s*[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?\s*$/;

export interface MarkDecision {
  readonly mark: DecimalMark;
  /** What to warn of: which mark the table is read with, when it is not the usual '.', or why not. */
  readonly message?: string;
}

/**
 * The decimal mark of a table whose first row holding a decimal number is `cells`, or undefined
 * when the row holds none. ',' when every decimal in the row is written with a comma ("3,412",
 * "1,5e7"), '.' otherwise. `tabs`: a TSV, which may come from a locale that groups thousands with
 * commas, so only a comma that cannot group ("0,25", "3,41", "1,5e7") counts for ','; a grouped
 * number ("1,234.5", "1,234,567") counts for '.', and a row whose commas all may group ("1,234")
 * leaves commas unread, saying why.
 */
export function decimalMarkIn(cells: Cells, tabs: boolean): MarkDecision | undefined {
  let comma: string | undefined;
  let mayGroup: string | undefined;
  let point = false;
  for (let i = 0; i < cells.length; i++) {
    const text = cells.str(i);
    if (text.indexOf(',') < 0 && text.indexOf('.') < 0) continue;
    const mark = decimalMarkOf(text);
    if (mark === ',') {
      if (tabs && MAY_GROUP.test(text)) mayGroup ??= text.trim();
      else comma ??= text.trim();
    } else if (mark === '.' || (tabs && GROUPED.test(text))) point = true;
  }
  if (point) return { mark: '.' };
  if (comma !== undefined) return { mark: ',', message: `read with decimal commas ("${comma.slice(0, 40)}" is ${Number(comma.replace(',', '.'))})` };
  if (mayGroup === undefined) return undefined;
  const [grouped, decimal] = [Number(mayGroup.replace(',', '')), Number(mayGroup.replace(',', '.'))];
  return { mark: '.', message: `numbers with a comma not read: "${mayGroup}", in the first row with one, may be ${grouped} (a thousands comma) or ${decimal} (a decimal comma)` };
}
