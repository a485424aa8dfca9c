// Webview entry: validates every host message, renders the chart, controls and tables, keeps
// UI state (legend toggles, what is shown) with setState so a reload restores the panel, and
// answers PNG requests.
import type { PanelData, PanelState, ToWebview, FromWebview } from '../src/shared/protocol';
import { panelStateOf } from '../src/shared/protocol';
import { validateToWebview } from '../src/shared/validate';
import { LensChart } from './chart';
import { Controls } from './controls';
import { byId, clear, h } from './dom';
import { counted } from './format';
import { ForecastBlock } from './forecast';
import { renderBacktest, renderNotice } from './backtest';
import { renderBenchmark, renderPlan, renderPrediction, renderTables } from './tables';
import { renderSweepHeadline } from './isoflop';
import { onThemeChange, readTheme, type Theme } from './theme';
import { Announcer, predictionNews } from './announce';
import { predictionSentence } from './chartDescription';

/** PanelState (what the host restores from) plus the view choices the webview keeps for itself. */
interface WebviewState extends PanelState {
  hidden?: string[];
  shown?: string[];
  /** Axis scale choices that override the host's default (log-log when every value is positive). */
  axes?: { x?: boolean; y?: boolean };
}

const vscode = acquireVsCodeApi<WebviewState>();
let state: WebviewState = vscode.getState() ?? {};
const hidden = new Set(state.hidden ?? []);
const shown = new Set(state.shown ?? []);
let theme: Theme = readTheme();
let data: PanelData | undefined;
let axes: { x?: boolean; y?: boolean } = state.axes ?? {};

function chartView(view: NonNullable<PanelData['chart']>): NonNullable<PanelData['chart']> {
  return { ...view, xLog: axes.x ?? view.xLog, yLog: axes.y ?? view.yLog };
}

function post(msg: FromWebview): void {
  vscode.postMessage(msg);
}

/** Draw or hide one legend group of the main chart (from its legend or the estimator table). */
function toggleGroup(group: string, visible: boolean): void {
  if (visible) {
    hidden.delete(group);
    shown.add(group);
  } else {
    hidden.add(group);
    shown.delete(group);
  }
  saveState();
  renderChart();
  renderTablesNow();
}

/** Whether the main chart draws `group`; undefined when it has no such series. */
function groupVisible(group: string): boolean | undefined {
  const series = data?.chart?.series.find((s) => s.group === group);
  if (!series) return undefined;
  return !hidden.has(group) && (series.hidden !== true || shown.has(group));
}

const chart = new LensChart(byId<HTMLCanvasElement>('chart'), {
  onToggleGroup: toggleGroup,
  // one curve: its table's colours toggle the estimators, so the legend lists only what is drawn
  compactLegend: () => data?.selected.length === 1 && data.tables.length === 1,
});
/** A chart of its own beside the main one (plan, IsoFLOP profiles, back-test): a canvas in a box, its legend toggles redraw it. */
function sideChart(boxClass: string, id: string, label: string, redraw: () => void): { host: HTMLElement; chart: LensChart } {
  const host = h('div', { class: `chart-box ${boxClass}` }, h('canvas', { id, role: 'img', 'aria-label': label }));
  const chart = new LensChart(host.querySelector('canvas')!, {
    onToggleGroup(group, visible) {
      if (visible) hidden.delete(group);
      else hidden.add(group);
      redraw();
    },
  });
  return { host, chart };
}
const { host: planCanvasHost, chart: planChart } = sideChart('plan-chart', 'plan-chart', 'Compute-optimal frontier', () => renderPlanChart());
const { host: isoflopCanvasHost, chart: isoflopChart } = sideChart('plan-chart', 'isoflop-chart', 'IsoFLOP profiles: loss against model size at each compute budget', () => renderPlanChart());
const { host: backtestCanvasHost, chart: backtestChart } = sideChart('backtest-chart', 'backtest-chart', 'Back-test error against extrapolation factor', () => renderBacktestChart());
const controls = new Controls(byId('controls'), {
  selectColumns: (x, y) => post({ type: 'selectColumns', x, y }),
  selectCurves: (ids) => post({ type: 'selectCurves', ids }),
  setTarget: (text) => post({ type: 'setTarget', text }),
  exportAs: (format) => post({ type: 'export', format }),
  setLogAxis: (axis, log) => {
    axes = { ...axes, [axis]: log };
    saveState();
    renderChart();
  },
});

const announcer = new Announcer(byId('prediction-live'));

const forecastBlock = new ForecastBlock(byId('forecast'), byId('forecast-schedule'), (spec) => post({ type: 'setSchedule', spec }));

function saveState(): void {
  state = {
    ...(data ? panelStateOf(data) : {}),
    hidden: [...hidden],
    shown: [...shown],
    axes,
  };
  vscode.setState(state);
}

function renderChart(): void {
  const area = byId('chart-area');
  // no chart rather than an empty one with made-up axes (the notice says why)
  if (!data?.chart || !data.chart.series.some((s) => s.points.length > 0)) {
    chart.clear();
    area.hidden = true;
    return;
  }
  area.hidden = false;
  chart.render(chartView(data.chart), theme, hidden, shown, data.stale !== undefined, data.prediction ? predictionSentence(data.prediction, data.columns?.selectedY ?? 'y', data.stale !== undefined) : undefined);
}

function renderTablesNow(): void {
  if (!data) return;
  renderTables(byId('tables'), data.tables, {
    theme,
    single: data.selected.length === 1,
    targetText: data.targetText,
    stale: data.stale !== undefined,
    toggle: { visible: groupVisible, set: toggleGroup },
  });
}

function renderBacktestChart(): void {
  if (data?.backtest && data.backtest.chart.series.length > 0) backtestChart.render(data.backtest.chart, theme, hidden, shown);
  else backtestChart.clear();
}

function renderPlanChart(): void {
  if (data?.plan) planChart.render(data.plan.chart, theme, hidden, shown);
  else planChart.clear();
  if (data?.plan?.isoflop) isoflopChart.render(data.plan.isoflop.chart, theme, hidden, shown);
  else isoflopChart.clear();
}

function render(): void {
  if (!data) return;
  const header = byId('header');
  clear(header);
  header.append(
    h('h1', {}, data.title),
    data.source ? h('span', { class: 'source', title: data.source }, data.source) : '',
    data.live ? h('span', { class: 'live' }, data.live) : '',
  );
  const selected = new Set(data.selected);
  const configs = new Set(data.curves.filter((c) => selected.has(c.id)).map((c) => c.config));
  // one run's config under the title; overlaid runs show theirs in the curve picker
  const [config] = configs;
  if (configs.size === 1 && config) header.append(h('div', { class: 'config', title: 'recorded with the run (its config, hparams or log header)' }, config));
  controls.render(data, { xLog: axes.x ?? data.chart?.xLog ?? true, yLog: axes.y ?? data.chart?.yLog ?? true });
  renderNotice(byId('notice'), data.notice, (action) => post({ type: 'noticeAction', action }));
  renderChart();
  const backtestRoot = byId('backtest');
  if (data.backtest) {
    renderBacktest(backtestRoot, data.backtest, backtestCanvasHost, theme);
    renderBacktestChart();
  } else {
    clear(backtestRoot);
    backtestChart.clear();
  }
  if (data.stale) setStatus(data.stale, 'stale');
  else if (byId('status').className === 'stale') setStatus('', 'none');
  if (data.sweepHeadline && !data.prediction) renderSweepHeadline(byId('prediction'), data.sweepHeadline);
  else renderPrediction(byId('prediction'), data.prediction, data.columns?.selectedY ?? 'y', data.forecast?.result !== undefined, data.stale !== undefined, (text) => post({ type: 'setTarget', text }));
  announcer.say(predictionNews(data));
  forecastBlock.render(data.forecast, data.columns?.selectedY ?? 'loss');
  renderTablesNow();
  const planRoot = byId('plan');
  if (data.benchmark) {
    clear(planRoot);
    renderBenchmark(planRoot, data.benchmark);
  } else if (data.plan) {
    renderPlan(planRoot, data.plan, planCanvasHost, isoflopCanvasHost);
    renderPlanChart();
  } else {
    clear(planRoot);
    planChart.clear();
  }
  const warnings = byId('warnings');
  clear(warnings);
  if (data.warnings.length > 0) {
    warnings.append(h('details', {}, h('summary', {}, `${counted(data.warnings.length, 'warning')} while reading`), ...data.warnings.map((w) => h('p', { class: 'warning' }, w))));
  }
}

function setStatus(text: string, kind: 'busy' | 'error' | 'stale' | 'none'): void {
  const status = byId('status');
  clear(status);
  status.className = kind;
  // a watched run's "refitting with the newest points…" comes at every poll: shown, not announced
  // (the new prediction is, by the announcer); busy, errors and the rest are
  if (kind === 'stale') status.setAttribute('aria-live', 'off');
  else status.removeAttribute('aria-live');
  if (kind === 'none') return;
  status.append(kind === 'busy' ? h('span', { class: 'spinner', 'aria-hidden': 'true' }) : '', text);
  if (kind === 'busy') {
    const cancel = h('button', { class: 'link', type: 'button' }, 'Cancel');
    cancel.addEventListener('click', () => post({ type: 'cancel' }));
    status.append(' ', cancel);
  }
}

function handle(msg: ToWebview): void {
  switch (msg.type) {
    case 'data':
      data = msg.data;
      saveState();
      render();
      return;
    case 'busy':
      setStatus(msg.message ?? 'Working…', msg.busy ? 'busy' : 'none');
      return;
    case 'error':
      setStatus(msg.message, 'error');
      return;
    case 'requestImage': {
      const url = (data?.chart ? chart.toPng() : undefined) ?? (data?.plan ? planChart.toPng() : undefined) ?? (data?.backtest ? backtestChart.toPng() : undefined);
      if (url) post({ type: 'image', requestId: msg.requestId, dataUrl: url });
      else post({ type: 'noImage', requestId: msg.requestId });
      return;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  let msg: ToWebview;
  try {
    msg = validateToWebview(event.data);
  } catch (err) {
    post({ type: 'reportError', message: `rejected a host message: ${err instanceof Error ? err.message : String(err)}` });
    return;
  }
  try {
    handle(msg);
  } catch (err) {
    post({ type: 'reportError', message: `render failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}` });
  }
});

onThemeChange(() => {
  theme = readTheme();
  // the controls keep their elements; the chart and tables take the new colours
  if (data) {
    renderChart();
    renderPlanChart();
    renderTablesNow();
    renderBacktestChart();
  }
});

// which page this is: the host may have replaced an earlier one that was slow to say so
const load = Number(document.body.dataset['load']);
const ready = (): void => post(Number.isInteger(load) ? { type: 'ready', load } : { type: 'ready' });
ready();
// the host stops posting to a hidden panel; if this page outlived the hiding, say so again
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') ready();
});
