// A quiet suggestion on a folder whose finished runs of several sizes and lengths make a sweep: their
// final losses fit L(N, D), so Plan Compute Budget can split a budget between N and D from them.
import { formatAmount } from '../../core/units';
import { finalLosses } from '../../ingest/model/finalLosses';
import { FAMILY_META } from '../../ingest/model/sizeSweep';
import type { SourceData } from '../../ingest/model/model';
import type { PanelNotice } from '../../shared/protocol';

// the panel asks on every render; a source is a new object on each snapshot of a watched folder
const cache = new WeakMap<SourceData, PanelNotice | null>();

export function finishedRunsHint(source: SourceData): PanelNotice | undefined {
  let hint = cache.get(source);
  if (hint === undefined) {
    const table = finalLosses(source).runs[0];
    const s = table?.series[0];
    hint = null;
    if (table && s) {
      const sizes = [...new Set(s.x.params)].sort((a, b) => a - b);
      const lengths = new Set(s.x.tokens).size;
      const family = String(table.meta?.[FAMILY_META] ?? '');
      hint = {
        text: `${s.y.length} finished runs of ${family} (${formatAmount(sizes[0]!)} … ${formatAmount(sizes[sizes.length - 1]!)}, ${lengths} lengths): their final losses fit L(N, D), which splits a compute budget between model size and data.`,
        action: 'planFromSource',
        actionLabel: 'Plan from them',
        hint: true,
      };
    }
    cache.set(source, hint);
  }
  return hint ?? undefined;
}
