// scaling-lens watch PATH [--metric KEY] [--law auto] [--target X] [--poll MS] [--format F] [--json]:
// follows a growing log and prints each new point count and the refitted prediction. Ctrl-C stops
// cleanly (exit 0).
import { num, one, parseArgs, UsageError, type ParsedArgs } from '../args';
import { parseTarget } from '../../core/units';
import type { Command } from '../command';
import type { SourceData } from '../../ingest/model/model';
import { watchSource } from '../../ingest/files/watch';
import { parseFormat } from '../formatArg';
import { checkLaws, MIN_FIT_POINTS } from './watchFit';
import { watchReporter } from './watchReport';
import { reachLosses } from '../reachLosses';
import { jsonLine, terminalSafe } from '../terminalText';
import { stat } from 'node:fs/promises';
import { notReadableKind } from '../../ingest/files/fileKind';

export interface WatchRunOptions {
  /** Stops the watch (Ctrl-C does the same). */
  readonly signal?: AbortSignal;
  readonly print?: (line: string) => void;
  readonly printErr?: (line: string) => void;
}

/** The longest poll period: a day, well inside the 2^31 − 1 ms a Node timer can wait. */
const MAX_POLL_MS = 86_400_000;

export const WATCH_VALUED = ['metric', 'law', 'target', 'reach', 'poll', 'format'];
export const WATCH_BOOLEANS = ['json'];

/** --poll MS (default 1000): past 2^31 − 1 ms Node's timers fire every 1 ms instead (a TimeoutOverflowWarning and a busy poll). */
export function pollArg(args: ParsedArgs): number {
  const pollMs = num(args, 'poll') ?? 1000;
  if (!(pollMs >= 10 && pollMs <= MAX_POLL_MS)) throw new UsageError(`--poll must be from 10 to ${MAX_POLL_MS} ms (a day); got "${one(args, 'poll')}"`);
  return pollMs;
}

export async function runWatch(argv: readonly string[], opts: WatchRunOptions = {}): Promise<number> {
  const args = parseArgs(argv, WATCH_VALUED, WATCH_BOOLEANS);
  const json = args.switches.has('json');
  if (args.positional.length !== 1) throw new UsageError('watch takes one PATH (a log file or a folder of runs)');
  const path = args.positional[0];
  const metric = one(args, 'metric');
  const laws = (args.flags.get('law') ?? []).filter((l) => l !== 'auto');
  const targets = args.flags.get('target') ?? [];
  // read as fit reads them; a multiple (10x) is of the data seen at each refit, a unit checked against its x
  for (const t of targets) {
    try {
      parseTarget(t, 1);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  }
  const reach = reachLosses(args.flags.get('reach') ?? []);
  checkLaws(laws);
  const pollMs = pollArg(args);
  const format = parseFormat(one(args, 'format'));
  // every line carries names and keys from the log: escaped before they reach the terminal
  const out = opts.print ?? ((l: string) => console.log(l));
  const err = opts.printErr ?? ((l: string) => console.error(l));
  const print = (l: string): void => out(terminalSafe(l));
  const printErr = (l: string): void => err(terminalSafe(l));
  // --json: stdout is JSON Lines, one event per line (start, warning, switch, refit), for scripts and CI
  const emit = (event: Record<string, unknown>): void => out(jsonLine(event));

  const report = watchReporter({ ...(metric !== undefined ? { metric } : {}), laws, targets, reach, json }, { print, printErr, emit });
  let busy = Promise.resolve();

  const onUpdate = (src: SourceData): void => {
    busy = busy.then(() => report(src)).catch((err: unknown) => printErr(`watch: ${err instanceof Error ? err.message : String(err)}`));
  };

  // a FIFO, device or socket is refused at once (a path that does not exist yet is waited for)
  try {
    const why = notReadableKind(await stat(path));
    if (why) throw new UsageError(`${path} ${why}`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
  }
  return new Promise<number>((resolve) => {
    const handle = watchSource(path, onUpdate, format ? { pollMs, format } : { pollMs });
    if (json) emit({ event: 'start', path, pollMs });
    else print(`watching ${path} (poll ${pollMs} ms; Ctrl-C to stop)`);
    const stop = (): void => {
      handle.dispose();
      process.removeListener('SIGINT', stop);
      opts.signal?.removeEventListener('abort', stop);
      void busy.then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    if (opts.signal?.aborted) stop();
    else opts.signal?.addEventListener('abort', stop, { once: true });
  });
}

export const command: Command = {
  help: [
    'scaling-lens watch PATH [--metric KEY] [--law auto|ID…] [--target X…] [--reach LOSS…] [--poll MS] [--format F] [--json]',
    '  Follow a growing training log (file or folder of runs); print each new point count and the',
    '  refitted prediction at the targets. Ctrl-C stops.',
    `  --metric KEY  series to follow (default: val/eval loss once it has ${MIN_FIT_POINTS} points to fit, else loss)`,
    '  --law ID      laws to fit (default auto: all, back-test picks one)',
    '  --target X    x values to predict at (tokens/steps, whichever the log has; 10x: ten times the data so far)',
    '  --reach LOSS  the x at which the refitted curve reaches that loss (within 1000× the data)',
    '  --poll MS     stat-poll period, 10 ms to a day (default 1000)',
    '  --format F    skip detection (as inspect --format)',
    '  --json        JSON Lines on stdout, one event per line: {"event":"start"}, {"event":"warning",…},',
    '                {"event":"switch","time","run","series","was"} when the followed series changes,',
    '                {"event":"refit","time","run","series","points","added","x","law","auto","backtestRmsle",',
    '                "predictions":[{"x","y","lo","hi"}],"reach":[…],"fittedFrom","warnings"} or with "note" when no fit yet',
  ].join('\n'),
  run: (argv) => runWatch(argv),
};
