// Pure mapping from a ChartView (protocol) to Chart.js datasets and scales: roles become styles
// (filled fit points, hollow held-out points, crossed loss spikes, solid curves, dashed extrapolations, filled bands),
// legend groups toggle together. No DOM, so it is unit-tested.
import type { ChartSeries, ChartView } from '../src/shared/protocol';
import { colorOf, withAlpha, type Theme } from './theme';
import { exponentText } from '../src/core/units';

export interface LineDataset {
  label: string;
  data: { x: number; y: number }[];
  /** Our own fields, read by tooltips and the legend. */
  seriesId: string;
  group: string;
  role: ChartSeries['role'];
  curve: string;
  hidden: boolean;
  showLine: boolean;
  borderColor: string;
  backgroundColor: string;
  borderWidth: number;
  borderDash: number[];
  pointRadius: number;
  pointHoverRadius: number;
  pointStyle: 'circle' | 'rectRot' | 'crossRot';
  fill: false | string;
  order: number;
  /** Legend entries are one per group: the others are filtered out. */
  legend: boolean;
}

export interface AxisConfig {
  type: 'logarithmic' | 'linear';
  title: string;
}

export interface ChartModel {
  datasets: LineDataset[];
  x: AxisConfig;
  y: AxisConfig;
}

const ORDER: Record<ChartSeries['role'], number> = {
  // lower order draws on top in Chart.js
  fit: 1,
  heldout: 1,
  warmup: 1,
  outlier: 0, // crosses on top (the fit points leave the spikes out, so no dot hides a cross)
  budget: 0,
  curve: 2,
  frontier: 2,
  extrapolation: 3,
  forecast: 1,
  segment: 4,
  band: 5,
  spread: 6,
  backtest: 2,
};

function base(s: ChartSeries, color: string, hidden: boolean): Omit<LineDataset, 'showLine' | 'borderWidth' | 'borderDash' | 'pointRadius' | 'pointStyle' | 'backgroundColor' | 'fill' | 'legend'> {
  return {
    label: s.label,
    data: s.points.map((p) => ({ x: p.x, y: p.y })),
    seriesId: s.id,
    group: s.group,
    role: s.role,
    curve: s.curve,
    hidden,
    borderColor: color,
    pointHoverRadius: 5,
    order: ORDER[s.role],
  };
}

/**
 * A legend entry's marker: a dot (or cross, diamond) for points, a short line in the series' own
 * width and dash for a line, so "fit points" (dots) and a forecast in the data's colour (a line),
 * or a solid and a dashed line, never show the same mark. The line is a dot wide (about 10 px), so
 * its dash is halved to show at least two dashes in it.
 */
export function legendMarker(ds: Pick<LineDataset, 'showLine' | 'pointRadius' | 'pointStyle' | 'borderDash' | 'borderWidth'>): { pointStyle: LineDataset['pointStyle'] | 'line'; lineDash: number[]; lineWidth: number } {
  if (ds.showLine && ds.pointRadius === 0) return { pointStyle: 'line', lineDash: ds.borderDash.map((d) => Math.max(1, d / 2)), lineWidth: Math.max(1.5, ds.borderWidth) };
  return { pointStyle: ds.pointStyle, lineDash: [], lineWidth: ds.borderWidth };
}

/**
 * Datasets for `view`. `hiddenGroups` holds the legend groups the user switched off (or on:
 * series that arrive hidden are shown when their group is in `shownGroups`).
 */
/** Roles drawn from a fit (faded while the fit is older than the points: `stale`). */
const FITTED: ReadonlySet<ChartSeries['role']> = new Set(['curve', 'extrapolation', 'band', 'segment', 'forecast']);

export function chartModel(view: ChartView, theme: Theme, hiddenGroups: ReadonlySet<string>, shownGroups: ReadonlySet<string> = new Set(), stale = false): ChartModel {
  const datasets: LineDataset[] = [];
  const seenGroups = new Set<string>();
  for (const s of view.series) {
    const color = stale && FITTED.has(s.role) ? withAlpha(colorOf(theme, s.color), 0.45) : colorOf(theme, s.color);
    const hidden = hiddenGroups.has(s.group) || (s.hidden === true && !shownGroups.has(s.group));
    const firstOfGroup = !seenGroups.has(s.group);
    seenGroups.add(s.group);
    const b = base(s, color, hidden);
    switch (s.role) {
      case 'fit':
        datasets.push({ ...b, showLine: false, borderWidth: 1, borderDash: [], pointRadius: 3, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'heldout':
        datasets.push({ ...b, showLine: false, borderWidth: 1.5, borderDash: [], pointRadius: 3.5, pointStyle: 'circle', backgroundColor: 'transparent', fill: false, legend: firstOfGroup });
        break;
      case 'warmup':
        // seen but not fitted: fainter and smaller than the fit points
        datasets.push({ ...b, borderColor: withAlpha(color, 0.5), showLine: false, borderWidth: 1, borderDash: [], pointRadius: 2, pointStyle: 'circle', backgroundColor: withAlpha(color, 0.35), fill: false, legend: firstOfGroup });
        break;
      case 'curve':
      case 'frontier':
        datasets.push({ ...b, showLine: true, borderWidth: 2, borderDash: [], pointRadius: 0, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'extrapolation':
        datasets.push({ ...b, showLine: true, borderWidth: 2, borderDash: [6, 4], pointRadius: 0, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'forecast':
        // the schedule-aware forecast: the panel's headline curve, drawn thicker than any law's
        datasets.push({ ...b, showLine: true, borderWidth: 3, borderDash: [], pointRadius: 0, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'segment':
        datasets.push({ ...b, showLine: true, borderWidth: 1.25, borderDash: [2, 3], pointRadius: 0, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'backtest':
        datasets.push({ ...b, showLine: true, borderWidth: 2, borderDash: [], pointRadius: 3.5, pointStyle: 'circle', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'outlier':
        // crossed, not dotted: these points were seen but deliberately not fitted
        datasets.push({ ...b, showLine: false, borderWidth: 1.5, borderDash: [], pointRadius: 4, pointStyle: 'crossRot', backgroundColor: 'transparent', fill: false, legend: firstOfGroup });
        break;
      case 'budget':
        datasets.push({ ...b, showLine: false, borderWidth: 2, borderDash: [], pointRadius: 6, pointStyle: 'rectRot', backgroundColor: color, fill: false, legend: firstOfGroup });
        break;
      case 'band':
      case 'spread': {
        // two datasets: the lower edge (invisible) and the upper edge filled down to it; the data's
        // spread fainter than an interval, behind everything
        const band = s.band ?? [];
        // High Contrast: on pure black or white a faint fill alone vanishes (16% of a series colour
        // on black is near black), so the interval's edges are drawn too, dotted thin in its colour,
        // and the fill is doubled; the data's spread keeps no edges (it is no interval)
        const hc = theme.highContrast === true;
        const edges = hc && s.role === 'band';
        const edge = { ...b, showLine: true, borderWidth: edges ? 1 : 0, borderDash: edges ? [2, 3] : [], pointRadius: 0, pointStyle: 'circle' as const, legend: false };
        const edgeColor = edges ? color : 'transparent';
        const alpha = (s.role === 'spread' ? 0.1 : 0.16) * (hc ? 2 : 1);
        datasets.push({ ...edge, seriesId: `${s.id}|lo`, label: `${s.label} (low)`, data: band.map((p) => ({ x: p.x, y: p.lo })), borderColor: edgeColor, backgroundColor: 'transparent', fill: false });
        datasets.push({ ...edge, seriesId: `${s.id}|hi`, label: `${s.label} (high)`, data: band.map((p) => ({ x: p.x, y: p.hi })), borderColor: edgeColor, backgroundColor: withAlpha(color, alpha), fill: '-1' });
        break;
      }
    }
  }
  return {
    datasets,
    x: { type: view.xLog ? 'logarithmic' : 'linear', title: view.xLabel },
    y: { type: view.yLog ? 'logarithmic' : 'linear', title: view.yLabel },
  };
}

/** Compact numbers for ticks and tooltips: 1.2e10 → "1.2e10", 0.0123 → "0.0123". */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return exponentText(v);
  return Number(v.toPrecision(4)).toString();
}
