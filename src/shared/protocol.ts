// The typed protocol between the extension host and the Scaling Lens panel: one union per
// direction. Both sides validate what they receive against it (validate.ts): the host never
// trusts a webview message, the webview never trusts a host message. Pure: no vscode, no DOM.
import type { OwnHistoryFacts } from '../core/schedule/ownHistoryText';

export const PANEL_VIEW_TYPE = 'scalingLens.panel';

// #region data carried to the webview

/** Palette slots: 0 is observed data of a single curve, 1… are estimators or curves, and two named slots. */
export const COLOR_DATA = 0;
export const COLOR_MUTED = 100;
export const COLOR_TARGET = 101;

export interface XY {
  readonly x: number;
  readonly y: number;
}

export interface BandPoint {
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
}

/** What a chart series stands for; decides how the webview draws it. */
export type SeriesRole =
  | 'fit' // observed points used for fitting: filled dots
  | 'heldout' // observed points held out: hollow dots
  | 'warmup' // observed points before the fit's start (the learning rate's warmup): faint small dots
  | 'curve' // an estimator's curve over the observed range: solid line
  | 'extrapolation' // the same curve beyond the data: dashed line
  | 'band' // bootstrap interval of the extrapolation: filled area (uses `band`)
  | 'spread' // the range of the raw points behind thinned dots (per bin, lowest to highest): faint area (uses `band`)
  | 'segment' // one BNSL power-law segment: thin dotted line
  | 'frontier' // compute-optimal frontier: solid line
  | 'budget' // the planned point(s) on a frontier: large dots
  | 'backtest' // a law's back-test error against the extrapolation factor: line with dots
  | 'outlier' // loss spikes left out of every fit: crossed points
  | 'forecast'; // the schedule-aware forecast to the end of the learning-rate schedule: thick solid line

export const SERIES_ROLES: readonly SeriesRole[] = ['fit', 'heldout', 'warmup', 'curve', 'extrapolation', 'band', 'spread', 'segment', 'frontier', 'budget', 'backtest', 'outlier', 'forecast'];

export interface ChartSeries {
  /** Unique within one chart. */
  readonly id: string;
  readonly label: string;
  readonly role: SeriesRole;
  /** Legend toggles act on groups: every series of one estimator (curve, extrapolation, band) share one. */
  readonly group: string;
  /** The curve (run / series) it belongs to, shown in tooltips. */
  readonly curve: string;
  readonly estimator?: string;
  /** Palette index; the webview maps it to a theme colour. */
  readonly color: number;
  readonly points: readonly XY[];
  readonly band?: readonly BandPoint[];
  readonly hidden?: boolean;
}

export type MarkerKind = 'break' | 'target' | 'limit' | 'end';

/** Vertical (`x`) or horizontal (`y`, for the irreducible limit) reference lines. */
export interface Marker {
  readonly kind: MarkerKind;
  readonly label: string;
  readonly x?: number;
  readonly y?: number;
  readonly color: number;
  /** Legend group it belongs to (shown and hidden with it). */
  readonly group?: string;
  /** Starts hidden, like its group's series. */
  readonly hidden?: boolean;
}

export interface ChartView {
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog: boolean;
  readonly yLog: boolean;
  readonly series: readonly ChartSeries[];
  readonly markers: readonly Marker[];
}

export interface PredictionCell {
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
}

export interface EstimatorRow {
  readonly law: string;
  readonly name: string;
  readonly formula: string;
  readonly params: readonly (readonly [string, number])[];
  readonly backtestRmsle?: number;
  /** backtestRmsle is an average's, from its parts' back-tested predictions over this many cuts (it is not back-tested itself). */
  readonly backtestFromParts?: number;
  readonly heldOutRmsle?: number;
  readonly prediction?: PredictionCell;
  readonly auto: boolean;
  /** Fitted and shown, but not among the laws auto chose from: its back-test may beat the auto note's. */
  readonly notAutoCandidate?: boolean;
  readonly converged: boolean;
  /** Why the optimiser stopped short, on a row not converged ("max iterations, objective still falling 0.30% over the last 50 iterations"). */
  readonly notConverged?: string;
  /** The fit reduces to a simpler law on this data, so some parameters are not set by it (why, in words). */
  readonly degenerate?: string;
  /** An earlier row's estimator whose figures (back-test, held-out, predictions) this one's equal: on this curve the two collapse to one fit (core/sameFit.ts). */
  readonly sameAs?: string;
  readonly error?: string;
  readonly color: number;
  /** The chart's legend group of this estimator's curve, when it has one (the row toggles it). */
  readonly chartGroup?: string;
}

export interface CurveTable {
  readonly curve: string;
  readonly label: string;
  readonly rows: readonly EstimatorRow[];
  readonly autoReason?: string;
  readonly warnings: readonly string[];
  /** What the fit did that is worth knowing but no doubt about it ("fitted 42184 points as 300 log-x bins"). */
  readonly notes?: readonly string[];
  /** The x this table's predictions are at (a relative target such as 10x is this curve's own). */
  readonly targetX?: number;
  /** That target as its column names it: "10x (315B tokens)", "315B tokens" (never the typed question). */
  readonly targetLabel?: string;
}

export interface CurveOption {
  readonly id: string;
  readonly label: string;
  readonly points: number;
  /** What its run was configured with (hparams.yaml, W&B config, MLflow params), in one line. */
  readonly config?: string;
}

/** How the x kinds the host offers (ColumnChoice.x) are named on screen and on the x axis. */
export const X_KIND_LABELS: Readonly<Record<string, string>> = {
  samples: 'seen examples',
  tokens: 'tokens',
  flops: 'compute (FLOPs)',
  params: 'parameters (N)',
  step: 'step',
  epoch: 'epoch',
  index: 'index',
  time: 'time (s)',
};

export interface ColumnChoice {
  readonly x: readonly string[];
  readonly y: readonly string[];
  readonly selectedX: string;
  readonly selectedY: string;
  /** The user picked these columns (else they are the guess a watch may move on from: the val loss once it has points). */
  readonly picked?: boolean;
  /** An x kind the log names otherwise than X_KIND_LABELS does (Keras' epoch: "epochs completed"). */
  readonly xLabels?: Readonly<Record<string, string>>;
}

export interface PredictionView {
  readonly curve: string;
  /** The target field's text. */
  readonly targetText: string;
  /** The target as the headline and the notification name it: "10x (315B tokens)", "315B tokens" (never the typed question). */
  readonly targetLabel: string;
  /** The fit answered at the end of the schedule set on the panel, not at the typed target (which may still read "10x"). */
  readonly atScheduleEnd?: boolean;
  readonly x: number;
  readonly y: number;
  readonly lo?: number;
  readonly hi?: number;
  readonly law: string;
  /** The law's display name ("Average of M2, M3, log-linear (geometric mean)"). */
  readonly lawName?: string;
  /** The curve's own back-test error at the nearest extrapolation factor ("a 2× extrapolation missed by 0.8%"). */
  readonly trust?: Trust;
  /** Why there is no interval ("no interval: 38 of 40 bootstrap resamples could not be fitted …"). */
  readonly intervalNote?: string;
  /** Set when [lo, hi] is mostly one logged value's own noise: what it covers, as a clause ("the 95% interval is for one logged value: …", core scatterText of Prediction.scatter). */
  readonly scatterNote?: string;
  /** Central coverage of [lo, hi] (0.95). */
  readonly level?: number;
  /** Why the number itself is in doubt (the loss has turned up: every law assumes it keeps falling). */
  readonly caution?: string;
  /** The run's planned end as a target text, offered when the target is past it ("24000"). */
  readonly endTarget?: string;
  /** The fit behind the number did not converge: why ("m4: max iterations"). */
  readonly unconverged?: string;
  /** The target is where a loss asked for is reached: the answer ("val_loss = 2.5 at x ≈ 32B tokens, 3.2× the data (95%: 21B – 60B)"). */
  readonly reached?: string;
  /** For a perplexity or bits: the loss in nats the value and its interval mean ("a loss of ln 22.06 = 3.094 nats (2.846–3.341)", core/yMetric.ts). */
  readonly meaning?: string;
}

export interface Trust {
  readonly factor: number;
  readonly missedBy: number;
  /** The target lies further out than any back-test reached (`factor` is the farthest rehearsal). */
  readonly beyond?: boolean;
  /** The target's own extrapolation factor; present with `beyond`. */
  readonly targetFactor?: number;
}

export interface PlanRow {
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly loss: number;
  /** Bootstrap intervals [lo, hi] on N_opt, D_opt and L*, when the surface was bootstrapped. */
  readonly intervals?: PlanIntervals;
}

/**
 * At a budget: on N_opt, D_opt and L*. For a loss to reach: on the compute that reaches it and that
 * plan's N and D, and none on the loss, which is the one asked (core/reachInterval.ts).
 */
export interface PlanIntervals {
  readonly flops?: readonly [number, number];
  readonly N: readonly [number, number];
  readonly D: readonly [number, number];
  readonly loss?: readonly [number, number];
}

export interface PlanView {
  /** "Chinchilla preset", "Epoch preset" or "fitted on sweep.csv". */
  readonly source: string;
  /** What to recompute it from after a reload: 'chinchilla', 'epoch', or the sweep's path. */
  readonly surface: string;
  readonly params: readonly (readonly [string, number])[];
  readonly budget: PlanRow;
  readonly rows: readonly PlanRow[];
  readonly chart: ChartView;
  /** A fitted IsoFLOP sweep's Approach 2, beside the surface's answer. */
  readonly isoflop?: IsoflopView;
  /** The budget's split when only so many unique tokens exist (Muennighoff et al. 2023). */
  readonly constrained?: ConstrainedPlanView;
  /** The loss asked for: the budget is the least compute whose optimum reaches it. */
  readonly targetLoss?: number;
  /** The loss asked for, reached at the least training plus inference compute (Sardana et al. 2024). */
  readonly inference?: InferencePlanView;
  /** What the surface's fit did with the sweep: runs left out as far above the others. */
  readonly notes?: readonly string[];
  /** The model size and token count asked for: the loss there; `budget` is the optimal split of its 6·N·D. */
  readonly point?: PointPlanView;
  /** A fitted sweep's back-test: the surface refitted to its smaller runs, scored on its largest. */
  readonly trust?: string;
  /** Each surface law's back-test on the same runs, in one line, and the budget's plan on a law clearly better than Chinchilla's (no intervals). */
  readonly lawBackTests?: PlanLawBackTests;
}

export interface PlanLawBackTests {
  /** "Back-tested on the 5 largest runs: Chinchilla 5.4%, kaplan-nd 1.2% mean error." */
  readonly text: string;
  /** The budget's plan on the law clearly better than Chinchilla's, fitted to the whole sweep. */
  readonly plan?: { readonly law: string; readonly row: PlanRow };
}

export interface PointPlanView {
  /** 6·N·D. */
  readonly flops: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly loss: number;
  /** From a bootstrapped surface: [lo, hi] on the loss at (N, D), at the surface's level. */
  readonly lossInterval?: readonly [number, number];
  /** loss − the optimal split's L* on the same budget (≥ 0). */
  readonly excessLoss: number;
  readonly warnings: readonly string[];
}

export interface InferencePlanView {
  readonly inferenceTokens: number;
  readonly N: number;
  readonly D: number;
  readonly tokensPerParam: number;
  readonly trainingFlops: number;
  readonly inferenceFlops: number;
  readonly totalFlops: number;
  /** The compute-optimal plan's training plus the same inference. */
  readonly chinchillaTotal: number;
  readonly saving: number;
  readonly warnings: readonly string[];
}

export interface ConstrainedPlanView {
  readonly uniqueTokens: number;
  /** The decay constants R_D*, R_N* and where they come from. */
  readonly RD: number;
  readonly RN: number;
  readonly decaySource: string;
  readonly N: number;
  readonly D: number;
  /** Passes over the unique data, D / U. */
  readonly epochs: number;
  readonly loss: number;
  /** Loss above the plan with unlimited unique data. */
  readonly excessLoss: number;
  readonly intervals?: PlanIntervals;
  readonly warnings: readonly string[];
}

/** One compute budget of an IsoFLOP sweep: its valley's lowest point, or why it has none. */
export interface IsoflopBudgetRow {
  readonly flops: number;
  readonly sizes: number;
  readonly N?: number;
  readonly D?: number;
  readonly loss?: number;
  readonly excluded?: string;
}

export interface IsoflopView {
  /** N_opt ∝ C^exponent through the valleys' lowest points. */
  readonly exponent: number;
  readonly exponentInterval?: readonly [number, number];
  /** The fitted surface's β/(α+β), for comparison. */
  readonly surfaceExponent: number;
  /** N_opt and D_opt at the plan's budget by the profiles (loss: not given by Approach 2). */
  readonly budget: { readonly N: number; readonly D: number; readonly tokensPerParam: number; readonly intervals?: Pick<PlanIntervals, 'N' | 'D'> };
  readonly rows: readonly IsoflopBudgetRow[];
  readonly notes: readonly string[];
  /** Loss against N at each budget: the points, each valley's parabola and its lowest point. */
  readonly chart: ChartView;
}

/**
 * An IsoFLOP sweep's own answer, Approach 2 on its rows: the panel's headline while no one curve's
 * prediction leads (a sweep opens with all its curves shown).
 */
export interface SweepHeadline {
  /** N_opt ∝ C^exponent through the valleys' lowest points; absent when no line could be drawn (`notes` say why). */
  readonly exponent?: number;
  readonly exponentInterval?: readonly [number, number];
  /** The interval's level (0.95). */
  readonly level?: number;
  readonly rows: readonly IsoflopBudgetRow[];
  readonly notes: readonly string[];
}

export interface BenchmarkRow {
  readonly law: string;
  readonly name: string;
  /** Curves this estimator fitted (and was scored on). */
  readonly curves: number;
  readonly meanRmsle: number;
  readonly medianRmsle: number;
  /** Curves on which it had the lowest held-out RMSLE. */
  readonly wins: number;
}

export interface BenchmarkAuto {
  readonly curves: number;
  readonly meanRmsle: number;
  readonly medianRmsle: number;
}

/** The league table of one domain (IC, NMT, …) of a benchmark whose curves name theirs. */
export interface BenchmarkGroup {
  readonly name: string;
  readonly curves: number;
  readonly rows: readonly BenchmarkRow[];
  readonly auto?: BenchmarkAuto;
}

export interface BenchmarkView {
  readonly file: string;
  readonly curves: number;
  /** Over all curves. */
  readonly rows: readonly BenchmarkRow[];
  /** The back-tested `auto` choice scored the same way. */
  readonly auto?: BenchmarkAuto;
  /** Per domain, when the curves come from more than one; else empty. */
  readonly groups: readonly BenchmarkGroup[];
  readonly seconds: number;
  readonly cancelled: boolean;
}

/** One law's back-test: its error after fitting on x ≤ xmax / factor, for each factor. */
export interface BacktestRow {
  readonly law: string;
  readonly name: string;
  readonly color: number;
  /** RMSLE on the points past the cut, per factor; null where the prefix was too short or the fit failed. */
  readonly errors: readonly (number | null)[];
  /** Points the prefix held, per factor (0 where it could not be fitted). */
  readonly nFit: readonly number[];
  /** Fitted for comparison; auto does not choose among it (M1, BNSL-0/2/3), as the panel table marks. */
  readonly notAutoCandidate?: boolean;
  /** An earlier row's law whose errors this one's equal at every cut both took: on this curve the two collapse to one fit. */
  readonly sameAs?: string;
}

/** Compare Estimators: each law fitted on prefixes, its error against how far it extrapolated. */
export interface BacktestView {
  readonly curve: string;
  /** Extrapolation factors r: fit on x ≤ xmax / r, score on the rest. */
  readonly factors: readonly number[];
  readonly rows: readonly BacktestRow[];
  readonly chart: ChartView;
  /** What auto chose for this curve and why (from the analysis). */
  readonly auto?: string;
  /** How auto weighs the cuts r = 1.5, 2, 3 for this curve ("3 : 1 : 0.5", or "evenly"). */
  readonly cutWeights?: string;
  /** Factors given no column, and why (too few points before the cut; the same cut as the one before). */
  readonly notes?: readonly string[];
}

/** A message above the chart, with at most one action button. */
export interface PanelNotice {
  readonly text: string;
  readonly action?: NoticeAction;
  readonly actionLabel?: string;
  /** A suggestion, not a problem: shown quietly (a status, not an alert). */
  readonly hint?: boolean;
}

/**
 * resumeWatch, openSource: a stopped watch, a file from outside the workspace; againstN: show a
 * sweep across sized runs; planFromSource: Plan Compute Budget from the panel's source (a sweep
 * table, or the final losses of its finished runs).
 */
export type NoticeAction = 'resumeWatch' | 'openSource' | 'againstN' | 'planFromSource';

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

export interface PanelData {
  readonly title: string;
  /** File or folder the data came from ('' for a plan from a preset). */
  readonly source: string;
  readonly curves: readonly CurveOption[];
  readonly selected: readonly string[];
  readonly columns?: ColumnChoice;
  readonly chart?: ChartView;
  readonly tables: readonly CurveTable[];
  readonly prediction?: PredictionView;
  readonly plan?: PlanView;
  readonly benchmark?: BenchmarkView;
  /** Set while a log is watched: one line of status. */
  readonly live?: string;
  /** True while this panel's source is watched (saved with the panel so a reload resumes it). */
  readonly watching?: boolean;
  /** Set when the fits shown are from older data and a refit is due: says so in one line. */
  readonly stale?: string;
  readonly notice?: PanelNotice;
  readonly backtest?: BacktestView;
  readonly forecast?: ForecastView;
  /** An IsoFLOP sweep's result, while no one curve's prediction is the headline. */
  readonly sweepHeadline?: SweepHeadline;
  readonly targetText: string;
  /** The target was typed (not the setting's default): a watch keeps to it rather than to the run's planned end. */
  readonly targetTyped?: boolean;
  readonly warnings: readonly string[];
}

// #endregion

// #region host → webview

export type ToWebview =
  | { readonly type: 'data'; readonly data: PanelData }
  | { readonly type: 'busy'; readonly busy: boolean; readonly message?: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'requestImage'; readonly requestId: number };

// #endregion

// #region webview → host

export type ExportFormat = 'png' | 'csv' | 'json';

export type FromWebview =
  /** `load`: the number of the page that is ready (the body's data-load), so a replaced page's late "ready" is told apart. */
  | { readonly type: 'ready'; readonly load?: number }
  | { readonly type: 'selectCurves'; readonly ids: readonly string[] }
  | { readonly type: 'selectColumns'; readonly x: string; readonly y: string }
  | { readonly type: 'setTarget'; readonly text: string }
  /** The schedule field: a spec, or '' to clear it. */
  | { readonly type: 'setSchedule'; readonly spec: string }
  | { readonly type: 'export'; readonly format: ExportFormat }
  | { readonly type: 'image'; readonly requestId: number; readonly dataUrl: string }
  /** The webview has no chart to render as an image. */
  | { readonly type: 'noImage'; readonly requestId: number }
  | { readonly type: 'cancel' }
  /** The button of the panel's notice (resume a watch, open a source from outside the workspace). */
  | { readonly type: 'noticeAction'; readonly action: NoticeAction }
  | { readonly type: 'reportError'; readonly message: string };

/** What the webview persists with setState; the serializer rebuilds the panel from it after a reload. */
export interface PanelState {
  readonly source?: string;
  readonly selected?: readonly string[];
  /** `picked`: the user chose them; a guess is guessed again by a resumed watch. */
  readonly columns?: { readonly x: string; readonly y: string; readonly picked?: boolean };
  readonly target?: string;
  /** `target` was typed, even where it reads as the default (10x). */
  readonly targetTyped?: boolean;
  readonly plan?: { readonly budget: string; readonly surface: string; readonly unique?: string; readonly inference?: string };
  /** The source was being watched: the restored panel resumes the watch. */
  readonly watching?: boolean;
  /** Compare Estimators panel (the back-test view). */
  readonly compare?: boolean;
  /** The learning-rate schedule spec of the panel's forecast, as typed. */
  readonly schedule?: string;
  /** The user cleared the schedule the run's config states (so it is not followed after a reload). */
  readonly scheduleOff?: boolean;
  /** The forecast's prior (a fit of finished sibling runs) and its label. */
  readonly prior?: { readonly label: string; readonly fit: PriorFitView };
  /** The forecast's target loss set on the panel (a reference run's final loss). */
  readonly targetLoss?: TargetView;
  /** The forecast's what-if cooldown. */
  readonly whatIf?: WhatIfView;
}

/** The PanelState of a data snapshot (the webview saves it; tests use it to simulate a reload). */
export function panelStateOf(data: PanelData): PanelState {
  return {
    ...(data.source ? { source: data.source } : {}),
    selected: [...data.selected],
    target: data.targetText,
    ...(data.targetTyped ? { targetTyped: true } : {}),
    ...(data.columns ? { columns: { x: data.columns.selectedX, y: data.columns.selectedY, ...(data.columns.picked ? { picked: true } : {}) } } : {}),
    // a plan asked for a loss is saved as that question, so a reload asks it again
    ...(data.plan ? { plan: { budget: data.plan.targetLoss !== undefined ? `loss ${data.plan.targetLoss}` : data.plan.point ? `N=${data.plan.point.N} D=${data.plan.point.D}` : String(data.plan.budget.flops), surface: data.plan.surface, ...(data.plan.constrained ? { unique: String(data.plan.constrained.uniqueTokens) } : {}), ...(data.plan.inference ? { inference: String(data.plan.inference.inferenceTokens) } : {}) } } : {}),
    ...(data.watching ? { watching: true } : {}),
    ...(data.backtest ? { compare: true } : {}),
    // the config's schedule is the run's, read again with it; only a typed one is saved
    ...(data.forecast?.spec && !data.forecast.specFrom ? { schedule: data.forecast.spec } : {}),
    ...(data.forecast?.configDeclined ? { scheduleOff: true } : {}),
    ...(data.forecast?.prior && data.forecast.priorFit ? { prior: { label: data.forecast.prior, fit: data.forecast.priorFit } } : {}),
    ...(data.forecast?.target ? { targetLoss: data.forecast.target } : {}),
    ...(data.forecast?.cooldown ? { whatIf: data.forecast.cooldown } : {}),
  };
}

// #endregion
