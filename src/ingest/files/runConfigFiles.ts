// Finds and reads the configuration a tracker keeps beside a run's log (read-only, once per read):
// Lightning's hparams.yaml next to metrics.csv or the event files, W&B's config.yaml in the run's
// files/, MLflow's params/ (one file per param), a Hugging Face checkpoint's config.json.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FormatId, IngestWarning } from '../model/model';
import { flattenConfig, parseJsonConfig, parseYamlConfig, type ParsedConfig, type RunMeta } from '../model/runConfig';
import { fsReason } from './fileKind';

/** A config is a few kB; anything far larger beside a log is not one. */
const MAX_CONFIG_BYTES = 1 << 20;
const MAX_PARAMS = 300;
const CONFIG_NAMES = ['hparams.yaml', 'hparams.yml', 'config.yaml', 'config.yml'];

export interface RunConfig {
  readonly meta?: RunMeta;
  /** The file (or MLflow params folder) it came from: a config that several runs' logs sit beside describes none of them. */
  readonly file?: string;
  readonly warnings: IngestWarning[];
}

async function smallText(path: string): Promise<string | undefined> {
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) return undefined;
  if (st.size > MAX_CONFIG_BYTES) throw new Error(`larger than ${MAX_CONFIG_BYTES >> 20} MB; not a config`);
  return readFile(path, 'utf8');
}

/** The first config file of `dir` among `names` that exists, parsed. */
async function firstConfig(dir: string, names: readonly string[], warnings: IngestWarning[]): Promise<{ meta: RunMeta; file: string } | undefined> {
  for (const name of names) {
    const path = join(dir, name);
    let text: string | undefined;
    try {
      text = await smallText(path);
    } catch (err) {
      warnings.push({ file: path, message: `run config not read: ${fsReason(err)}` });
      continue;
    }
    if (text === undefined) continue;
    const parsed: ParsedConfig = name.endsWith('.json') ? parseJsonConfig(text) : parseYamlConfig(text);
    if (parsed.problem) warnings.push({ file: path, message: `run config ${Object.keys(parsed.meta).length ? 'read in part' : 'not read'}: ${parsed.problem}` });
    if (Object.keys(parsed.meta).length > 0) return { meta: parsed.meta, file: path };
  }
  return undefined;
}

/** MLflow's file store: <run>/params/<key> holds the value as text (keys with '/' are sub-folders). */
async function mlflowParams(runDir: string, warnings: IngestWarning[]): Promise<RunMeta | undefined> {
  const root = join(runDir, 'params');
  const meta: Record<string, unknown> = {};
  let count = 0;
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (count >= MAX_PARAMS) return;
      const key = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory() && depth < 3) await walk(join(dir, e.name), key, depth + 1);
      else if (e.isFile()) {
        try {
          const text = await smallText(join(dir, e.name));
          if (text !== undefined) meta[key] = text;
          count++;
        } catch (err) {
          warnings.push({ file: join(dir, e.name), message: `MLflow param not read: ${fsReason(err)}` });
        }
      }
    }
  };
  await walk(root, '', 0);
  if (count === 0) return undefined;
  // params are text; flattening reads the numbers among them
  return flattenConfig(meta).meta;
}

/**
 * The configuration of the run whose log is `logPath` (decoded as `format`); `runDir` is the run's
 * folder when the log sits below it (an MLflow run, a TensorBoard run's train/ folder).
 */
export async function readRunConfig(logPath: string, format: FormatId, runDir?: string): Promise<RunConfig> {
  const warnings: IngestWarning[] = [];
  if (format === 'mlflow') {
    const norm = logPath.replace(/\\/g, '/');
    const at = norm.lastIndexOf('/metrics/');
    const dir = runDir ?? (at >= 0 ? logPath.slice(0, at) : undefined);
    return { meta: dir ? await mlflowParams(dir, warnings) : undefined, file: dir && join(dir, 'params'), warnings };
  }
  if (format === 'mlflow-sqlite' || format === 'rnsl-benchmark' || format === 'sweep') return { warnings };
  const dir = dirname(logPath);
  // in a W&B run's files/ the config is the run's (its history), not its console output.log's
  if (basename(dir) === 'files' && format !== 'wandb' && format !== 'jsonl') return { warnings };
  const dirs = runDir && runDir !== dir ? [dir, runDir] : [dir];
  // a W&B run folder keeps its config in files/; the legacy history file sits in files/ itself
  if (format === 'wandb') dirs.push(join(dir, 'files'));
  const names = format === 'hf-trainer-state' ? ['config.json'] : format === 'wandb' || basename(dir) === 'files' ? ['config.yaml'] : CONFIG_NAMES;
  for (const d of dirs) {
    const found = await firstConfig(d, names, warnings);
    if (found) return { ...found, warnings };
  }
  return { warnings };
}
