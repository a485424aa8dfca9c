// A quiet suggestion on a sweep table whose rows give N and D: the table fits L(N, D), so Plan
// Compute Budget can split a budget from it, and an IsoFLOP design (several sizes per budget) also
// gets its IsoFLOP profiles there. Pure.
import { MIN_VALLEY_SIZES, isIsoflopDesign, valleyBudgetCount } from '../../core/isoflopBudgets';
import type { SourceData } from '../../ingest/model/model';
import { isSizeSweep } from '../../ingest/model/sizeSweep';
import { isLeftOutNote } from '../../ingest/model/sweepRowNotes';
import type { PanelNotice } from '../../shared/protocol';
import { oneLineDesign } from '../../core/surfaceDesign';
import { surfaceData } from './surface';

const LEFT_OUT = 'Other rows of the file are left out (a loss that is not a number, a run that did not finish): they are named under the warnings at the foot of the panel.';

/** Rows a Chinchilla surface (5 parameters) needs before a plan from them is worth offering. */
const MIN_ROWS = 8;

// the panel asks on every render; a source is a new object on each snapshot of a watched file
const cache = new WeakMap<SourceData, PanelNotice | null>();

export function sweepPlanHint(source: SourceData): PanelNotice | undefined {
  let hint = cache.get(source);
  if (hint === undefined) {
    hint = null;
    // what the plan fits: the file's own rows, not the panel's sweep across sized runs (losses read mid-schedule)
    const data = surfaceData({ ...source, runs: source.runs.filter((r) => !isSizeSweep(r)) });
    // runs along one line of N and D (all at 20 tokens per parameter, one budget) fit no split: nothing to offer
    if (data && data.loss.length >= MIN_ROWS && new Set(data.N).size >= 2 && new Set(data.D).size >= 2 && !oneLineDesign(data.N, data.D)) {
      const n = data.loss.length;
      const valleys = valleyBudgetCount(data);
      const text = isIsoflopDesign(data)
        ? `An IsoFLOP sweep: ${valleys} compute budgets of ${MIN_VALLEY_SIZES} or more sizes. Its ${n} rows fit L(N, D), and each budget's lowest loss places its best size (IsoFLOP profiles): both split a compute budget between model size and data.`
        : `${n} rows with a model size and a token count: they fit L(N, D), which splits a compute budget between model size and data.`;
      // the rows counted are those kept: say that others were left out, where the warnings are folded away at the panel's foot
      const leftOut = source.format === 'sweep' && source.runs.some((r) => r.notes?.some(isLeftOutNote));
      hint = { text: leftOut ? `${text} ${LEFT_OUT}` : text, action: 'planFromSource', actionLabel: 'Plan from this sweep', hint: true };
    }
    cache.set(source, hint);
  }
  return hint ?? undefined;
}
