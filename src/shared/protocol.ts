// The typed protocol between the extension host and the Scaling Lens panel: one union per
// direction. Both sides validate what they receive against it (validate.ts): the host never
// trusts a webview message, the webview never trusts a host message. Pure: no vscode, no DOM.
import type { BacktestView } from './backtestView';
import type { BenchmarkView } from './benchmarkView';
import type { ChartView } from './chartView';
import type { ColumnChoice, CurveOption, CurveTable, PredictionView } from './fitView';
import type { ForecastView, PriorFitView, TargetView, WhatIfView } from './forecastView';
import type { PlanView, SweepHeadline } from './planView';

// The payloads, each in a file named for what it holds; importers take them all from here.
export * from './chartView';
export * from './fitView';
export * from './planView';
export * from './benchmarkView';
export * from './backtestView';
export * from './forecastView';

export const PANEL_VIEW_TYPE = 'scalingLens.panel';

// #region data carried to the webview

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
