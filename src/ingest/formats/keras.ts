// Keras CSVLogger: header `epoch,<sorted keys>`, one row per epoch, train and val_ keys in the same
// row, `NA` for missing values.
import type { Format } from '../model/decoder';
import { baseName } from '../model/keys';
import { createColumnDecoder, headerColumns } from './csv';

export const kerasFormat: Format = {
  id: 'keras',
  growth: 'append',
  detect(name, head) {
    const cols = headerColumns(head);
    if (cols[0] !== 'epoch' || cols.includes('step')) return 0;
    const base = baseName(name).toLowerCase();
    const lossy = cols.some((c) => c === 'loss' || c.startsWith('val_'));
    if (!lossy) return 0.2;
    return base === 'training.log' || base.endsWith('.csv') || base.endsWith('.log') ? 0.8 : 0.7;
  },
  createDecoder: (origin) => createColumnDecoder(origin, 'keras'),
};
