// Which columns of a sweep table hold N, D, C and the final loss (or, lacking one, bits or a
// perplexity): the names the panel's sweep reader and the CLI's surface fit both look for, in their
// order of preference. Pure.
import { yMetricOf } from '../../core/yMetric';
import { headerUnit } from '../text/headerUnit';
import { xKindOf } from './keys';

// the last few name a model rather than count it: their cells give N only when the name states a
// size ("pythia-1.4b", "125M")
const PARAM_NAMES = ['params', 'n', 'n_params', 'num_params', 'parameters', 'num_parameters', 'n_parameters', 'param_count', 'model size', 'model_size', 'non_embedding_params', 'size', 'model', 'model_name', 'name'];
export const NAMING_COLUMNS = new Set(['size', 'model', 'model_name', 'name']);
const TOKEN_NAMES = ['tokens', 'd', 'n_tokens', 'num_tokens', 'training tokens', 'training_tokens', 'train_tokens', 'total_tokens', 'tokens_seen', 'data'];
const FLOP_NAMES = ['flops', 'c', 'compute', 'training flop', 'training flops', 'training_flops', 'flop'];
// a run table exported from W&B or MLflow names the final loss by its logged key (eval/loss …);
// a held-out loss is preferred over a training one
const LOSS_NAMES = ['loss', 'final_loss', 'val_loss', 'eval_loss', 'test_loss', 'final loss', 'validation_loss', 'valid_loss', 'eval/loss', 'val/loss', 'validation/loss', 'test/loss', 'train_loss', 'train/loss'];

// a run table keeps a run's settings and results under a namespace: W&B's `config/num_parameters`
// and `summary/eval_loss` (`config.n_params` once pandas' json_normalize flattened them), MLflow's
// `params.n_params` and `metrics.val_loss`
const RUN_NAMESPACE = /^(?:config|summary|summary_metrics|params|metrics)[/.](?=.)/i;
// names a namespaced key is not taken for: under a config a letter or a word is seldom the count
// (config/d is often d_model, config/data a dataset's path, config/model its name)
const BARE_ONLY = new Set([...NAMING_COLUMNS, 'n', 'd', 'c', 'u', 'data']);

/** A header without its run-table namespace ("config/num_parameters" → "num_parameters"), or undefined when it has none. */
function withoutNamespace(column: string): string | undefined {
  const m = RUN_NAMESPACE.exec(column);
  return m ? column.slice(m[0].length) : undefined;
}

/**
 * The first of `names` (in their order) that `matches` a column: a plain header before one that
 * matches only without its namespace (`tokens` before `config/tokens`), a name earlier in the
 * order before either (`config/num_parameters` before a `Name` column of run names).
 */
function findColumn(cols: readonly string[], names: readonly string[], matches: (column: string, name: string) => boolean): number {
  for (const n of names) {
    const i = cols.findIndex((c) => matches(c, n));
    if (i >= 0) return i;
    if (BARE_ONLY.has(n)) continue;
    const j = cols.findIndex((c) => {
      const bare = withoutNamespace(c);
      return bare !== undefined && matches(bare, n);
    });
    if (j >= 0) return j;
  }
  return -1;
}

function find(cols: readonly string[], names: readonly string[]): number {
  return findColumn(cols, names, (c, n) => c.toLowerCase() === n);
}

// a run's settings, not its results: W&B's config/ppl_eval_every, MLflow's params.bits
const SETTINGS_NAMESPACE = /^(?:config|params)[/.]/i;
// bits of a loss name what they are per (bpb, bpc, bits_per_byte, bits/token): a bare "bits" or
// "w_bits" column of a quantisation sweep is the weights' width, no loss
const BITS_PER = /(?<![a-z])(?:bpb|bpc|bpd)(?![a-z])|bits?[ _/-]?(?:per|\/)/i;

// the log of a perplexity is the loss in nats (the RNSL benchmark's "log_perplexity"), ending the
// name or before a unit: "log_perplexity_note" is no metric
const LOG_PERPLEXITY = /(?<![a-z])log.?(?:perplexity|ppl)(?![a-z0-9_])/i;

/**
 * A sweep whose runs logged their final loss only as its log-perplexity (the loss in nats, fitted
 * as one), bits (val_bpb, bpc) or a perplexity (val_ppl): that column is its y, fitted as it is and
 * said to be so (core/yMetric.ts surfaceMetricNote), as the surface laws fit it when --y names it.
 * Taken only where no column is named as a loss; an accuracy or a score is no loss and never taken.
 * A held-out metric before a training one (with
 * `trainFirst`, a training one first: a run's series for the schedule laws, whose loss is chosen so,
 * core/schedule/lrKeys.ts), then the log-perplexity, then bits (the loss rescaled, whose surface is
 * the loss's) before a perplexity, then header order. Also the y of a run that logged no series named as a loss
 * (runSeries.ts findLossSeries).
 */
export function lossMetricColumn(cols: readonly string[], trainFirst = false): number {
  let best = -1;
  let bestRank = Infinity;
  cols.forEach((c, i) => {
    if (SETTINGS_NAMESPACE.test(c)) return;
    const kind = LOG_PERPLEXITY.test(c) ? 'loss' : yMetricOf(c)?.kind;
    if (kind !== 'loss' && kind !== 'perplexity' && !(kind === 'bits' && BITS_PER.test(c))) return;
    const rank = (/train/i.test(c) !== trainFirst ? 3 : 0) + (kind === 'loss' ? 0 : kind === 'bits' ? 1 : 2);
    if (rank < bestRank) [best, bestRank] = [i, rank];
  });
  return best;
}

/** The loss column found by `byName`, else a bits or perplexity column (lossMetricColumn). */
function lossColumn(cols: readonly string[], byName: number): number {
  return byName >= 0 ? byName : lossMetricColumn(cols);
}

// the unique tokens a run's data had (Muennighoff et al.'s U_D): what chinchilla-dc fits beside N and D
const UNIQUE_TOKEN_NAMES = ['unique_tokens', 'unique tokens', 'num_unique_tokens', 'n_unique_tokens', 'unique_data', 'u_d', 'u'];

/**
 * The column of unique tokens (unique_tokens, "unique tokens (B)", U …), as the extra column
 * chinchilla-dc reads (the CLI's --u), or undefined: the panel's sweep reader and `fit` / `allocate
 * --from` take it from the header so that chinchilla-dc is compared where the sweep gives it.
 */
export function uniqueTokensColumn(cols: readonly string[]): { readonly flag: 'u'; readonly label: 'U'; readonly name: string } | undefined {
  const i = findColumn(cols, UNIQUE_TOKEN_NAMES, (c, n) => {
    if (c.toLowerCase() === n) return true;
    const unit = headerUnit(c);
    return unit.hasUnit && unit.name.toLowerCase() === n && unit.scale !== undefined;
  });
  return i >= 0 ? { flag: 'u', label: 'U', name: cols[i]! } : undefined;
}

// how a run ended: W&B's State, MLflow's status
const STATE_NAMES = ['state', 'status', 'run_state', 'run_status'];

/** The column that says how each run ended (finished, crashed, running …), or -1. */
export function stateColumn(cols: readonly string[]): number {
  return find(cols.map((c) => c.trim()), STATE_NAMES);
}

export interface SweepColumns {
  params: number;
  tokens: number;
  flops: number;
  loss: number;
}

export function sweepColumns(cols: readonly string[]): SweepColumns {
  return { params: find(cols, PARAM_NAMES), tokens: find(cols, TOKEN_NAMES), flops: find(cols, FLOP_NAMES), loss: lossColumn(cols, find(cols, LOSS_NAMES)) };
}

/** Sweep columns with what a cell of 1 counts in each (a header's unit: "params (M)" is 1e6). */
export interface ScaledSweepColumns extends SweepColumns {
  readonly scale: { readonly params: number; readonly tokens: number; readonly flops: number };
}

/**
 * The table reader's columns: as sweepColumns, a header with a unit ("params (M)", "tokens [B]")
 * matching by its bare name, in the same order of preference (so "params (M)" wins over a "model"
 * column of names). A count whose unit is not a known scale is not taken; a loss's unit never scales.
 */
export function scaledSweepColumns(cols: readonly string[]): ScaledSweepColumns {
  const scale = { params: 1, tokens: 1, flops: 1 };
  const pick = (names: readonly string[], scaled: boolean): number =>
    findColumn(cols, names, (c, n) => {
      if (c.toLowerCase() === n) return true;
      const unit = headerUnit(c);
      return unit.hasUnit && unit.name.toLowerCase() === n && (!scaled || unit.scale !== undefined);
    });
  const count = (kind: 'params' | 'tokens' | 'flops', names: readonly string[]): number => {
    const i = pick(names, true);
    const unit = i >= 0 ? headerUnit(cols[i]!) : undefined;
    if (unit?.hasUnit && unit.scale !== undefined && cols[i]!.toLowerCase() !== unit.name.toLowerCase()) scale[kind] = unit.scale;
    return i;
  };
  return { params: count('params', PARAM_NAMES), tokens: count('tokens', TOKEN_NAMES), flops: count('flops', FLOP_NAMES), loss: lossColumn(cols, pick(LOSS_NAMES, false)), scale };
}

/** A step or epoch column (step, steps, global_step, iteration, epoch …): its rows are points of training curves, not finished runs. */
export function isStepColumn(column: string): boolean {
  const kind = xKindOf(column);
  return kind === 'step' || kind === 'epoch';
}
