// One line naming what a run was configured with (its hparams.yaml, W&B config, MLflow params,
// or the facts its log records), for the curve picker and the panel header: which curve is the
// 12-layer one is otherwise not on screen.
import type { RunData } from '../../ingest/model/model';
import { isSizeSweep } from '../../ingest/model/sizeSweep';

/** Reading bookkeeping kept in meta that says nothing of the run. */
const INTERNAL = new Set(['splitFolder', 'purge_step', 'run_id']);
const SHOWN = 8;

function valueText(v: string | number): string {
  if (typeof v !== 'number') return v;
  return Number.isInteger(v) || Math.abs(v) >= 1e-3 ? String(Number(v.toPrecision(6))) : v.toExponential(2).replace(/\.?0+e/, 'e');
}

/** "n_layer 6 · n_embd 384 · lr 3e-4 … (+5 more)", or undefined when the run records nothing. */
export function runConfigLine(run: RunData | undefined): string | undefined {
  if (!run?.meta || isSizeSweep(run)) return undefined;
  // what the run's name already says (the RNSL benchmark's domain/task/model) is not repeated
  const named = new Set(run.name.split('/'));
  const entries = Object.entries(run.meta).filter(([k, v]) => !INTERNAL.has(k) && !named.has(String(v)));
  if (entries.length === 0) return undefined;
  const shown = entries.slice(0, SHOWN).map(([k, v]) => `${k} ${valueText(v)}`).join(' · ');
  return entries.length > SHOWN ? `${shown} (+${entries.length - SHOWN} more)` : shown;
}
