// As a watched log grows, auto's back-tests are rerun on more points and its choice of laws can
// change from one refit to the next (on the 18 LR-schedule runs fed row by row: at 14% of refits,
// bench/liveJitter.bench.ts); the headline then moved with no word. A refit that changes auto's
// parts, or moves the headline by more than the earlier interval's half-width, is said on the live
// line for a minute. Not held back: a sticky choice (keep the parts while their back-tests stay
// within 1.5× the new ones') changed parts on 4% of refits but did no better at the run's end
// (mean |ln err| 0.0125 both) and worse on 12 of 18 runs.
// A refit after the user picked other columns, or changed the laws auto may use or the fit's
// settings, is not said: the user made that change and knows it. Pure: the watch passes what the
// panel shows after each refit.
import { RESTART_SHOWN_MS } from './restartNotice';
import { statusNumber } from './statusText';

/** What the panel's headline showed after a law refit. */
export interface AutoShown {
  /** The curve and the target text it answers: a new question is no change to report. */
  readonly curve: string;
  readonly targetText: string;
  /** The headline answered at the set schedule's end while the target field still reads "10x". */
  readonly atScheduleEnd?: boolean;
  /** auto's law id: 'avg(m2+m3+mix)', or one law. */
  readonly law: string;
  /** The x the headline answers at: a relative target ("10x") moves with the data. */
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
  /**
   * What the user asked of auto (the columns, the laws it may choose from, the settings of its
   * back-tests): a refit after they changed it (another y, the estimators setting) is their act, no
   * move of auto's to report.
   */
  readonly asked?: string;
}

/** "m2, m3, mix" for 'avg(m2+m3+mix)'; one law as itself. */
export function autoPartsText(law: string): string {
  const m = /^avg\((.*)\)$/.exec(law);
  return m ? m[1]!.split('+').join(', ') : law;
}

/**
 * The question the headline answers: the typed target, or the set schedule's end, which the
 * headline takes while the field still reads the default "10x" (a watched HF run showed
 * "10x 3.111 → 3.016" for a headline at the schedule's end).
 */
const questionOf = (s: AutoShown): string => (s.atScheduleEnd ? "the schedule's end" : s.targetText);

const choiceText = (law: string): string => (law.startsWith('avg(') ? `averages ${autoPartsText(law)}` : `uses ${law}`);

/**
 * What to say of the step from `before` to `now`, if anything: "auto now averages m2, m3, loglin
 * (was m2, m3, mix): 10x 3.341 → 3.207", or, the parts kept and the target's x the same, "auto's
 * 10x moved 3.341 → 3.207, past the ±0.216 of its interval".
 */
export function autoChangeText(before: AutoShown | undefined, now: AutoShown): string | undefined {
  if (!before || before.curve !== now.curve || questionOf(before) !== questionOf(now) || before.asked !== now.asked) return undefined;
  const values = `${statusNumber(before.y)} → ${statusNumber(now.y)}`;
  if (before.law !== now.law) return `auto now ${choiceText(now.law)} (was ${autoPartsText(before.law)}): ${now.atScheduleEnd ? 'at end' : now.targetText} ${values}`;
  // a relative target moved with the data: a value at another x is no move of the headline's own
  if (now.x !== before.x) return undefined;
  const half = before.lo !== undefined && before.hi !== undefined ? (before.hi - before.lo) / 2 : undefined;
  if (half !== undefined && half > 0 && Math.abs(now.y - before.y) > half) return `auto's ${now.atScheduleEnd ? 'value at end' : now.targetText} moved ${values}, past the ±${statusNumber(half)} of its interval`;
  return undefined;
}

/**
 * The headline after each law refit, and the change said for a minute (as long as a restart's
 * notice, beside it rather than instead of it).
 */
export class AutoChangeWatch {
  private last: AutoShown | undefined;
  private said: { readonly text: string; readonly at: number } | undefined;

  /** Takes the headline after a refit at `now` (undefined: none shown); true when a change is said from now. */
  take(shown: AutoShown | undefined, now: number): boolean {
    if (!shown) return false;
    const text = autoChangeText(this.last, shown);
    this.last = shown;
    if (text) this.said = { text, at: now };
    return text !== undefined;
  }

  /** The log's points were replaced (a rewrite, a resumed run) or another series followed: the next fit is no step from the last. */
  forget(): void {
    this.last = undefined;
  }

  /** The change while it is fresh, else undefined. */
  text(now: number): string | undefined {
    return this.said && now - this.said.at < RESTART_SHOWN_MS ? this.said.text : undefined;
  }
}
