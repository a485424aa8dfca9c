// The Chart.js chart: registers only what it uses, draws markers (breaks, target, limit) and a
// background fill (so an exported PNG is legible), and turns legend clicks into group toggles.
import {
  Chart,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  Title,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import type { ChartView, Marker } from '../src/shared/protocol';
import { chartModel, formatNumber, legendMarker, type LineDataset } from './chartConfig';
import { describeChart } from './chartDescription';
import { freeLabelRow, shownLogTicks, type LabelSpan } from './chartLabels';
import { logAxisStart, markerAxisStart, yBounds } from './chartRange';
import { colorOf, type Theme } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, Title, Tooltip, Legend, Filler);

interface MarkerOptions {
  markers: readonly Marker[];
  theme: Theme;
}

const markerPlugin: Plugin<'line', MarkerOptions> = {
  id: 'scalingLensMarkers',
  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea: area, scales } = chart;
    const x = scales['x'];
    const y = scales['y'];
    if (!x || !y || !opts.markers) return;
    ctx.save();
    ctx.font = `${opts.theme.fontSize - 2}px ${opts.theme.fontFamily}`;
    const placed: LabelSpan[] = [];
    for (const m of opts.markers) {
      const color = colorOf(opts.theme, m.color);
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = m.kind === 'target' ? 1.5 : 1;
      ctx.setLineDash(m.kind === 'target' ? [4, 3] : [3, 3]);
      if (m.x !== undefined) {
        const px = x.getPixelForValue(m.x);
        if (px < area.left - 1 || px > area.right + 1) continue;
        ctx.beginPath();
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        // left of its line where the label would run past the chart's right edge
        const width = ctx.measureText(m.label).width;
        ctx.textAlign = px + 4 + width > area.right ? 'right' : 'left';
        const left = ctx.textAlign === 'right' ? px - 4 - width : px + 4;
        // a planned end near the target one row down at least, and any label a row lower than one it would overprint
        const row = freeLabelRow(placed, left, left + width, m.kind === 'end' ? 1 : 0);
        placed.push({ left, right: left + width, row });
        ctx.fillText(m.label, px + (ctx.textAlign === 'right' ? -4 : 4), area.top + 12 + row * opts.theme.fontSize);
      } else if (m.y !== undefined) {
        const py = y.getPixelForValue(m.y);
        if (py < area.top - 1 || py > area.bottom + 1) continue;
        ctx.beginPath();
        ctx.moveTo(area.left, py);
        ctx.lineTo(area.right, py);
        ctx.stroke();
        ctx.textAlign = 'right';
        ctx.fillText(m.label, area.right - 4, py - 4);
      }
    }
    ctx.restore();
  },
};

const backgroundPlugin: Plugin<'line', { color: string }> = {
  id: 'scalingLensBackground',
  beforeDraw(chart, _args, opts) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = opts.color;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    scalingLensMarkers?: MarkerOptions;
    scalingLensBackground?: { color: string };
  }
}

export interface LensChartCallbacks {
  /** A legend group was switched on (visible = true) or off. */
  onToggleGroup(group: string, visible: boolean): void;
  /**
   * Leave switched-off series out of the legend: the estimator table beside the chart toggles
   * them, and a legend of a dozen struck-through names hides the few that are drawn.
   */
  readonly compactLegend?: () => boolean;
}

export class LensChart {
  private chart: Chart<'line', { x: number; y: number }[]> | undefined;
  /** While an image is taken: legend entries of hidden (struck-through) series are left out. */
  private exporting = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly callbacks: LensChartCallbacks,
  ) {}

  /** `lead`: a sentence the chart's accessible name begins with (the headline's prediction). */
  render(view: ChartView, theme: Theme, hidden: ReadonlySet<string>, shown: ReadonlySet<string>, stale = false, lead?: string): void {
    const model = chartModel(view, theme, hidden, shown, stale);
    this.canvas.setAttribute('aria-label', describeChart(view, (s) => !hidden.has(s.group) && (s.hidden !== true || shown.has(s.group)), lead));
    const config = this.config(view, model.datasets, model.x, model.y, theme, hidden, shown);
    if (this.chart && this.chart.options.scales?.['x']?.type === model.x.type && this.chart.options.scales?.['y']?.type === model.y.type) {
      this.chart.data.datasets = config.data.datasets;
      this.chart.options = config.options!;
      this.chart.update('none');
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, config);
  }

  clear(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  /** The chart as a PNG: its title on top, only the series that are shown in the legend. */
  toPng(): string | undefined {
    const chart = this.chart;
    if (!chart) return undefined;
    this.exporting = true;
    try {
      chart.update('none');
      return chart.toBase64Image('image/png', 1);
    } finally {
      this.exporting = false;
      chart.update('none');
    }
  }

  private config(
    view: ChartView,
    datasets: LineDataset[],
    x: { type: 'logarithmic' | 'linear'; title: string },
    y: { type: 'logarithmic' | 'linear'; title: string },
    theme: Theme,
    hidden: ReadonlySet<string>,
    shown: ReadonlySet<string>,
  ): ChartConfiguration<'line', { x: number; y: number }[]> {
    const font = { family: theme.fontFamily, size: theme.fontSize - 1 };
    const axis = (a: typeof x, horizontal: boolean) => {
      const log = a.type === 'logarithmic';
      return {
        type: a.type,
        title: { display: true, text: a.title, color: theme.foreground, font },
        ticks: {
          color: theme.muted,
          font,
          // a log axis's ticks are already the labelled ones (afterBuildTicks); auto-skipping could
          // drop exactly those, and maxTicksLimit would stroke the grid line of only every n-th
          autoSkip: !log,
          ...(log ? {} : { maxTicksLimit: 12 }),
          callback: (v: string | number) => formatNumber(Number(v)),
        },
        afterBuildTicks(scale: { min: number; max: number; width: number; height: number; ticks: { value: number }[] }) {
          if (!log) return;
          // the scale's size is set before its ticks are built (the chart's full width on the first pass)
          const pixels = (horizontal ? scale.width : scale.height) || (horizontal ? 600 : 300);
          scale.ticks = shownLogTicks(scale.ticks.map((t) => t.value), scale.min, scale.max, pixels, horizontal).map((value) => ({ value }));
        },
        grid: { color: theme.grid },
        border: { color: theme.grid },
      };
    };
    return {
      type: 'line',
      data: { datasets: datasets as never },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false, axis: 'xy' },
        // room on the right for the last x tick's label, which Chart.js centres on the axis end
        layout: { padding: { right: 24, top: 4 } },
        scales: {
          // a target before the data's first x widens the axis to it: its marker is drawn, not left off
          x: { ...axis(x, true), ...(x.type === 'logarithmic' ? logAxisStart(datasets, 'x') : {}), ...markerAxisStart(datasets, view.markers, x.type === 'logarithmic') },
          y: { ...axis(y, false), ...(y.type === 'logarithmic' ? logAxisStart(datasets, 'y') : {}), ...yBounds(datasets, y.type === 'logarithmic') },
        } as never,
        plugins: {
          title: { display: view.title !== '', text: view.title, color: theme.foreground, font: { family: theme.fontFamily, size: theme.fontSize, weight: 'bold' }, padding: { top: 2, bottom: 6 } },
          legend: {
            position: 'bottom',
            labels: {
              color: theme.foreground,
              font,
              usePointStyle: true,
              boxHeight: 7,
              filter: (item, data) => {
                const ds = data.datasets[item.datasetIndex ?? 0] as unknown as LineDataset | undefined;
                return ds?.legend === true && !((this.exporting || this.callbacks.compactLegend?.()) && ds.hidden);
              },
              generateLabels: (chart) =>
                Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
                  const ds = chart.data.datasets[item.datasetIndex ?? 0] as unknown as LineDataset;
                  const off = ds.hidden;
                  return { ...item, ...legendMarker(ds), text: ds.label.replace(/ \(extrapolated\)$/, ''), hidden: off, fontColor: theme.foreground, strokeStyle: ds.borderColor, fillStyle: ds.role === 'heldout' ? 'transparent' : ds.borderColor };
                }),
            },
            onClick: (_e, item, legend) => {
              const ds = legend.chart.data.datasets[item.datasetIndex ?? 0] as unknown as LineDataset | undefined;
              if (ds) this.callbacks.onToggleGroup(ds.group, ds.hidden);
            },
          },
          tooltip: {
            filter: (item) => {
              const ds = item.dataset as unknown as LineDataset;
              return ds.role !== 'band' && ds.role !== 'spread' && ds.role !== 'segment';
            },
            callbacks: {
              title: (items: TooltipItem<'line'>[]) => (items[0] ? (items[0].dataset as unknown as LineDataset).curve : ''),
              label: (item: TooltipItem<'line'>) => {
                const ds = item.dataset as unknown as LineDataset;
                const p = item.raw as { x: number; y: number };
                return `${ds.label}: ${view.xLabel} ${formatNumber(p.x)}, ${view.yLabel} ${formatNumber(p.y)}`;
              },
            },
          },
          scalingLensMarkers: { markers: view.markers.filter((m) => !m.group || (!hidden.has(m.group) && (!m.hidden || shown.has(m.group)))), theme },
          scalingLensBackground: { color: theme.background },
        },
      },
      plugins: [markerPlugin as Plugin<'line'>, backgroundPlugin as Plugin<'line'>],
    };
  }
}
