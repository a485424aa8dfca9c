// A header that names two columns alike (`step,loss,loss`: two runs pasted side by side, a train and
// an eval loss both written "loss") would have its columns merged into one series, their points
// interleaved. Each is kept apart under a name of its own, as pandas names them (`loss`, `loss.1`,
// `loss.2`): not `loss (2)`, which the sweep reader would take for a unit (headerUnit.ts).

export interface ColumnNames {
  /** The header's names, each distinct (blank ones, which no reader takes for a series, as written). */
  readonly names: string[];
  /** What was renamed, for a warning; undefined when every name was distinct. */
  readonly note?: string;
}

export function distinctColumnNames(columns: readonly string[]): ColumnNames {
  const taken = new Set(columns);
  const seen = new Set<string>();
  const renamed: string[] = [];
  const names = columns.map((name) => {
    if (name === '' || !seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = 1;
    while (taken.has(`${name}.${k}`)) k++;
    const other = `${name}.${k}`;
    taken.add(other);
    renamed.push(`"${other}"`);
    return other;
  });
  if (renamed.length === 0) return { names };
  const repeated = [...new Set(columns.filter((c, i) => c !== '' && columns.indexOf(c) !== i))].map((c) => `"${c}"`);
  return { names, note: `the header repeats ${repeated.join(', ')}: kept apart as ${renamed.join(', ')} (as pandas names them), not merged into one series` };
}
