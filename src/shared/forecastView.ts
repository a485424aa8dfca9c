// The schedule-aware forecast's payload to the panel and what the panel state keeps of it (protocol.ts).
import type { OwnHistoryFacts } from '../core/schedule/ownHistoryText';

/** One forecast point: the loss at a step with its 95% interval. */
export interface ForecastPointView {
  readonly step: number;
  readonly y: number;
  readonly lo: number;
  readonly hi: number;
}

/** When the run reaches a target loss, and how likely it ends below it. */
export interface ForecastReachView {
  readonly loss: number;
  /** First step (logged or forecast) at or below the target; null when not by the schedule's end. */
  readonly step: number | null;
  /** P(final loss < target) under the forecast's band. */
  readonly probability: number;
  /** Steps from the last logged step to `step` (when it lies ahead). */
  readonly etaSteps?: number;
  /** The same in seconds, from the log's own time column (when it has one). */
  readonly etaSeconds?: number;
}

export interface TargetView {
  readonly loss: number;
  readonly from?: string;
}

/** A schedule-law fit as the panel state carries it (the shape of FIT.json's law and params). */
export interface PriorFitView {
  readonly law: 'mpl' | 'tissue';
  readonly params: Readonly<Record<string, number>>;
}

/** The what-if cooldown set on the panel (saved with the panel state, so a reload keeps it). */
export interface WhatIfView {
  /** The step it starts at, or 'now' (the last logged step, following the run as it grows). */
  readonly at: number | 'now';
  /** Its length in steps. */
  readonly over: number;
  readonly shape: 'linear' | 'exp' | 'cosine' | 'sqrt';
  /** η at its end, when not the default 10% of where it starts. */
  readonly end?: number;
}

/** A what-if schedule's forecast (e.g. cool down now): drawn as a second dashed curve. */
export interface ForecastWhatIfView {
  readonly label: string;
  readonly final: ForecastPointView;
}

/**
 * The forecast back-tested on the run's own log (core/schedule/ownHistory): from step `fromStep`
 * to `toStep` (a `reach`× reach, the asked one `askedReach`×), it missed the logged loss by
 * `missedBy` (signed); or `why` there is no number. One type with the core's, which writes it.
 */
export type ForecastOwnHistoryView = OwnHistoryFacts;

/** The forecast of a fit: law, final loss, target, beside the plain power law in steps. */
export interface ForecastResultView {
  readonly law: 'mpl' | 'tissue';
  /** The law as the user reads it ("LR-annealing law, two memories"; core forecastLawName). */
  readonly lawName: string;
  /** 'prior': level refitted on the run, shape from the prior; 'prefix': the run alone. */
  readonly mode: 'prior' | 'prefix';
  readonly final: ForecastPointView;
  /** The final loss's 95% band spans more than ×2: shown as its band, not as a number (core UNDETERMINED_BAND). */
  readonly undetermined?: boolean;
  readonly reaches?: ForecastReachView;
  readonly powerLaw: { readonly final: ForecastPointView };
  /** The last logged loss (the "held flat" baseline) and its step. */
  readonly lastValue: { readonly step: number; readonly y: number };
  readonly whatIf?: ForecastWhatIfView;
  /** Steps the forecast was fitted on (the last logged step). */
  readonly fittedTo: number;
  /** How far the forecast can be trusted, on the run's own history. */
  readonly ownHistory?: ForecastOwnHistoryView;
}

/**
 * The panel's schedule-aware forecast of the selected curve. Present when the curve has a step
 * axis; `result` once a forecast was computed, else `hint` (no learning rate and no schedule) or
 * `error` (one line: bad spec, LR ≤ 0, restarts, run longer than the schedule …).
 */
export interface ForecastView {
  /** Label of the curve forecast. */
  readonly curve: string;
  /** The schedule spec in use (as typed, or the run's config's). */
  readonly spec?: string;
  /** Where the spec in use came from when not typed ("the run's config (lr_decay_style cosine, …)"). */
  readonly specFrom?: string;
  /** The user cleared the schedule the run's config states: it is offered, not followed (saved). */
  readonly configDeclined?: boolean;
  /** Why the typed spec was rejected (shown under the schedule field). */
  readonly specError?: string;
  /** Label of the prior (a fit of finished sibling runs), when one is set. */
  readonly prior?: string;
  /** The prior's law and parameters (saved with the panel's state, so a reload keeps the prior). */
  readonly priorFit?: PriorFitView;
  /** The panel's own target loss (not the setting's), and the reference run it is the final loss of. */
  readonly target?: TargetView;
  /** The what-if cooldown set (its forecast is `result.whatIf`). */
  readonly cooldown?: WhatIfView;
  /** The logged learning-rate key, when the log has one. */
  readonly lrKey?: string;
  /** The schedule the logged LR follows so far (no spec set yet): the field offers it. */
  readonly suggestedSpec?: string;
  /** Why the logged LR offers no spec (constant so far, a step change …), and a spec with what it
   *  does show (warmup, peak) and "…" where the rest is to be typed. */
  readonly notSuggested?: { readonly why: string; readonly template?: string };
  readonly hint?: string;
  readonly error?: string;
  readonly result?: ForecastResultView;
  /** Notes from the forecast (LR log disagrees with the spec, skipped points, wide band …). */
  readonly warnings: readonly string[];
  /** The shown result is of older data; a refit is on its way. */
  readonly stale?: boolean;
  /** Early warning: P(final < target) fell under the threshold setting. */
  readonly warning?: { readonly probability: number; readonly threshold: number };
}
