// fairseq (and any argparse script that prints its args) logs its whole configuration on one line:
// "Namespace(arch='transformer_lm', lr=[0.0005], max_update=50000, lr_scheduler='inverse_sqrt')".
// Read as key/number pairs it would give a curve of one point per argument; it is the run's config.

const NAME = /^[A-Za-z_]\w*$/;
const MAX_VALUE = 200;

/** A value as the run's metadata keeps it: a number, a one-number list (fairseq's lr=[0.0005]), or
 *  the text without quotes. */
function valueOf(raw: string): string | number | undefined {
  const t = raw.trim();
  if (t.length === 0 || t.length > MAX_VALUE) return undefined;
  const list = /^\[\s*([^,[\]]+?)\s*\]$/.exec(t);
  const one = list ? list[1] : t;
  const n = Number(one);
  if (one.length > 0 && Number.isFinite(n)) return n;
  const quoted = /^(['"])(.*)\1$/.exec(t);
  return quoted ? quoted[2] : t;
}

/** The arguments of the "Namespace(…)" that starts at `from` (just past its '('), in order. */
export function namespaceArgs(line: string, from: number): [string, string | number][] {
  const out: [string, string | number][] = [];
  let depth = 0;
  let quote = '';
  let start = from;
  const take = (end: number): void => {
    const part = line.slice(start, end);
    const eq = part.indexOf('=');
    if (eq > 0) {
      const name = part.slice(0, eq).trim();
      const value = valueOf(part.slice(eq + 1));
      if (NAME.test(name) && value !== undefined) out.push([name, value]);
    }
    start = end + 1;
  };
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ')') {
      if (depth === 0) {
        take(i);
        return out;
      }
      depth--;
    } else if (c === ',' && depth === 0) take(i);
  }
  // a truncated line: the arguments read so far
  take(line.length);
  return out;
}
