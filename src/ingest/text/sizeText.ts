// A count written as text in a table cell ("125M", "1,3B", "pythia-1.4b"), read under the table's
// decimal mark: countInText reads '.' decimals, and a table of decimal commas writes "1,3B".
import { countInText } from '../../core/units';
import { decimalMarkOf, type DecimalMark } from './cells';

// "1.300" (and "12.345.678"): a thousands group where decimals are commas, as much as a decimal
const POINT_GROUPED = /(?<![\d.])[1-9]\d{0,2}(?:\.\d{3})+(?![\d.])/;
const COMMA_IN_NUMBER = /(\d),(?=\d)/g;

/**
 * The count a cell states as text (countInText) in a table read with decimal mark `mark`
 * (undefined: none decided, so '.'): "1,3B" is 1.3e9 where decimals are commas and unread where they
 * are points ("1,300M" there is 1.3B grouped as much as 1.3M with a comma). A plain decimal of the
 * other mark is not read, as parseMarkedCell does not read it, nor in a table of commas a size whose
 * point may group thousands ("1.300M"); any other point reads there, since a model's name keeps its
 * point in every locale ("pythia-1.4b").
 */
export function countInMarkedText(text: string, mark: DecimalMark | undefined): number | undefined {
  const written = decimalMarkOf(text);
  if (written !== undefined && written !== (mark ?? '.')) return undefined;
  if (mark !== ',') return countInText(text);
  if (POINT_GROUPED.test(text)) return undefined;
  return countInText(text.replace(COMMA_IN_NUMBER, '$1.'));
}
