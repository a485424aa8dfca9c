// The charts the panel draws: series, their roles and palette slots, reference markers (protocol.ts).

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
