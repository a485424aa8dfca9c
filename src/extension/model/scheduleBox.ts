// What Set Learning-Rate Schedule's input box says and holds: the spec in force, else the one the
// run's config or logged LR gives, else why the logged LR gives none (a constant LR so far) with a
// spec of what it does show, "…" where the rest is to be typed. Pure, so its words are tested.
import type { ForecastView } from '../../shared/protocol';

export const SCHEDULE_EXAMPLES = 'cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5 · wsd:warmup=2000,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=linear · constant:warmup=2000,total=24000,peak=3e-4';

const GAP = '…';

export interface ScheduleBox {
  readonly prompt: string;
  readonly value: string;
  /** The first "…" of a template, selected so that typing replaces it. */
  readonly valueSelection?: [number, number];
}

/** The box for a panel whose schedule typed so far is `typed` and whose forecast block is `view`. */
export function scheduleBox(typed: string | undefined, view: ForecastView | undefined): ScheduleBox {
  const suggested = typed === undefined ? view?.spec ?? view?.suggestedSpec : undefined;
  const unread = typed === undefined && suggested === undefined ? view?.notSuggested : undefined;
  const filled = view?.specFrom
    ? ` Filled in: the schedule of ${view.specFrom}.`
    : suggested
      ? ' Filled in: the schedule its logged LR follows so far.'
      : unread
        ? ` Not filled in from the log: ${unread.why}. Type the planned schedule${unread.template ? `: the field has what the log shows (warmup, peak); fill in each ${GAP}` : ''}.`
        : '';
  const value = typed ?? suggested ?? unread?.template ?? '';
  const gap = unread?.template !== undefined ? value.indexOf(GAP) : -1;
  return {
    prompt: `The whole run's schedule (warmup linear from 0); empty clears it.${filled} E.g. ${SCHEDULE_EXAMPLES}`,
    value,
    ...(gap >= 0 ? { valueSelection: [gap, gap + GAP.length] as [number, number] } : {}),
  };
}
