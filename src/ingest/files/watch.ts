// Follows a log file or a folder of runs and reports the whole source each time it changes.
// fs.watch events are only wake-up hints (debounced); a stat poll every pollMs is the truth, so
// network drives and exhausted inotify still work. New runs in a folder appear on rescans.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { assembleSource, type DecodedFile, type FilePlacement } from '../model/assemble';
import type { Format } from '../model/decoder';
import { detect, withEncoding } from '../formats/detect';
import { discoverFiles, readHead } from './discover';
import { formatById } from '../formats/index';
import type { FormatId, IngestWarning, SourceData } from '../model/model';
import { FileTail } from './tail';
import { runNameFromPath } from '../model/keys';

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

interface Tracked {
  tail: FileTail;
  placement: FilePlacement;
  /** No longer planned (an older HF checkpoint): shown only until its replacement has data. */
  superseded?: boolean;
}

export function watchSource(path: string, onUpdate: (s: SourceData) => void, opts: WatchOptions = {}): WatchHandle {
  const pollMs = Math.max(10, opts.pollMs ?? 1000);
  const rescanMs = opts.rescanMs ?? Math.max(pollMs, 2000);
  const forced: Format | undefined = opts.format ? formatById(opts.format) : undefined;
  const tracked = new Map<string, Tracked>();
  const notes: IngestWarning[] = [];
  let isDir: boolean | undefined;
  let lastRescan = -Infinity;
  let disposed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let first = true;
  let debounce: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  if (opts.format && !forced) notes.push({ file: path, message: `unknown format "${opts.format}"` });

  const note = (message: string): void => {
    if (notes.length >= 20) notes.shift();
    notes.push({ file: path, message });
  };

  async function rescanFolder(): Promise<boolean> {
    lastRescan = Date.now();
    const { files, warnings } = await discoverFiles(path, forced ? { format: forced.id } : {});
    for (const w of warnings) if (!notes.some((n) => n.message === w.message)) note(w.message);
    let changed = false;
    const seen = new Set<string>();
    for (const f of files) {
      seen.add(f.path);
      if (!tracked.has(f.path)) {
        tracked.set(f.path, { tail: new FileTail(f.path, f.format), placement: f.placement });
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
      if (!notes.some((n) => n.message.startsWith('unknown format'))) note('unknown format (use --format to choose one)');
      return false;
    }
    // an MLflow database names its own runs, as readSource shows them
    const runName = format.id === 'mlflow-sqlite' ? '' : runNameFromPath(path);
    tracked.set(path, { tail: new FileTail(path, format), placement: { groupId: path, origin: path, runName } });
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

  function snapshot(): SourceData {
    pruneSuperseded();
    const decoded: DecodedFile[] = [];
    for (const [p, t] of tracked) decoded.push({ path: p, format: t.tail.format.id, placement: t.placement, runs: t.tail.runs(), warnings: t.tail.warnings() });
    const fallback = forced?.id ?? decoded[0]?.format ?? 'text';
    const src = assembleSource(decoded, fallback);
    return { ...src, warnings: [...notes, ...src.warnings] };
  }

  async function tick(): Promise<void> {
    let changed = first;
    try {
      if (isDir === undefined) {
        try {
          isDir = (await stat(path)).isDirectory();
        } catch (err) {
          if (first) note(`cannot read ${path}: ${(err as Error).message}; waiting for it to appear`);
        }
      }
      if (isDir === true && Date.now() - lastRescan >= rescanMs) changed = (await rescanFolder()) || changed;
      if (isDir === false) changed = (await trackFile()) || changed;
      for (const t of tracked.values()) {
        if (!t.superseded && (await t.tail.poll()) !== 'none') changed = true;
      }
    } catch (err) {
      note(`watch error (will retry): ${(err as Error).message}`);
      changed = true;
    }
    first = false;
    if (changed && !disposed) onUpdate(snapshot());
  }

  function run(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await tick();
      } while (again && !disposed);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void run(), pollMs);
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
