// Follows a log file or a folder of runs and reports the whole source each time it changes.
// fs.watch events are only wake-up hints (debounced); a stat poll every pollMs is the truth, so
// network drives and exhausted inotify still work. New runs in a folder appear on rescans.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { assembleSource, type DecodedFile, type FilePlacement } from '../model/assemble';
import type { Format } from '../model/decoder';
import { detect, withEncoding } from '../formats/detect';
import { discoverFiles, readHead } from './discover';
import { hfOutputHint } from './hfOutputHint';
import { apartFromEarlier, earlierVersionFiles } from './earlierVersions';
import { configBesideLog } from './configBesideLog';
import { formatById } from '../formats/index';
import type { FormatId, IngestWarning, SourceData } from '../model/model';
import { FileTail, GONE_NOTE } from './tail';
import { fsReason, notReadableKind } from './fileKind';
import { unknownFormatNote } from '../text/sniff';
import { runNameFromPath } from '../model/keys';
import { mlflowRunNameOf } from './mlflowRunMeta';
import { continuedRun, lastStepOf } from '../model/resumedRuns';
import { firstStep } from '../model/hfTensorboard';
import type { RunData } from '../model/model';

export interface WatchOptions {
  /** Stat-poll period (default 1000 ms). */
  readonly pollMs?: number;
  readonly format?: FormatId;
  /** Folder rescan period for new runs (default max(pollMs, 2000) ms). */
  readonly rescanMs?: number;
}

export interface WatchHandle {
  dispose(): void;
  /** Poll now; resolves once the poll (and any update callback) is done. */
  refresh(): Promise<void>;
}

const DEBOUNCE_MS = 50;

/** Polls a file may stay unchanged before it is polled less often (see IDLE_EVERY). */
const IDLE_AFTER = 10;
/** An idle file is polled every this many ticks (its first change brings it back to every tick). */
const IDLE_EVERY = 4;

interface Tracked {
  tail: FileTail;
  placement: FilePlacement;
  /** Consecutive polls without a change. */
  idle: number;
  /** No longer planned (an older HF checkpoint): shown only until its replacement has data. */
  superseded?: boolean;
  /** An earlier version of the watched file's run (earlierVersions.ts): shown only stitched onto it. */
  history?: boolean;
  /** The run read from this path before the file was replaced or rewritten from the start (rotated), kept while the new file may continue it. */
  rotated?: RunData;
}

const MISSING_NOTE = 'cannot read it';

export function watchSource(path: string, onUpdate: (s: SourceData) => void, opts: WatchOptions = {}): WatchHandle {
  const pollMs = Math.max(10, opts.pollMs ?? 1000);
  const rescanMs = opts.rescanMs ?? Math.max(pollMs, 2000);
  const forced: Format | undefined = opts.format ? formatById(opts.format) : undefined;
  const tracked = new Map<string, Tracked>();
  const notes: IngestWarning[] = [];
  let isDir: boolean | undefined;
  let folderTimes: Map<string, number> | undefined;
  let ticks = 0;
  let kindNote: string | undefined;
  /** Why the watched path cannot be read now; undefined while it can. */
  let missing: string | undefined;
  let lastRescan = -Infinity;
  let disposed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let againFull = false;
  let first = true;
  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  if (opts.format && !forced) notes.push({ file: path, message: `unknown format "${opts.format}"` });

  const note = (message: string, file = path): void => {
    if (notes.length >= 20) notes.shift();
    notes.push({ file, message });
  };

  /** True when every folder of the last discovery still has the mtime it had then: no file or
   *  folder was added, removed or renamed, so a rescan (a head read per file) would find nothing. */
  async function foldersUnchanged(): Promise<boolean> {
    if (!folderTimes) return false;
    for (const [dir, mtime] of folderTimes) {
      try {
        if ((await stat(dir)).mtimeMs !== mtime) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  async function rescanFolder(): Promise<boolean> {
    lastRescan = Date.now();
    if (await foldersUnchanged()) return false;
    // folder times taken before listing: a change during the walk shows at the next rescan
    const before = new Map<string, number>();
    for (const dir of folderTimes?.keys() ?? [path]) {
      try {
        before.set(dir, (await stat(dir)).mtimeMs);
      } catch {
        // gone: the walk finds out
      }
    }
    const { files, warnings, folders } = await discoverFiles(path, forced ? { format: forced.id } : {});
    folderTimes = new Map();
    for (const dir of folders) {
      let t = before.get(dir);
      if (t === undefined) {
        try {
          t = (await stat(dir)).mtimeMs;
        } catch {
          continue;
        }
      }
      folderTimes.set(dir, t);
    }
    // each under the file or link it is about (a dangling link, a loop): the folder alone does not say which
    for (const w of warnings) if (!notes.some((n) => n.message === w.message && n.file === w.file)) note(w.message, w.file);
    let changed = false;
    const seen = new Set<string>();
    for (const f of files) {
      seen.add(f.path);
      const t = tracked.get(f.path);
      if (!t) {
        tracked.set(f.path, { tail: new FileTail(f.path, f.format), placement: f.placement, idle: 0 });
        changed = true;
      } else if (JSON.stringify(t.placement) !== JSON.stringify(f.placement)) {
        // a run's config written after its log (or a second run's log beside it) changes its metadata only
        t.placement = f.placement;
        changed = true;
      }
    }
    // files that vanished or were superseded (older HF checkpoints) stop counting — but an old
    // checkpoint stays on screen while the new one is still unreadable (caught mid-write)
    for (const [p, t] of tracked) {
      if (!seen.has(p) && !t.superseded) {
        t.superseded = true;
        changed = true;
      }
    }
    return changed;
  }

  async function trackFile(): Promise<boolean> {
    if (tracked.size > 0) return false;
    const head = await readHead(path);
    if (head.length === 0 && !forced) return false; // wait for content to detect the format
    const format = forced ? withEncoding(forced, head) : detect(path, head);
    if (!format) {
      if (!notes.some((n) => n.message.startsWith('unknown format'))) note(unknownFormatNote(head));
      return false;
    }
    // an MLflow database names its own runs, as readSource shows them; a metric file's run is named in its meta.yaml
    const runName = format.id === 'mlflow-sqlite' ? '' : ((format.id === 'mlflow' ? await mlflowRunNameOf(path) : undefined) ?? runNameFromPath(path));
    const config = await configBesideLog(path, format.id);
    for (const w of config.warnings) note(w.message);
    const hint = await hfOutputHint(path, format.id);
    if (hint) note(hint.message);
    for (const p of await earlierVersionFiles(path, format.id)) {
      tracked.set(p, { tail: new FileTail(p, format), placement: { groupId: p, origin: p, runName: runNameFromPath(p) }, idle: 0, history: true });
    }
    tracked.set(path, { tail: new FileTail(path, format), placement: { groupId: path, origin: path, runName, config: config.meta }, idle: 0 });
    return true;
  }

  /** Drops superseded files unless their group's live files have nothing to show yet. */
  function pruneSuperseded(): void {
    const liveWithData = new Set<string>();
    const live = new Set<string>();
    for (const t of tracked.values()) {
      if (t.superseded) continue;
      live.add(t.placement.groupId);
      if (t.tail.runs().length > 0) liveWithData.add(t.placement.groupId);
    }
    for (const [p, t] of tracked) if (t.superseded && (!live.has(t.placement.groupId) || liveWithData.has(t.placement.groupId))) tracked.delete(p);
  }

  /** The file's runs, after the run it held before it was replaced when they carry that run on. */
  function withRotated(p: string, t: Tracked): readonly RunData[] {
    const now = t.tail.runs();
    const old = t.rotated;
    if (!old) return now;
    // nothing in the new file yet (none, or a header or banner alone): what was read stays shown
    if (now.length === 0 || (now.length === 1 && pointCount(now[0]!) === 0)) return [old];
    const joined = now.length === 1 ? continuedRun(old, now[0]!) : undefined;
    if (joined) {
      if (!notes.some((n) => n.file === p && n.message.startsWith('replaced mid-run'))) note(`replaced mid-run (rotated or rewritten) and carried on from step ${firstStepOf(now[0]!)}: the ${pointCount(old)} points read before are kept before the new file's`, p);
      return [joined];
    }
    t.rotated = undefined;
    // a writer that rewrites its whole history (from the same first step on, at least as far) is the same run
    if (now.length === 1 && rewritesHistory(old, now[0]!)) return now;
    const message = `replaced by another run (its first step ${firstStepOf(now[0]!)} does not carry on the ${pointCount(old)} points read before): only the new file is shown`;
    if (!notes.some((n) => n.file === p && n.message === message)) note(message, p);
    return now;
  }

  function snapshot(): SourceData {
    pruneSuperseded();
    const decoded: DecodedFile[] = [];
    for (const [p, t] of tracked) decoded.push({ path: p, format: t.tail.format.id, placement: t.placement, runs: withRotated(p, t), warnings: t.tail.warnings() });
    const fallback = forced?.id ?? decoded[0]?.format ?? 'text';
    const own = apartFromEarlier(assembleSource(decoded, fallback), new Set([...tracked].filter(([, t]) => t.history).map(([p]) => p)));
    // the watched path gone: one note says so, not one more per file that was under it
    const fileNotes = missing !== undefined ? own.warnings.filter((w) => !w.message.startsWith(GONE_NOTE)) : own.warnings;
    return { ...own, warnings: [...notes, ...fileNotes], ...(missing !== undefined ? { missing } : {}) };
  }

  /** Re-stats the watched path: a folder replaced by a file (or the reverse) starts over, and a
   *  FIFO, device or socket is reported, never opened. False when there is nothing to read now. */
  async function checkPath(): Promise<boolean> {
    let st;
    try {
      st = await stat(path);
    } catch (err) {
      missing = fsReason(err);
      // the note's file is the path already: "x.csv: cannot read it: …", not the path twice
      if (first || isDir !== undefined) note(`${MISSING_NOTE}: ${missing}; waiting for it to appear`);
      if (isDir !== undefined) {
        // gone: what was read stays shown; whatever appears there next is discovered afresh
        isDir = undefined;
        folderTimes = undefined;
      }
      return tracked.size > 0;
    }
    if (missing !== undefined) {
      // back: the note of its absence is history, not a warning about what is read now
      missing = undefined;
      for (let i = notes.length - 1; i >= 0; i--) if (notes[i]!.message.startsWith(`${MISSING_NOTE}: `) && notes[i]!.message.endsWith('waiting for it to appear')) notes.splice(i, 1);
    }
    const why = notReadableKind(st);
    if (why) {
      const msg = `it ${why}`;
      if (kindNote !== msg) note(msg);
      kindNote = msg;
      return false;
    }
    kindNote = undefined;
    const dir = st.isDirectory();
    if (isDir !== undefined && dir !== isDir) {
      note(`${path} was a ${isDir ? 'folder' : 'file'} and is now a ${dir ? 'folder' : 'file'}; read afresh`);
      tracked.clear();
      folderTimes = undefined;
      lastRescan = -Infinity;
    }
    isDir = dir;
    return true;
  }

  async function tick(full: boolean): Promise<void> {
    let changed = first;
    const count = tracked.size;
    const wasMissing = missing;
    ticks++;
    try {
      if (await checkPath()) {
        if (isDir === true && Date.now() - lastRescan >= rescanMs) changed = (await rescanFolder()) || changed;
        if (isDir === false) changed = (await trackFile()) || changed;
        for (const t of tracked.values()) {
          if (t.superseded) continue;
          // a file quiet for IDLE_AFTER polls is polled every IDLE_EVERY ticks: an idle store of
          // thousands of files costs a fraction of the stats
          if (!full && t.idle >= IDLE_AFTER && ticks % IDLE_EVERY !== 0) continue;
          const event = await t.tail.poll();
          if (event !== 'none') {
            changed = true;
            t.idle = 0;
            // a file replaced or rewritten from the start: its run so far is kept until the new
            // file shows whether it carries the run on (a rotated log) or starts another
            const before = t.tail.takeReplaced();
            if (before?.length === 1) t.rotated = t.rotated ? (continuedRun(t.rotated, before[0]!) ?? before[0]!) : before[0]!;
          } else t.idle++;
        }
      }
    } catch (err) {
      note(`watch error (will retry): ${(err as Error).message}`);
      changed = true;
    }
    if (tracked.size !== count || missing !== wasMissing) changed = true;
    first = false;
    if (changed && !disposed) onUpdate(snapshot());
  }

  /** `full`: poll every file (an fs event or an explicit refresh); the timer's ticks skip idle ones. */
  function run(full = true): Promise<void> {
    if (disposed) return Promise.resolve();
    if (running) {
      again = true;
      againFull ||= full;
      return running;
    }
    running = (async () => {
      let f = full;
      do {
        again = false;
        await tick(f);
        f = againFull;
        againFull = false;
      } while (again && !disposed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void run(false), pollMs);
  try {
    watcher = fsWatch(path, { persistent: false, recursive: false }, () => {
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => void run(), DEBOUNCE_MS);
    });
    watcher.on('error', () => undefined); // hints only: the poll carries on
  } catch {
    // no fs events here (path missing, network drive): polling alone is enough
  }
  void run();

  return {
    dispose(): void {
      disposed = true;
      clearInterval(timer);
      if (debounce) clearTimeout(debounce);
      watcher?.close();
    },
    refresh: run,
  };
}

function firstStepOf(run: RunData): string {
  const s = firstStep(run);
  return Number.isFinite(s) ? String(s) : '?';
}

function pointCount(run: RunData): number {
  return Math.max(0, ...run.series.map((s) => s.y.length));
}

/**
 * Whether `now` holds `old`'s run rewritten: both have steps, it starts at or before old's first
 * step, reaches at least its last, and logs old's first point as old did.
 */
function rewritesHistory(old: RunData, now: RunData): boolean {
  const [f0, f1, l0, l1] = [firstStep(old), firstStep(now), lastStepOf(old), lastStepOf(now)];
  if (![f0, f1, l0, l1].every(Number.isFinite) || !(f1 <= f0 && l1 >= l0)) return false;
  const s0 = old.series[0];
  const s1 = s0 && now.series.find((s) => s.key === s0.key);
  const at = s0?.x.step?.[0];
  if (!s0 || !s1?.x.step || at === undefined) return false;
  const k = s1.x.step.indexOf(at);
  return k >= 0 && s1.y[k] === s0.y[0];
}
