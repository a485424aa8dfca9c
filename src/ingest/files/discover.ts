// Finds the log files inside a folder and where each belongs: Lightning version dirs, the newest
// HF checkpoint (with the Trainer's TensorBoard logs beside it), TensorBoard run dirs
// (train/validation sub-folders merge into their parent run), MLflow runs (one series per metric
// file), W&B run dirs, and any other recognisable log.
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { fsReason } from './fileKind';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { FilePlacement } from '../model/assemble';
import type { Format } from '../model/decoder';
import { detectScored, DETECT_HEAD_BYTES } from '../formats/detect';
import { formatById } from '../formats/index';
import { isGenericLogName, splitOfFolder } from '../model/keys';
import { isTensorboardDownload } from '../model/exportColumns';
import { isDeepSpeedSamplesCsv } from '../model/deepspeedSamples';
import type { FormatId, IngestWarning } from '../model/model';
import { readRunConfig, type RunConfig } from './runConfigFiles';
import { chooseTrainerState, type StateCandidate } from './trainerStateChoice';
import { mlflowRunDir, mlflowRunMeta, type MlflowRunMeta } from './mlflowRunMeta';
import { isWandbInternalLog, isWandbLatestRun } from './wandbLayout';
import { looksLikeMetricRecords, METRIC_RECORDS_HEAD_BYTES } from '../text/metricRecordsHead';

export interface PlannedFile {
  readonly path: string;
  readonly format: Format;
  readonly placement: FilePlacement;
}

// .trash: MLflow's file store moves deleted runs and experiments there until `mlflow gc`
const SKIP_DIRS = new Set(['node_modules', '.git', '__pycache__', '.venv', 'venv', 'artifacts', 'params', 'tags', '.ipynb_checkpoints', 'media', 'code', '.trash']);
/** Under an MLflow run's metrics/ a folder is a key's prefix (code/humaneval, params/norm): read. */
const KEY_PREFIX_DIRS = new Set(['artifacts', 'params', 'tags', 'media', 'code']);

/** `parent` is relative to the folder read: a "metrics" above it (a project kept in ~/metrics/) is no run's. */
function skipsFolder(name: string, parent: string): boolean {
  if (!SKIP_DIRS.has(name)) return false;
  return !(KEY_PREFIX_DIRS.has(name) && parent.split(sep).includes('metrics'));
}
const SKIP_EXT = ['.pt', '.pth', '.bin', '.safetensors', '.ckpt', '.pkl', '.pickle', '.npy', '.npz', '.png', '.jpg', '.jpeg', '.gif', '.svg', '.h5', '.hdf5', '.onnx', '.yaml', '.yml', '.md', '.py', '.sh', '.gz', '.zip', '.tar', '.lock', '.model', '.pb', '.html', '.ts', '.js', '.ipynb', '.toml', '.cfg', '.ini', '.parquet', '.arrow', '.whl', '.so'];
/** JSON documents that are logs by their name; any other .json is one only when its first bytes
 *  look like a list of metric records (most are configs, tokenizers, summaries: metricRecordsHead). */
const JSON_LOG_NAMES = new Set(['trainer_state.json', 'metrics.json', 'scalars.json']);
/** requirements.txt, requirements-dev.txt, requirements_gpu.txt, constraints.txt */
const REQUIREMENTS = /^(requirements([-_.][\w.-]*)?|constraints)\.txt$/;
/** Databases are read only when they are MLflow tracking stores (mlflow.db). */
const DB_EXT = ['.db', '.sqlite', '.sqlite3'];
const MAX_FILES = 5000;
const MAX_DEPTH = 8;
/** Below this detection score a file in a folder is not taken for a log. */
const MIN_SCORE = 0.5;

export async function readHead(path: string, bytes = DETECT_HEAD_BYTES): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

interface Walk {
  /** The folder read. */
  readonly root: string;
  readonly out: string[];
  readonly folders: string[];
  readonly warnings: IngestWarning[];
  /** Real paths of the folders entered: a symlink back up the tree is a cycle, not a new folder. */
  readonly seen: Set<string>;
  deepSkipped: number;
}

/** Whether a file of this name may be a log (not a checkpoint, image, script…); a .json is then looked into (mayBeLogFile). */
function mayBeLog(name: string): boolean {
  const lower = name.toLowerCase();
  if (SKIP_EXT.some((x) => lower.endsWith(x))) return false;
  // pip's `name==1.2` lines read as key/value text: a "run" of package versions (W&B keeps one
  // in every run's files/, projects at their root)
  if (REQUIREMENTS.test(lower)) return false;
  return true;
}

/** mmcv's (mmdetection's) `<timestamp>.log.json`: JSON lines, its first an environment record, no list of records. */
const isMmcvJsonLog = (lower: string): boolean => lower.endsWith('.log.json');

/** A .json its name does not vouch for (JSON_LOG_NAMES, TensorBoard's run-<run>-tag-<tag>.json, mmcv's .log.json): only its first bytes tell. */
function needsPeek(lower: string): boolean {
  return lower.endsWith('.json') && !JSON_LOG_NAMES.has(lower) && !isTensorboardDownload(lower) && !isMmcvJsonLog(lower);
}

/**
 * Whether the file at `p` is worth a look for a log: by its name, and a .json its name does not
 * vouch for by its first few KB (a list of metric records, not a config). Decided while walking, so
 * a folder of thousands of configs or annotations does not use up MAX_FILES before the logs.
 */
async function mayBeLogFile(p: string): Promise<boolean> {
  const lower = basename(p).toLowerCase();
  if (!mayBeLog(lower)) return false;
  if (!needsPeek(lower)) return true;
  // unreadable: taken for the config most .json files are, as its name alone once decided
  return looksLikeMetricRecords(await readHead(p, METRIC_RECORDS_HEAD_BYTES).catch(() => new Uint8Array(0)));
}

/** The format of the log at `p`, as a folder's discovery takes it: undefined for anything else. */
async function logFormatOf(p: string): Promise<Format | undefined> {
  const best = detectScored(p, await readHead(p));
  if (!best || best.score < MIN_SCORE) return undefined;
  if (best.format.id !== 'mlflow-sqlite' && DB_EXT.some((x) => p.toLowerCase().endsWith(x))) return undefined;
  return best.format;
}

/**
 * Whether the folder of `path` holds the log of another run (up to `limit` files looked at; more is
 * taken for yes). TensorBoard event files beside an event file are the same run's (a restart).
 */
export async function hasSiblingLogs(path: string, limit = 64): Promise<boolean> {
  const dir = dirname(path);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const self = basename(path);
  const sameRun = (name: string) => self.includes('tfevents') && name.includes('tfevents');
  const others: string[] = [];
  // a .json not known by name is looked into (4 KB each) for at most `limit` of them: a folder of
  // thousands of annotation files is not read through to answer yes or no
  let peeked = 0;
  for (const e of entries) {
    if (!e.isFile() || e.name === self || sameRun(e.name)) continue;
    const p = join(dir, e.name);
    if (needsPeek(e.name.toLowerCase()) && ++peeked > limit) continue;
    if (!(await mayBeLogFile(p))) continue;
    others.push(p);
    if (others.length > limit) return true;
  }
  for (const p of others) if (await logFormatOf(p).catch(() => undefined)) return true;
  return false;
}

async function walk(root: string, depth: number, w: Walk): Promise<void> {
  if (w.out.length >= MAX_FILES) return;
  if (depth > MAX_DEPTH) {
    if (w.deepSkipped++ === 0) w.warnings.push({ file: root, message: `folders deeper than ${MAX_DEPTH} levels are not read (first: this one)` });
    return;
  }
  try {
    const real = await realpath(root);
    if (w.seen.has(real)) {
      if (!isWandbLatestRun(root)) w.warnings.push({ file: root, message: 'symbolic link to a folder already read (a loop or a second path to it); not read again' });
      return;
    }
    w.seen.add(real);
    w.folders.push(root);
  } catch {
    // realpath failed: readdir below reports it
  }
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (err) {
    w.warnings.push({ file: root, message: `cannot list folder: ${fsReason(err)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // links after real entries: an alias of a folder beside it (W&B's wandb/latest-run -> run-<time>-<id>)
  // is then the second path to it, and the run keeps its own folder's name (which W&B resumes match on)
  entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()));
  for (const e of entries) {
    if (w.out.length >= MAX_FILES) {
      w.warnings.push({ file: root, message: `more than ${MAX_FILES} files; the rest are not read` });
      return;
    }
    const p = join(root, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // followed like the file or folder it names (a run symlinked into a sweep folder)
      try {
        const st = await stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch (err) {
        w.warnings.push({ file: p, message: `symbolic link not followed: ${fsReason(err)}` });
        continue;
      }
    }
    if (isDir) {
      if (!skipsFolder(e.name, relative(w.root, root))) await walk(p, depth + 1, w);
    } else if (isFile) {
      if (!isWandbInternalLog(p) && (await mayBeLogFile(p))) w.out.push(p);
    }
    // FIFOs, sockets and devices in a folder are never opened (a FIFO would block the read)
  }
}

/** The step of an HF checkpoint folder's name (checkpoint-500), or undefined for another folder. */
export function isCheckpointDir(name: string): number | undefined {
  const m = /^checkpoint-(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function rel(root: string, p: string): string {
  const r = relative(root, p);
  return r === '' ? basename(p) : r.split(sep).join('/');
}

/** Every log file under `root` with its format and run placement. */
export async function discoverFiles(root: string, opts: { format?: FormatId } = {}): Promise<{ files: PlannedFile[]; warnings: IngestWarning[]; folders: string[] }> {
  const warnings: IngestWarning[] = [];
  const paths: string[] = [];
  const folders: string[] = [];
  const w: Walk = { root, out: paths, folders, warnings, seen: new Set(), deepSkipped: 0 };
  await walk(root, 0, w);
  if (w.deepSkipped > 1) warnings.push({ file: root, message: `${w.deepSkipped} folders deeper than ${MAX_DEPTH} levels were not read` });
  const forced = opts.format ? formatById(opts.format) : undefined;
  const files: PlannedFile[] = [];
  const deletedRuns = new Set<string>();
  const mlflowMetas = new Map<string, Promise<MlflowRunMeta>>();
  const mlflowMeta = (runDir: string): Promise<MlflowRunMeta> => {
    let m = mlflowMetas.get(runDir);
    if (!m) mlflowMetas.set(runDir, (m = mlflowRunMeta(runDir)));
    return m;
  };
  const hfStates = new Map<string, StateCandidate[]>();
  const hfByOutputDir = new Map<string, StateCandidate>();
  for (const p of paths) {
    let format: Format | undefined = forced;
    if (!format) {
      try {
        format = await logFormatOf(p);
      } catch (err) {
        warnings.push({ file: p, message: `cannot read: ${fsReason(err)}` });
        continue;
      }
      if (!format) continue;
    }
    const dir = dirname(p);
    if (format.id === 'mlflow') {
      const runDir = mlflowRunDir(p);
      if (runDir !== undefined && (await mlflowMeta(runDir)).deleted) {
        deletedRuns.add(runDir);
        continue;
      }
    }
    if (format.id === 'hf-trainer-state') {
      // one state per output dir: older checkpoints hold prefixes of its history (trainerStateChoice)
      const ck = isCheckpointDir(basename(dir));
      const outputDir = ck !== undefined ? dirname(dir) : dir;
      let mtime = 0;
      try {
        mtime = (await stat(p)).mtimeMs;
      } catch {
        continue;
      }
      const rank = ck ?? Number.MAX_SAFE_INTEGER;
      const list = hfStates.get(outputDir);
      if (list) list.push({ path: p, rank, mtime });
      else hfStates.set(outputDir, [{ path: p, rank, mtime }]);
      continue;
    }
    files.push({ path: p, format, placement: await placementOf(root, p, format.id, mlflowMeta) });
  }
  if (deletedRuns.size > 0) warnings.push({ file: [...deletedRuns][0]!, message: `${deletedRuns.size} deleted MLflow run(s) skipped (lifecycle_stage: deleted in meta.yaml; the MLflow UI does not list them)` });
  for (const [outputDir, states] of hfStates) hfByOutputDir.set(outputDir, await chooseTrainerState(states));
  for (const [outputDir, { path }] of hfByOutputDir) {
    const format = forced ?? formatById('hf-trainer-state');
    if (format) files.push({ path, format, placement: { groupId: `hf:${outputDir}`, origin: path, runName: rel(root, outputDir) } });
  }
  const once = withoutMmcvTextTwin(withoutLightningTwin(withoutWandbConsole(files, warnings), warnings), warnings);
  return { files: await withConfigs(withHfEventFiles(once, hfByOutputDir, root), warnings), warnings, folders };
}

/**
 * Lightning with both a CSVLogger and a TensorBoardLogger under one save_dir writes one version
 * folder holding metrics.csv and event files, the same metrics twice: the CSV (float64, every
 * row) is read, the event files are not (one note says so).
 */
function withoutLightningTwin(files: PlannedFile[], warnings: IngestWarning[]): PlannedFile[] {
  const csvDirs = new Set(files.filter((f) => f.format.id === 'lightning' && basename(f.path) === 'metrics.csv').map((f) => dirname(f.path)));
  const twins = new Set(files.filter((f) => f.format.id === 'tfevents' && csvDirs.has(dirname(f.path))));
  if (twins.size === 0) return files;
  const runs = new Set([...twins].map((f) => dirname(f.path))).size;
  warnings.push({ file: [...twins][0]!.path, message: `${runs === 1 ? 'a Lightning run folder holds' : `${runs} Lightning run folders hold`} both metrics.csv and TensorBoard event files, the same metrics logged twice: metrics.csv is read` });
  return files.filter((f) => !twins.has(f));
}

/**
 * mmcv (mmdetection) writes each run's log twice, `<timestamp>.log` (text) and
 * `<timestamp>.log.json` (its records as JSON lines): the JSON one is read, the text one would be
 * the same run again under the same name.
 */
function withoutMmcvTextTwin(files: PlannedFile[], warnings: IngestWarning[]): PlannedFile[] {
  const json = new Set(files.filter((f) => f.format.id === 'mmcv-json').map((f) => f.path));
  const twins = new Set(files.filter((f) => f.format.id !== 'mmcv-json' && json.has(`${f.path}.json`)));
  if (twins.size === 0) return files;
  warnings.push({ file: [...twins][0]!.path, message: `${twins.size === 1 ? "an mmcv run's text log is" : `${twins.size} mmcv runs' text logs are`} not read beside its .log.json, which holds the same records` });
  return files.filter((f) => !twins.has(f));
}

/**
 * A W&B run's console capture (files/output.log) is the same run its history holds (the .wandb
 * file, or wandb-history.jsonl), printed: read beside it, it would be that run twice under other
 * names. Kept when no history was found; opened by itself it is read as any log.
 */
function withoutWandbConsole(files: PlannedFile[], warnings: IngestWarning[]): PlannedFile[] {
  const histories = new Set<string>();
  for (const f of files) {
    if (f.format.id === 'wandb') histories.add(join(f.placement.origin, 'files'));
    else if (basename(f.path) === 'wandb-history.jsonl') histories.add(dirname(f.path));
  }
  const consoles = new Set(files.filter((f) => basename(f.path) === 'output.log' && basename(dirname(f.path)) === 'files' && histories.has(dirname(f.path))));
  if (consoles.size === 0) return files;
  // one note for a folder of many runs, not one per run
  const what = consoles.size === 1 ? "the W&B run's console output is" : `${consoles.size} W&B runs' console outputs (files/output.log) are`;
  warnings.push({ file: [...consoles][0]!.path, message: `${what} not read as a run beside the run's history, which holds the same run (open one by itself to read it)` });
  return files.filter((f) => !consoles.has(f));
}

/**
 * The HF Trainer's TensorBoard logs (<output_dir>/runs/… by default, or another logging_dir inside
 * it) join the run of the output dir's trainer_state.json: they are the same run, logged as it goes,
 * while the state lags to the last checkpoint. The innermost output dir holding them takes them.
 */
function withHfEventFiles(files: PlannedFile[], hfByOutputDir: ReadonlyMap<string, { path: string }>, root: string): PlannedFile[] {
  if (hfByOutputDir.size === 0) return files;
  const hfOf = (dir: string): [string, string] | undefined => {
    let best: [string, string] | undefined;
    for (const [outputDir, { path }] of hfByOutputDir) {
      if (dir.startsWith(outputDir + sep) && isCheckpointDir(basename(dir)) === undefined && (!best || outputDir.length > best[0].length)) best = [outputDir, path];
    }
    return best;
  };
  return files.map((f) => {
    const hf = f.format.id === 'tfevents' && !f.placement.split ? hfOf(f.placement.origin) : undefined;
    if (!hf) return f;
    const [outputDir, statePath] = hf;
    const own = { runName: f.placement.runName, origin: f.placement.origin };
    return { ...f, placement: { groupId: `hf:${outputDir}`, origin: statePath, runName: rel(root, outputDir), extendsHistory: own } };
  });
}

/**
 * Each run's config, read once per run (a run may have many event or metric files). A config
 * beside the logs of several runs (one hparams.yaml in a folder of CSVs) describes none of them.
 */
async function withConfigs(files: PlannedFile[], warnings: IngestWarning[]): Promise<PlannedFile[]> {
  const byGroup = new Map<string, RunConfig>();
  const groupsOfFile = new Map<string, Set<string>>();
  for (const f of files) {
    const { groupId, origin } = f.placement;
    // an HF run's config is read beside its trainer_state.json (its event files carry the args)
    if (byGroup.has(groupId) || f.placement.extendsHistory) continue;
    const read = await readRunConfig(f.path, f.format.id, origin !== f.path ? origin : undefined);
    warnings.push(...read.warnings);
    byGroup.set(groupId, read);
    if (read.file) groupsOfFile.set(read.file, (groupsOfFile.get(read.file) ?? new Set()).add(groupId));
  }
  return files.map((f) => {
    const read = byGroup.get(f.placement.groupId);
    const own = read?.meta && read.file && groupsOfFile.get(read.file)!.size === 1;
    return own ? { ...f, placement: { ...f.placement, config: read.meta } } : f;
  });
}


async function placementOf(root: string, p: string, format: FormatId, mlflowMeta: (runDir: string) => Promise<MlflowRunMeta>): Promise<FilePlacement> {
  const dir = dirname(p);
  if (format === 'mlflow') {
    const runDir = mlflowRunDir(p);
    if (runDir !== undefined) return { groupId: `mlflow:${runDir}`, origin: runDir, runName: (await mlflowMeta(runDir)).name };
  }
  // an MLflow database holds many runs and names each itself
  if (format === 'mlflow-sqlite') return { groupId: p, origin: p, runName: '' };
  if (format === 'tfevents' || format === 'wandb') {
    const split = format === 'tfevents' ? splitOfFolder(basename(dir)) : undefined;
    if (split && dir !== root) {
      const parent = dirname(dir);
      return { groupId: `${format}:${parent}`, origin: parent, runName: rel(root, parent), keyPrefix: basename(dir), split };
    }
    return { groupId: `${format}:${dir}`, origin: dir, runName: rel(root, dir) };
  }
  // DeepSpeed's CSV monitor: one file per tag, the job's folder the run
  if (isDeepSpeedSamplesCsv(p) && dir !== root) return { groupId: `deepspeed:${dir}`, origin: dir, runName: rel(root, dir) };
  // one file, one run: its path relative to the root names it
  const r = rel(root, p);
  const base = basename(p);
  const generic = isGenericLogName(base);
  const stem = format === 'mmcv-json' ? r.replace(/\.log\.json$/i, '') : r.replace(/\.[^./]+$/, '');
  const name = generic && dir !== root ? rel(root, dir) : stem;
  return { groupId: p, origin: p, runName: name };
}
