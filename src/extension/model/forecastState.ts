// Per-panel state of the schedule-aware forecast: the schedule spec typed for the run, a prior (a
// law fitted on finished sibling runs), a what-if cooldown and a target loss — and the latest
// forecast of the selected curve, refitted when its data or any of these change. The forecast
// itself runs where the host says (the fit worker), injected as `run`. No vscode.
import { guessFit, scheduleOfLog, parseScheduleFit, parseSchedule, formatSchedule, type ScheduleFit, type ScheduleGuess } from '../../core/schedule/index';
import type { ForecastJobOptions, ForecastOutcome, ForecastJobData, WhatIf } from '../forecastJob';
import type { CancelToken } from '../session';
import type { ForecastInput } from './forecastInput';
import type { ConfigSchedule } from '../../ingest/model/configSchedule';
import { formatAmount, formatAskedLoss } from '../../core/units';

export type ForecastFn = (data: ForecastJobData, options: ForecastJobOptions, token?: CancelToken) => Promise<ForecastOutcome>;

export interface ForecastContext {
  /** The selected curve's input; undefined when there is none or it has no step axis. */
  readonly input: ForecastInput | undefined;
  /** scalingLens.targetLoss, used when no target was set on the panel. */
  readonly settingTargetLoss?: number;
  readonly bootstrap: number;
  /** scalingLens.fitWarmup: the forecast fits the LR warmup's losses too. */
  readonly keepWarmup?: boolean;
  /** scalingLens.warnBelowProbability: the view flags a P(final < target) under it (the early warning). */
  readonly warnBelow?: number;
  /** The curve's y rises (an accuracy, a score): the schedule laws, laws of a loss, do not forecast it. */
  readonly rises?: true;
}

export interface ForecastLanded {
  readonly key: string;
  readonly curveId: string;
  readonly outcome: ForecastOutcome;
  readonly options: ForecastJobOptions;
  /** Last logged step of the data it was fitted on. */
  readonly fittedTo: number;
}

export const SCHEDULE_HINT = 'A learning-rate schedule makes this forecast schedule-aware: Set Learning-Rate Schedule…';

/** With a logged LR but no spec: the log says η only up to now, the spec says it to the end. */
export function loggedLrHint(key: string, guess?: ScheduleGuess): string {
  if (guess?.ok) {
    return `This log's learning rate (${key}) follows ${guess.text} so far (${guessFit(guess)}). It is in the field below: check it, then Set schedule to forecast the run to its end at step ${formatAmount(guess.spec.total)}.`;
  }
  if (!guess) return `This log has a learning rate (${key}), known only up to the last logged step: the rest of its schedule makes the forecast run to the end of training: Set Learning-Rate Schedule…`;
  const shown = guess.template !== undefined ? ` (what the log shows: ${guess.template})` : '';
  return `This log's learning rate (${key}) gives no schedule to follow: ${guess.why}. Type the run's planned schedule in the field below${shown}, then Set schedule to forecast the run to the end of training.`;
}

/**
 * A run logged to its planned end (an HF trainer_state.json whose global_step is max_steps): no
 * step is ahead to forecast, so the block gives the final loss as logged; undefined while the run
 * has steps ahead (or no end is known).
 */
export function endedHint(input: Pick<ForecastInput, 'lastStep' | 'lastLoss'>, end: number | undefined): string | undefined {
  if (end === undefined || !(input.lastStep >= end)) return undefined;
  return `This run has logged its planned end, step ${formatAmount(end)}: its final loss as logged is ${formatAskedLoss(Number(input.lastLoss.toPrecision(4)))} (step ${formatAmount(input.lastStep)}). There is no step ahead to forecast.`;
}

/**
 * The share of its schedule a run must have logged before the panel follows its config's schedule
 * unasked: half, where forecasts to the end were measured (bench/schedule.bench.ts, half-run table:
 * mean error 0.55–0.59% without a prior, the power law in steps 2.5–3.0%). Earlier, from the run
 * alone, they can be far off (25M cosine_24000 from its first 20%: −42%), so the schedule is offered.
 */
export const FOLLOW_CONFIG_FROM = 0.5;

/** Whether the run has logged too little of its schedule for the panel to follow its config's schedule unasked. */
export function configTooEarly(input: Pick<ForecastInput, 'lastStep'>, total: number): boolean {
  return input.lastStep < FOLLOW_CONFIG_FROM * total;
}

/** The run's config states its whole schedule: a plan, so the forecast can follow it before any decay is logged. */
export function configScheduleHint(s: Extract<ConfigSchedule, { ok: true }>, input?: Pick<ForecastInput, 'lastStep'>): string {
  const early = input && configTooEarly(input, s.spec.total) ? ` The forecast follows it by itself from step ${formatAmount(Math.ceil(FOLLOW_CONFIG_FROM * s.spec.total))} (half the run) on: from less of the run alone it can be far off (now at step ${formatAmount(input.lastStep)}).` : '';
  return `This run's config states its learning-rate schedule, ${s.text} (${s.from}).${early} It is in the field below: check it, then Set schedule to forecast the run to its end at step ${formatAmount(s.spec.total)}.`;
}

/** Bootstrap resamples of the forecast's band (a prior's level refit is cheap; see forecastRun). */
export const FORECAST_BOOTSTRAP = 100;

/** The schedule a forecast follows: the one typed, else the run's config's (the run's own plan). */
export interface SpecInForce {
  readonly text: string;
  /** Where it came from when not typed: the config keys ("lr_scheduler_type cosine, …"). */
  readonly fromConfig?: string;
}

export class ForecastState {
  private specText: string | undefined;
  private specErr: string | undefined;
  /** The user cleared the schedule: the config's is offered again, not followed. */
  private configOff = false;
  private priorFit: { readonly fit: ScheduleFit; readonly label: string } | undefined;
  private cooldown: WhatIf | undefined;
  private target: number | undefined;
  /** Where the panel's target came from (a reference run's name), when not typed. */
  private targetSource: string | undefined;
  private landed: ForecastLanded | undefined;
  private failed: { readonly key: string; readonly message: string } | undefined;
  /** Seconds the last forecast took in the worker (what-if included). */
  lastSeconds: number | undefined;
  /** Refits started, and the one whose outcome is shown: an older refit landing late never replaces a newer one. */
  private started = 0;
  private shownSeq = 0;

  /** The last schedule guess, keyed by the LR log it was read from (a live log re-renders often). */
  private guessed: { readonly key: string; readonly guess: ScheduleGuess | undefined } | undefined;

  constructor(private readonly run: ForecastFn | undefined) {}

  /** What the logged LR says about the planned schedule; re-read only when the LR log changed. */
  scheduleGuess(lr: { readonly steps: Float64Array; readonly lr: Float64Array }, planned?: number): ScheduleGuess | undefined {
    const n = lr.steps.length;
    const key = `${n}|${lr.steps[0]}|${lr.steps[n - 1]}|${lr.lr[n - 1]}|${planned}`;
    if (this.guessed?.key !== key) this.guessed = { key, guess: scheduleOfLog(lr, planned) };
    return this.guessed.guess;
  }

  get spec(): string | undefined {
    return this.specText;
  }

  /** The step the schedule set on the panel ends at (its total), when one is set. */
  get specTotal(): number | undefined {
    if (this.specText === undefined) return undefined;
    try {
      return parseSchedule(this.specText).total;
    } catch {
      return undefined;
    }
  }

  get specError(): string | undefined {
    return this.specErr;
  }

  get prior(): { readonly fit: ScheduleFit; readonly label: string } | undefined {
    return this.priorFit;
  }

  get whatIf(): WhatIf | undefined {
    return this.cooldown;
  }

  get targetLoss(): number | undefined {
    return this.target;
  }

  get targetFrom(): string | undefined {
    return this.target !== undefined ? this.targetSource : undefined;
  }

  /**
   * Sets the schedule spec ('' or undefined clears it). A spec that does not parse is not applied
   * (the previous one stays in force); its one-line error is returned and shown by the field.
   */
  setSchedule(spec: string | undefined): string | undefined {
    const text = spec?.trim() ?? '';
    if (text === '') {
      this.specText = undefined;
      this.specErr = undefined;
      this.configOff = true;
      return undefined;
    }
    try {
      this.specText = formatSchedule(parseSchedule(text));
      this.specErr = undefined;
      this.configOff = false;
    } catch (err) {
      this.specErr = err instanceof Error ? err.message : String(err);
    }
    return this.specErr;
  }

  /** Sets the prior (checked as parseScheduleFit checks FIT.json), or clears it. */
  setPrior(fit: ScheduleFit | undefined, label = 'prior'): void {
    this.priorFit = fit ? { fit: parseScheduleFit(fit, label), label } : undefined;
  }

  setWhatIf(cooldown: WhatIf | undefined): void {
    if (cooldown) {
      if (cooldown.at !== 'now' && !(Number.isInteger(cooldown.at) && cooldown.at >= 1)) throw new Error(`cooldown step must be a whole number ≥ 1 or "now"; got ${cooldown.at}`);
      if (!(Number.isInteger(cooldown.over) && cooldown.over >= 1)) throw new Error(`cooldown length must be a whole number of steps ≥ 1; got ${cooldown.over}`);
    }
    this.cooldown = cooldown;
  }

  /**
   * The panel's target loss (overrides scalingLens.targetLoss); undefined returns to the setting.
   * `from` names where it came from (the reference run whose final loss it is).
   */
  setTargetLoss(loss: number | undefined, from?: string): void {
    if (loss !== undefined && !(Number.isFinite(loss) && loss > 0)) throw new Error(`target loss must be a number > 0; got ${loss}`);
    this.target = loss;
    this.targetSource = loss !== undefined ? from : undefined;
  }

  /** Whether the user cleared the schedule, so the config's is not followed (saved with the panel). */
  get configDeclined(): boolean {
    return this.configOff;
  }

  declineConfig(): void {
    this.configOff = true;
  }

  /**
   * The schedule in force for the selected curve: the one typed, else the one its config states in
   * full (as `scaling-lens forecast` follows it), unless the user cleared it.
   */
  specFor(ctx: ForecastContext): SpecInForce | undefined {
    if (this.specText !== undefined) return { text: this.specText };
    const planned = ctx.input?.configSchedule;
    return planned?.ok && !this.configOff && !configTooEarly(ctx.input!, planned.spec.total) ? { text: planned.text, fromConfig: planned.from } : undefined;
  }

  /**
   * True when a forecast can be asked for: a schedule in force (the logged LR, when there is one,
   * only covers the steps run so far; it is used for them and checked against the spec).
   */
  wanted(ctx: ForecastContext): boolean {
    return this.run !== undefined && ctx.input !== undefined && !ctx.rises && this.specFor(ctx) !== undefined;
  }

  optionsFor(ctx: ForecastContext): ForecastJobOptions {
    const targetLoss = this.target ?? ctx.settingTargetLoss;
    const spec = this.specFor(ctx)?.text;
    return {
      ...(spec !== undefined ? { spec } : {}),
      ...(this.priorFit ? { prior: this.priorFit.fit } : {}),
      ...(this.cooldown ? { cooldown: this.cooldown } : {}),
      ...(targetLoss !== undefined ? { targetLoss } : {}),
      bootstrap: ctx.bootstrap,
      seed: 1,
      ...(ctx.keepWarmup ? { keepWarmup: true } : {}),
    };
  }

  /** What the current forecast depends on: the data's extent and every option. */
  keyOf(ctx: ForecastContext): string | undefined {
    const i = ctx.input;
    if (!i || !this.wanted(ctx)) return undefined;
    return JSON.stringify([i.curveId, i.lr?.key ?? null, i.signature, this.optionsFor(ctx)]);
  }

  needsRefit(ctx: ForecastContext): boolean {
    const key = this.keyOf(ctx);
    return key !== undefined && this.landed?.key !== key && this.failed?.key !== key;
  }

  /** Forecasts the current data unless its forecast is already shown; errors become a one-line message. */
  async refit(ctx: ForecastContext, token?: CancelToken): Promise<void> {
    const key = this.keyOf(ctx);
    const input = ctx.input;
    if (key === undefined || !input || !this.run || !this.needsRefit(ctx)) return;
    const options = this.optionsFor(ctx);
    const data: ForecastJobData = {
      steps: input.steps.slice(),
      loss: input.loss.slice(),
      ...(input.lr ? { lrSteps: input.lr.steps.slice(), lr: input.lr.lr.slice() } : {}),
    };
    const seq = ++this.started;
    try {
      const outcome = await this.run(data, options, token);
      if (seq < this.shownSeq) return;
      this.shownSeq = seq;
      this.landed = { key, curveId: input.curveId, outcome, options, fittedTo: input.lastStep };
      this.failed = undefined;
      this.lastSeconds = outcome.seconds;
    } catch (err) {
      if (token?.isCancellationRequested || (err instanceof Error && err.name === 'CancelledError')) throw err;
      if (seq < this.shownSeq) return;
      this.shownSeq = seq;
      this.failed = { key, message: err instanceof Error ? err.message : String(err) };
    }
  }

  /** The latest forecast of `curveId` (maybe of older data: compare `key` with keyOf). */
  latest(curveId: string): ForecastLanded | undefined {
    return this.landed?.curveId === curveId ? this.landed : undefined;
  }

  /** The one-line error of the current data's forecast, if it failed. */
  errorFor(ctx: ForecastContext): string | undefined {
    const key = this.keyOf(ctx);
    return key !== undefined && this.failed?.key === key ? this.failed.message : undefined;
  }
}
