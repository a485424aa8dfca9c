// W&B's own logs in its folders: wandb/debug.log and wandb/debug-internal.log (links to the latest
// run's), and each run's logs/debug*.log. They are the SDK's Python logging ("INFO MainThread:…
// starting backend"), never the run's metrics, which its history holds.
import { basename, dirname } from 'node:path';

const INTERNAL_LOGS = new Set(['debug.log', 'debug-internal.log', 'debug-core.log', 'debug-cli.log']);
/** run-20240101_120000-abc123, offline-run-… */
const RUN_FOLDER = /^(offline-)?run-\d{8}_\d{6}-[a-z0-9]+$/i;

export function isWandbInternalLog(path: string): boolean {
  if (!INTERNAL_LOGS.has(basename(path).toLowerCase())) return false;
  const dir = dirname(path);
  const folder = basename(dir);
  if (folder === 'wandb') return true;
  return folder === 'logs' && RUN_FOLDER.test(basename(dirname(dir)));
}

/** wandb/latest-run: W&B's link to its newest run folder, read under that folder's own name. */
export function isWandbLatestRun(path: string): boolean {
  return basename(path) === 'latest-run' && basename(dirname(path)) === 'wandb';
}
