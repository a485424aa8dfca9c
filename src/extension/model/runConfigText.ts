// One line naming what a run was configured with (its hparams.yaml, W&B config, MLflow params,
// or the facts its log records), for the curve picker and the panel header: which curve is the
// 12-layer one is otherwise not on screen.
import type { RunData } from '../../ingest/model/model';
import { isSizeSweep } from '../../ingest/model/sizeSweep';
import { leafKey } from '../../ingest/model/runConfig';

/** What tells runs of a sweep apart, first: size, then how long and how fast it trains. */
const FIRST = ['n_params', 'num_params', 'num_parameters', 'model_size', 'arch', 'n_layer', 'n_layers', 'num_layers', 'num_hidden_layers', 'n_embd', 'd_model', 'hidden_size', 'n_head', 'num_attention_heads', 'max_steps', 'max_iters', 'train_iters', 'max_update', 'total_steps', 'step_total', 'iteration_total', 'num_train_epochs', 'tokens_per_step', 'learning_rate', 'lr', 'warmup_steps', 'warmup_updates', 'batch_size', 'global_batch_size', 'per_device_train_batch_size', 'gradient_accumulation_steps', 'lr_scheduler_type', 'lr_decay_style', 'lr_scheduler'];
const RANK = new Map(FIRST.map((k, i) => [k, i]));
/** Reading bookkeeping kept in meta that says nothing of the run. */
const INTERNAL = new Set(['splitFolder', 'purge_step', 'run_id', 'tokens_from']);
const SHOWN = 8;

function valueText(v: string | number): string {
  if (typeof v !== 'number') return v;
  // a count exactly (1048576, not 1048580); a rate without float dust
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e-3 ? String(Number(v.toPrecision(6))) : v.toExponential(2).replace(/\.?0+e/, 'e');
}

/** "n_layer 6 · n_embd 384 · lr 3e-4 … (+5 more)", or undefined when the run records nothing. */
export function runConfigLine(run: RunData | undefined): string | undefined {
  if (!run?.meta || isSizeSweep(run)) return undefined;
  // what the run's name already says (the RNSL benchmark's domain/task/model) is not repeated
  const named = new Set(run.name.split('/'));
  // a log's "iteration 10/ 500000" repeats its config's train_iters 500000: said once
  const repeatsConfig = (k: string, v: string | number) => k.endsWith('_total') && Object.entries(run.meta!).some(([o, w]) => o !== k && w === v);
  const entries = Object.entries(run.meta).filter(([k, v]) => !INTERNAL.has(k) && !named.has(String(v)) && !repeatsConfig(k, v));
  if (entries.length === 0) return undefined;
  // a stable sort: the known keys in FIRST's order, then the rest as the config wrote them
  entries.sort(([a], [b]) => (RANK.get(leafKey(a)) ?? FIRST.length) - (RANK.get(leafKey(b)) ?? FIRST.length));
  const shown = entries.slice(0, SHOWN).map(([k, v]) => `${k} ${valueText(v)}`).join(' · ');
  return entries.length > SHOWN ? `${shown} (+${entries.length - SHOWN} more)` : shown;
}
