// fairseq ≥ 0.10 logs its Hydra config as one Python dict repr: "{'_name': None, 'common':
// {'log_interval': 100, …}, 'optimization': {'max_update': 50000, 'lr': [0.0005], …},
// 'lr_scheduler': {'_name': 'inverse_sqrt', 'warmup_updates': 4000, …}}". Read as key/number
// pairs it would be a curve of one point per setting; it is the run's config.

const MAX_VALUE = 200;
const MAX_DEPTH = 8;

type Py = string | number | boolean | null | Py[] | { [key: string]: Py };

/** A recursive-descent reader of Python literals (dict, list, tuple, str, int, float, None, True,
 *  False, nan, inf); throws on anything else. */
class Reader {
  i: number;
  constructor(private readonly s: string, from: number) {
    this.i = from;
  }

  private space(): void {
    while (this.s[this.i] === ' ') this.i++;
  }

  value(depth: number): Py {
    if (depth > MAX_DEPTH) throw new Error('too deep');
    this.space();
    const c = this.s[this.i];
    if (c === '{') return this.dict(depth);
    if (c === '[' || c === '(') return this.list(c === '[' ? ']' : ')', depth);
    if (c === "'" || c === '"') return this.string(c);
    const m = /^(None|True|False|[-+]?(?:nan|inf|\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?))/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) throw new Error(`unexpected ${c}`);
    this.i += m[0].length;
    if (m[0] === 'None') return null;
    if (m[0] === 'True' || m[0] === 'False') return m[0] === 'True';
    const t = m[0].replace(/_/g, '');
    return /nan/.test(t) ? NaN : /inf/.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  }

  private string(q: string): string {
    let out = '';
    for (this.i++; this.i < this.s.length; this.i++) {
      const c = this.s[this.i];
      if (c === '\\') out += this.s[++this.i] ?? '';
      else if (c === q) {
        this.i++;
        return out;
      } else out += c;
    }
    throw new Error('unterminated string');
  }

  private list(close: string, depth: number): Py[] {
    const out: Py[] = [];
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === close) {
        this.i++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== close) throw new Error('expected , or close');
    }
  }

  private dict(depth: number): { [key: string]: Py } {
    // no prototype: a '__proto__' key is a key like any other
    const out: { [key: string]: Py } = Object.create(null) as { [key: string]: Py };
    this.i++;
    for (;;) {
      this.space();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      const key = this.value(depth + 1);
      this.space();
      if (this.s[this.i] !== ':') throw new Error('expected :');
      this.i++;
      out[String(key)] = this.value(depth + 1);
      this.space();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') throw new Error('expected , or }');
    }
  }
}

/**
 * The settings of a Hydra config dump starting at `from`, flattened to dotted keys; a group's
 * '_name' names the group itself ('lr_scheduler': 'inverse_sqrt'). A one-number list is that number
 * (fairseq's lr: [0.0005]); None and longer lists are left out. [] when the text is no dict.
 */
export function hydraConfig(line: string, from: number): [string, string | number][] {
  let root: Py;
  try {
    root = new Reader(line, from).value(0);
  } catch {
    return [];
  }
  const out: [string, string | number][] = [];
  const walk = (v: Py, key: string): void => {
    if (Array.isArray(v)) {
      if (v.length === 1 && typeof v[0] === 'number') walk(v[0], key);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) walk(child, k === '_name' ? key : key ? `${key}.${k}` : k);
      return;
    }
    if (!key) return;
    if (typeof v === 'number' && Number.isFinite(v)) out.push([key, v]);
    else if (typeof v === 'boolean') out.push([key, v ? 'true' : 'false']);
    else if (typeof v === 'string' && v.length <= MAX_VALUE) out.push([key, v]);
  };
  walk(root, '');
  return out;
}
