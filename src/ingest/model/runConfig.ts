// A run's configuration as its tracker wrote it (Lightning's hparams.yaml, W&B's config.yaml,
// MLflow's params, a Hugging Face model's config.json), flattened into the run's metadata: the
// model size and planned length it states are facts no loss column carries. Pure; the files are
// found and read at the edge (files/runConfigFiles.ts).
import { parseDocument } from 'yaml';

export type RunMeta = Record<string, string | number>;

/** Enough for any real config; a file holding a dataset is cut here (and says so). */
const MAX_KEYS = 300;
const MAX_DEPTH = 4;
const MAX_TEXT = 160;
const MAX_LIST = 8;
/** Tracker bookkeeping that says nothing of the run. */
const SKIPPED_KEYS = new Set(['wandb_version', '_wandb']);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export interface ParsedConfig {
  readonly meta: RunMeta;
  /** Why the file was read only in part, or not at all. */
  readonly problem?: string;
}

function scalar(v: unknown): string | number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  // MLflow keeps every param as text; "3e-4" is a number there as in YAML
  if (NUMBER.test(t)) return Number(t);
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}…` : t;
}

/** W&B writes each entry as {value, desc}: the value is the entry. */
function unwrapped(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const keys = Object.keys(v);
  return keys.includes('value') && keys.every((k) => k === 'value' || k === 'desc') ? (v as { value: unknown }).value : v;
}

/** Nested maps become dotted keys (model.n_layer); short lists of scalars one text value. */
export function flattenConfig(doc: unknown): ParsedConfig {
  const meta: RunMeta = {};
  let count = 0;
  let cut = false;
  const put = (key: string, v: string | number) => {
    if (count >= MAX_KEYS) {
      cut = true;
      return;
    }
    meta[key] = v;
    count++;
  };
  const visit = (prefix: string, raw: unknown, depth: number) => {
    const v = unwrapped(raw);
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) {
      const items = v.map(scalar);
      if (prefix && items.length <= MAX_LIST && items.every((u) => u !== undefined)) put(prefix, `[${items.join(', ')}]`);
      return;
    }
    if (typeof v === 'object') {
      if (depth >= MAX_DEPTH) return;
      for (const [k, u] of Object.entries(v)) {
        if (depth === 0 && SKIPPED_KEYS.has(k)) continue;
        visit(prefix ? `${prefix}.${k}` : k, u, depth + 1);
      }
      return;
    }
    const s = scalar(v);
    if (s !== undefined && prefix) put(prefix, s);
  };
  visit('', doc, 0);
  return cut ? { meta, problem: `only the first ${MAX_KEYS} entries are kept` } : { meta };
}

/** A YAML config (hparams.yaml, config.yaml); Python tags that yaml.dump writes are read as plain values. */
export function parseYamlConfig(text: string): ParsedConfig {
  try {
    const doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent' });
    const error = doc.errors[0];
    if (error) return { meta: {}, problem: `not valid YAML (${error.message.split('\n')[0]})` };
    return flattenConfig(doc.toJS({ maxAliasCount: 50 }));
  } catch (err) {
    return { meta: {}, problem: `not read as YAML (${String((err as Error).message ?? err).split('\n')[0]})` };
  }
}

export function parseJsonConfig(text: string): ParsedConfig {
  try {
    return flattenConfig(JSON.parse(text));
  } catch (err) {
    return { meta: {}, problem: `not valid JSON (${String((err as Error).message ?? err).split('\n')[0]})` };
  }
}

/** The last part of a nested key ("model.n_layer", MLflow's "optim/lr" → "n_layer", "lr"), lower-cased: configs nest the same facts differently. */
export function leafKey(key: string): string {
  return key.slice(Math.max(key.lastIndexOf('.'), key.lastIndexOf('/')) + 1).toLowerCase();
}

/** The first numeric entry whose leaf key is one of `keys` (and whose value `accept`s), with its full key. */
export function numberUnder(
  meta: Readonly<RunMeta> | undefined,
  keys: ReadonlySet<string>,
  accept: (value: number) => boolean = () => true,
): { key: string; value: number } | undefined {
  for (const [key, v] of Object.entries(meta ?? {})) if (typeof v === 'number' && keys.has(leafKey(key)) && accept(v)) return { key, value: v };
  return undefined;
}
