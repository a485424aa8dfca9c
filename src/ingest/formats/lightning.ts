// PyTorch Lightning CSVLogger metrics.csv: sorted header with a `step` column, blank cells for keys
// not logged in that row. The header grows by a whole-file rewrite, which the tailer detects.
import type { Format } from '../model/decoder';
import { baseName } from '../model/keys';
import { createColumnDecoder, headerColumns, headerOf } from './csv';

export const lightningFormat: Format = {
  id: 'lightning',
  growth: 'append',
  detect(name, head) {
    const cols = headerColumns(head);
    const hasStep = cols.includes('step');
    const base = baseName(name).toLowerCase();
    if (!hasStep) return 0;
    if (base === 'metrics.csv') return 0.9;
    // blank cells are Lightning's signature: rows carry only the keys logged in that call
    const text = new TextDecoder().decode(head.subarray(0, 4096));
    const blank = text.includes(',,') || /,\r?\n/.test(text);
    return cols.includes('epoch') && blank ? 0.7 : headerOf(head) ? 0.3 : 0;
  },
  createDecoder: (origin) => createColumnDecoder(origin, 'lightning'),
};
