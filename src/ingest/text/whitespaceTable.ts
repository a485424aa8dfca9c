// A table printed as aligned columns, a header of names and then one row of numbers per line
// (fastai's console progress: "epoch     train_loss  valid_loss  accuracy  time" above
// "0         0.512345    0.423456    0.876543  00:12"). Its numbers have no keys on their line, so
// the key/number scanner drops them; the header names them.
import { xKindOf } from '../model/keys';

const NAME = /^[A-Za-z_][\w./-]*$/;
const MAX_COLUMNS = 64;

export class WhitespaceTable {
  private header: string[] | undefined;

  /**
   * Reads a line without key/number pairs: a header (names only, one of them an x axis such as
   * `epoch` or `step`) is remembered until the next; a row under it (as many fields, two or more
   * of them numbers) gives its numbers keyed by the header (words such as "00:12" or "#na#" are
   * left out). Returns whether the line was a row.
   */
  read(line: string, emit: (key: string, value: number) => void): boolean {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2 || fields.length > MAX_COLUMNS) return false;
    if (fields.every((f) => NAME.test(f))) {
      if (fields.some((f) => xKindOf(f) === 'step' || xKindOf(f) === 'epoch')) this.header = fields;
      return false;
    }
    const header = this.header;
    if (!header || fields.length !== header.length) return false;
    const values = fields.map(Number);
    if (values.filter(Number.isFinite).length < 2) return false;
    values.forEach((v, i) => {
      if (Number.isFinite(v)) emit(header[i]!, v);
    });
    return true;
  }
}
