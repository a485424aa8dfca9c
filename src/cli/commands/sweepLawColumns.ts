// Which columns of a sweep each surface law reads (named by a flag, else found in the header), and
// what is said when a table lacks one or a flag names a column the law would never see.
import { UsageError, type ParsedArgs } from '../args';
import type { SweepLayout } from '../../ingest/model/sweepTable';

/** What each law reads of a row: the column flags it takes (others are not read), extra columns, and what a row must give. */
interface LawColumns {
  readonly flags: readonly ('n' | 'd' | 'c')[];
  /** The count column a one-count law (and kaplan-ns) needs in the table: its value is not had from C ≈ 6ND alone. */
  readonly own?: 'n' | 'd' | 'c';
  readonly extras: readonly { readonly flag: string; readonly label: string }[];
  readonly needs: readonly string[];
}

const ND: LawColumns = { flags: ['n', 'd', 'c'], extras: [], needs: ['N', 'D'] };

export const LAW_COLUMNS: Readonly<Record<string, LawColumns>> = {
  chinchilla: ND,
  'kaplan-nd': ND,
  'chinchilla-dc': { ...ND, extras: [{ flag: 'u', label: 'U' }], needs: ['N', 'D', 'U'] },
  // one count column named, the others are still found in the header: a row's D and C tell replicates from runs of one N
  'kaplan-n': { flags: ['n'], own: 'n', extras: [], needs: ['N'] },
  'kaplan-d': { flags: ['d'], own: 'd', extras: [], needs: ['D'] },
  // no compute column: C = 6·N·D, as every sweep reader takes a count the table lacks
  'kaplan-c': { flags: ['c', 'n', 'd'], own: 'c', extras: [], needs: ['C'] },
  'kaplan-ns': { flags: ['n'], own: 'n', extras: [{ flag: 's', label: 'S' }], needs: ['N', 'S'] },
};

/** Columns shown in a message: a W&B export has dozens, and the first are what a user scans. */
const COLUMNS_SHOWN = 12;

export function shownColumns(columns: readonly string[]): string {
  const more = columns.length - COLUMNS_SHOWN;
  return `${columns.slice(0, COLUMNS_SHOWN).join(', ')}${more > 0 ? `, … ${more} more` : ''}`;
}

/** Why a law cannot read the table: the first column it needs and lacks, as the flag that would name it. */
export function missingColumn(spec: LawColumns, layout: SweepLayout): { flags: string; what: string } | undefined {
  const { y, n, d, c } = layout;
  const flag = (f: 'y' | 'n' | 'd' | 'c') => ({ flags: `--${f} COL`, what: COUNTED[f] });
  if (y < 0) return flag('y');
  if (spec.own !== undefined) return layout[spec.own] < 0 && !(spec.own === 'c' && computeFromND(layout)) ? flag(spec.own) : undefined;
  if (n < 0 && !(d >= 0 && c >= 0)) return flag('n');
  if (d < 0 && c < 0) return { flags: '--d COL (tokens) or --c COL (compute in FLOPs)', what: `${COUNTED.d} or ${COUNTED.c}` };
  return undefined;
}

/** The column flags of every sweep law; one the law asked for does not read is refused, not passed over. */
const COLUMN_FLAGS = ['n', 'd', 'c', 's', 'u'] as const;

/** `--law chinchilla --s steps`: a column the law would never see is the user's slip (another law's flag), said before fitting. */
export function refuseUnreadColumns(args: ParsedArgs, law: string, spec: LawColumns): void {
  const reads = [...spec.flags, ...spec.extras.map((e) => e.flag)];
  const unread = COLUMN_FLAGS.filter((f) => args.flags.has(f) && !reads.includes(f));
  if (unread.length > 0) throw new UsageError(`--law ${law} does not read ${unread.map((f) => `--${f}`).join(' or ')}: it takes ${[...reads, 'y'].map((f) => `--${f}`).join(', ')}`);
}

/** C is had as 6·N·D: the table has N and D columns and no compute column. */
export const computeFromND = (layout: SweepLayout): boolean => layout.c < 0 && layout.n >= 0 && layout.d >= 0;

/** A table without a column the law needs: a learning curve, say, where a sweep was wanted (allocate --from says so in its own words). */
export class MissingColumnError extends UsageError {
  constructor(
    message: string,
    readonly columns: readonly string[],
    /** What the column would hold: "parameters (params, …)". */
    readonly what: string,
  ) {
    super(message);
  }
}

/** What a column a flag names holds, as a message says the header lacks one. */
const COUNTED = { y: 'the loss (loss, val_loss, eval/loss …, or its bits or perplexity: val_bpb, val_ppl)', n: 'parameters (params, num_parameters, model_size …)', d: 'tokens (tokens, train_tokens …)', c: 'compute (flops, compute …)' } as const;

/** Laws of N and D (x, x2). */
export const ND_LAWS: ReadonlySet<string> = new Set(['chinchilla', 'chinchilla-dc', 'kaplan-nd']);
