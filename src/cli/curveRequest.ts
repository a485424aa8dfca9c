// The options `fit` and `predict` share, read into one request: the table's columns or the log's
// series, the law, the held-out part, the targets and the bootstrap.
import { bootstrapArg, MAX_RESAMPLES, num, one, seedArg, UsageError, type ParsedArgs } from './args';
import { isXKind, SWEEP_GROUP_FLAGS, X_KINDS } from './sourceCurves';
import { didYouMeanText } from './didYouMean';
import { parseFormat } from './formatArg';
import { reachLosses } from './reachLosses';
import type { FormatId } from '../ingest/model/model';
import { getLaw } from '../core/laws/index';
import { ROBUST_MODES, type RobustMode } from '../core/spikes';

export const CURVE_FIT_VALUED = ['x', 'y', 'group', 'law', 'fit-until', 'holdout-frac', 'target', 'at', 'reach', 'bootstrap', 'level', 'seed', 'upper-bound', 'format', 'robust'] as const;
export const CURVE_FIT_BOOLEANS = ['json', 'keep-warmup'] as const;

export interface CurveFitRequest {
  readonly path: string;
  /** A column of a CSV table; for a training log an x kind (default: the best one it has). */
  readonly xCol?: string;
  /** The loss column (required for a CSV table); for a training log, the most loss-like series when absent. */
  readonly yCol?: string;
  readonly groupCols: readonly string[];
  readonly law: string;
  readonly fitUntil?: number;
  readonly holdoutFrac?: number;
  readonly targets: readonly string[];
  /** Losses to find the x of (--reach): where the fitted curve, and its interval, get there. */
  readonly reach?: readonly number[];
  readonly bootstrap: number;
  /** Central coverage of the intervals (default 0.95). */
  readonly level?: number;
  readonly seed: number;
  readonly upperBound?: number;
  /** How loss spikes are handled (core/spikes.ts): 'trim' (default), 'huber', 'trim+huber', 'none'. */
  readonly robust?: RobustMode;
  /** Read the path as this log format (skips detection and the CSV-table reading). */
  readonly format?: FormatId;
  /** Fit a log's LR warmup too (by default the fit starts where its logged LR peaks, or where its config's warmup ends). */
  readonly keepWarmup?: boolean;
}

/** `predict --target` / `fit --at`: the other command's name for the x to predict at, said so (not only "unknown option"). */
export function refuseOtherTargetFlag(argv: readonly string[], own: 'target' | 'at'): void {
  const other = own === 'target' ? 'at' : 'target';
  if (argv.some((a) => a === `--${other}` || a.startsWith(`--${other}=`))) throw new UsageError(`unknown option --${other}: ${own === 'at' ? 'predict' : 'fit'} takes --${own} X for the x to predict at`);
}

/** `defaultBootstrap`: the resamples without --bootstrap (predict's 200; fit's none). */
export function curveRequest(args: ParsedArgs, targetFlag: 'target' | 'at', defaultBootstrap = 0): CurveFitRequest {
  const name = targetFlag === 'at' ? 'predict' : 'fit';
  // `fit runs/*.csv`: the shell's several files are one folder's runs
  if (args.positional.length > 1) throw new UsageError(`${name} takes one PATH, got ${args.positional.length} (${args.positional.slice(0, 3).join(', ')}${args.positional.length > 3 ? ', …' : ''}): for several runs give their folder (--group run fits each)`);
  if (args.positional.length === 0) throw new UsageError(`${name} needs a PATH (a CSV file, a training log or a folder of runs)`);
  const xCol = one(args, 'x');
  const yCol = one(args, 'y');
  const groups = args.flags.get('group') ?? [];
  // run, and a sweep's N / D / step, are groups the log readers know; any other names a table column
  // no --y: a table's column names (Domain, "Seen Examples") or a log's mistyped group or x kind (rn, tokns)
  const column = groups.find((g) => g !== 'run' && !SWEEP_GROUP_FLAGS.has(g));
  if (!yCol && column !== undefined) throw new UsageError(`--y is required with --group "${column}" (a table's column: --y names its loss column); on a training log --group takes run${didYouMeanText(column, ['run', ...SWEEP_GROUP_FLAGS])}, or N / D on a sweep`);
  if (!yCol && xCol !== undefined && !isXKind(xCol)) throw new UsageError(`--y is required with a column --x "${xCol}" (the loss column); on a training log --x is an x kind: ${X_KINDS.join(', ')}${didYouMeanText(xCol, X_KINDS)}`);
  const fitUntil = num(args, 'fit-until');
  const holdoutFrac = num(args, 'holdout-frac');
  if (fitUntil !== undefined && holdoutFrac !== undefined) throw new UsageError('give --fit-until or --holdout-frac, not both');
  if (holdoutFrac !== undefined && !(holdoutFrac >= 0 && holdoutFrac < 1)) throw new UsageError('--holdout-frac must be in [0, 1)');
  const bootstrap = bootstrapArg(args, MAX_RESAMPLES) ?? defaultBootstrap;
  // with no resamples there is no interval for --level to set the coverage of
  if (bootstrap === 0 && args.flags.has('level')) throw new UsageError('--level sets the coverage of the bootstrap intervals: add --bootstrap K (e.g. 200)');
  const level = num(args, 'level') ?? 0.95;
  if (!(level > 0 && level < 1)) throw new UsageError('--level must be between 0 and 1 (e.g. 0.8 or 0.95)');
  const upperBound = num(args, 'upper-bound');
  if (upperBound !== undefined && !(upperBound > 0)) throw new UsageError(`--upper-bound is the metric's maximum, above every loss (1 for an error rate); got ${upperBound}`);
  const law = (one(args, 'law') ?? 'auto').toLowerCase();
  if (law !== 'auto' && law !== 'bnsl') getLaw(law);
  const robust = one(args, 'robust')?.toLowerCase();
  if (robust !== undefined && !ROBUST_MODES.includes(robust as RobustMode)) throw new UsageError(`--robust must be one of ${ROBUST_MODES.join(', ')}`);
  return {
    path: args.positional[0],
    xCol,
    yCol,
    groupCols: groups,
    law,
    fitUntil,
    holdoutFrac,
    targets: args.flags.get(targetFlag) ?? [],
    ...reachArg(args),
    bootstrap,
    level,
    seed: seedArg(args) ?? 1,
    upperBound,
    ...(robust !== undefined ? { robust: robust as RobustMode } : {}),
    format: parseFormat(one(args, 'format')),
    ...(args.switches.has('keep-warmup') ? { keepWarmup: true } : {}),
  };
}

function reachArg(args: ParsedArgs): { reach?: number[] } {
  const texts = args.flags.get('reach');
  return texts?.length ? { reach: reachLosses(texts) } : {};
}
