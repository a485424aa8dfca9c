// The webview's LensChart drawn by the real Chart.js in Node: outside a DOM Chart.js takes any
// object with getContext('2d') as its canvas, so a stub context that measures text at a fixed
// width per character is enough to lay out what the panel would show (ticks, labels, grid lines,
// legend entries). Nothing is painted; tests read the laid-out chart.
import { Chart } from 'chart.js';
import type { ChartView } from '../../../src/shared/protocol';
import { LensChart } from '../../../webview/chart';
import type { Theme } from '../../../webview/theme';

export const THEME: Theme = {
  foreground: '#cccccc',
  muted: '#999999',
  background: '#1e1e1e',
  grid: '#333333',
  fontFamily: 'sans-serif',
  fontSize: 13,
  series: ['#0000ff', '#ff8800', '#00ff00'],
  target: '#ff0000',
};

/** A text the chart drew: what, and where (the context's alignment at the time). */
export interface DrawnText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

function stubCanvas(width: number, height: number, texts: DrawnText[] = []): object {
  const canvas: Record<string, unknown> = { width, height, style: {} };
  const ctx = new Proxy({ canvas } as Record<string | symbol, unknown>, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === 'measureText') return (s: unknown) => ({ width: String(s).length * 7, actualBoundingBoxAscent: 9, actualBoundingBoxDescent: 3 });
      if (key === 'fillText') return (s: unknown, x: number, y: number) => void texts.push({ text: String(s), x, y });
      if (key === 'getLineDash') return () => [];
      // every other drawing call does nothing
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
  canvas['getContext'] = () => ctx;
  // the chart sets its accessible name (the chart's description) on the canvas
  canvas['setAttribute'] = (name: string, value: string) => {
    canvas[`attr:${name}`] = value;
  };
  return canvas;
}

/** One x or y scale as laid out: its range, its ticks with their labels, and where its grid lines are. */
export interface LaidOutScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly { readonly value: number; readonly label: string }[];
  /** Pixel of each grid line Chart.js draws. */
  readonly gridLines: readonly number[];
  pixelOf(value: number): number;
}

/** A legend entry as drawn: its text and how its marker is filled. */
export interface LegendEntry {
  readonly text: string;
  readonly fill: string;
}

/** The x and y scales, the legend and the texts drawn (tick labels, marker labels …) that `view` gets on a `width`×`height` canvas. */
export function layOut(view: ChartView, width = 900, height = 420): { x: LaidOutScale; y: LaidOutScale; legend: readonly LegendEntry[]; texts: readonly DrawnText[] } {
  const texts: DrawnText[] = [];
  const canvas = stubCanvas(width, height, texts);
  const lens = new LensChart(canvas as HTMLCanvasElement, { onToggleGroup: () => undefined });
  lens.render(view, THEME, new Set(), new Set());
  const chart = Chart.getChart(canvas as HTMLCanvasElement)!;
  try {
    const scale = (id: 'x' | 'y'): LaidOutScale => {
      const s = chart.scales[id]! as unknown as {
        min: number;
        max: number;
        ticks: { value: number; label: string | string[] }[];
        isHorizontal(): boolean;
        getPixelForValue(v: number): number;
        // Chart.js's own list of the grid lines it strokes (not in its typings)
        _computeGridLineItems(area: unknown): { x1: number; y1: number }[];
      };
      const horizontal = s.isHorizontal();
      return {
        min: s.min,
        max: s.max,
        ticks: s.ticks.map((t) => ({ value: t.value, label: Array.isArray(t.label) ? t.label.join(' ') : t.label })),
        gridLines: s._computeGridLineItems(chart.chartArea).map((g) => (horizontal ? g.x1 : g.y1)),
        pixelOf: (v) => s.getPixelForValue(v),
      };
    };
    const legend = (chart.legend?.legendItems ?? []).map((item) => ({ text: item.text, fill: String(item.fillStyle) }));
    return { x: scale('x'), y: scale('y'), legend, texts };
  } finally {
    lens.clear();
  }
}
