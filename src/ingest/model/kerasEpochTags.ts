// Keras's TensorBoard callback logs each epoch's metrics as `epoch_<metric>` at step = the epoch
// index (0-based, as its CSVLogger counts), beside `batch_<metric>` and
// `evaluation_<metric>_vs_iterations` at the global batch. Read as steps, an epoch tag's points would
// sit at steps 0…9 under batch points at 100…1000; they are epochs, read as epochs completed
// (epochsCompleted.ts) so the first one is not lost on log axes. Keras writes through TF2's
// tf.summary, which names its files `….v2`; PyTorch's SummaryWriter does not, and a PyTorch
// `epoch_loss` may well be logged at the global step, so only TF2 files are read so.
import { EPOCHS_COMPLETED, epochsCompleted } from './epochsCompleted';
import { baseName } from './keys';
import type { SeriesData } from './model';

const EPOCH_TAG = 'epoch_';

/** Whether the event file at `origin` was written by TF2's tf.summary (Keras among its writers). */
export function isTf2EventFile(origin: string): boolean {
  return baseName(origin).endsWith('.v2');
}

/** `s` with its steps as epochs completed when it is a Keras epoch tag; else `s` itself. */
export function withKerasEpochAxis(s: SeriesData): SeriesData {
  const { step, ...others } = s.x;
  if (!s.key.startsWith(EPOCH_TAG) || !step) return s;
  return { ...s, x: { ...others, epoch: step.map(epochsCompleted) }, xLabels: { ...s.xLabels, epoch: EPOCHS_COMPLETED } };
}
