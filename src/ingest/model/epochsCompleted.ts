// Keras counts epochs from 0 (CSVLogger's `epoch` column, the TensorBoard callback's `epoch_*` step):
// the row at epoch 0 is the result after the first epoch. On log-log axes x must be > 0, so read
// as is the first epoch's result is lost and every point sits one epoch early, which bends a
// power law most where a fit starts. Where the writer is known to be Keras, x is the number of
// epochs completed (epoch + 1), and the axis says so. Other writers' epoch columns are left as
// written: HF's fractional epoch already counts epochs completed, a generic table's may be 1-based.
import type { SeriesData, XKind } from './model';

export const EPOCHS_COMPLETED = 'epochs completed';

/** A 0-based epoch index as the number of epochs completed. */
export const epochsCompleted = (epochIndex: number): number => epochIndex + 1;

/** The label a series set agrees on for its `kind` axis (the series that have that axis), else undefined. */
export function xLabelOf(series: Iterable<SeriesData>, kind: XKind): string | undefined {
  let label: string | undefined;
  let seen = false;
  for (const s of series) {
    if (!s.x[kind]) continue;
    const l = s.xLabels?.[kind];
    if (seen && l !== label) return undefined;
    label = l;
    seen = true;
  }
  return label;
}
