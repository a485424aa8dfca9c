// The validators both sides apply to a message they receive (host ← webview, webview ← host):
// each field checked against the protocol's types, a ProtocolError naming the first that is wrong.
// Pure: no vscode, no DOM.
import { arr, bool, num, obj, oneOf, opt, ProtocolError, record, str, text, MAX_IMAGE, type Check } from './check';
export { ProtocolError } from './check';
import { SERIES_ROLES, XY, X_KIND_LABELS, type BacktestRow, type BacktestView, type BandPoint, type BenchmarkAuto, type BenchmarkGroup, type BenchmarkRow, type BenchmarkView, type ChartSeries, type ChartView, type ColumnChoice, type ConstrainedPlanView, type CurveOption, type CurveTable, type EstimatorRow, type ExportFormat, type ForecastOwnHistoryView, type ForecastPointView, type ForecastReachView, type ForecastResultView, type ForecastView, type ForecastWhatIfView, type FromWebview, type InferencePlanView, type IsoflopBudgetRow, type IsoflopView, type Marker, type MarkerKind, type NoticeAction, type PanelData, type PanelNotice, type PlanIntervals, type PlanLawBackTests, type PlanRow, type PlanView, type PointPlanView, type PredictionCell, type PredictionView, type PriorFitView, type SweepHeadline, type TargetView, type ToWebview, type Trust, type WhatIfView } from './protocol';

/** An object of at most 16 finite numbers (a law's parameters). */
const numbers: Check<Record<string, number>> = (v, path) => {
  const o = obj(v, path);
  const keys = Object.keys(o);
  if (keys.length > 16) throw new ProtocolError(path, 'at most 16 parameters');
  return Object.fromEntries(keys.map((k) => [k, num(o[k], `${path}.${k}`)]));
};

const xy = record<XY>({ x: num, y: num });
const bandPoint = record<BandPoint>({ x: num, lo: num, hi: num });
const param: Check<readonly [string, number]> = (v, path) => {
  if (!Array.isArray(v) || v.length !== 2) throw new ProtocolError(path, 'a [name, value] pair');
  return [text(v[0], `${path}[0]`), num(v[1], `${path}[1]`)] as const;
};

const chartSeries = record<ChartSeries>({
  id: text,
  label: text,
  role: oneOf(SERIES_ROLES),
  group: text,
  curve: text,
  estimator: opt(text),
  color: num,
  points: arr(xy),
  band: opt(arr(bandPoint)),
  hidden: opt(bool),
});

const marker = record<Marker>({
  kind: oneOf<MarkerKind>(['break', 'target', 'limit', 'end']),
  label: text,
  x: opt(num),
  y: opt(num),
  color: num,
  group: opt(text),
  hidden: opt(bool),
});

const chartView = record<ChartView>({
  id: text,
  title: text,
  xLabel: text,
  yLabel: text,
  xLog: bool,
  yLog: bool,
  series: arr(chartSeries),
  markers: arr(marker),
});

const predictionCell = record<PredictionCell>({ x: num, y: num, lo: opt(num), hi: opt(num) });

const estimatorRow = record<EstimatorRow>({
  law: text,
  name: text,
  formula: text,
  params: arr(param),
  backtestRmsle: opt(num),
  backtestFromParts: opt(num),
  heldOutRmsle: opt(num),
  prediction: opt(predictionCell),
  auto: bool,
  notAutoCandidate: opt(bool),
  converged: bool,
  notConverged: opt(text),
  degenerate: opt(text),
  sameAs: opt(text),
  error: opt(text),
  color: num,
  chartGroup: opt(text),
});

const curveTable = record<CurveTable>({
  curve: text,
  label: text,
  rows: arr(estimatorRow),
  autoReason: opt(text),
  warnings: arr(text),
  notes: opt(arr(text)),
  targetX: opt(num),
  targetLabel: opt(text),
});

const curveOption = record<CurveOption>({ id: text, label: text, points: num, config: opt(text) });

/** An x kind's label by kind, for the kinds of X_KIND_LABELS only. */
const xLabels: Check<Record<string, string>> = (v, path) => {
  const o = obj(v, path);
  return Object.fromEntries(Object.keys(o).map((k) => {
    if (!(k in X_KIND_LABELS)) throw new ProtocolError(`${path}.${k}`, 'an x kind');
    return [k, str(80)(o[k], `${path}.${k}`)];
  }));
};
const columnChoice = record<ColumnChoice>({ x: arr(text), y: arr(text), selectedX: text, selectedY: text, picked: opt(bool), xLabels: opt(xLabels) });

const trust = record<Trust>({ factor: num, missedBy: num, beyond: opt(bool), targetFactor: opt(num), of: opt(text) });

const predictionView = record<PredictionView>({
  curve: text,
  targetText: text,
  targetLabel: text,
  atScheduleEnd: opt(bool),
  x: num,
  y: num,
  lo: opt(num),
  hi: opt(num),
  law: text,
  lawName: opt(text),
  trust: opt(trust),
  intervalNote: opt(text),
  scatterNote: opt(text),
  level: opt(num),
  caution: opt(text),
  endTarget: opt(str(40)),
  unconverged: opt(text),
  reached: opt(text),
  meaning: opt(text),
  fittedAsError: opt(text),
});

const range: Check<readonly [number, number]> = (v, path) => {
  if (!Array.isArray(v) || v.length !== 2) throw new ProtocolError(path, 'a [lo, hi] pair');
  return [num(v[0], `${path}[0]`), num(v[1], `${path}[1]`)] as const;
};

const planIntervals = record<PlanIntervals>({ flops: opt(range), N: range, D: range, loss: opt(range) });

const planRow = record<PlanRow>({ flops: num, N: num, D: num, tokensPerParam: num, loss: num, intervals: opt(planIntervals) });

const isoflopBudgetRow = record<IsoflopBudgetRow>({ flops: num, sizes: num, N: opt(num), D: opt(num), loss: opt(num), excluded: opt(text) });

const isoflopView = record<IsoflopView>({
  exponent: num,
  exponentInterval: opt(range),
  surfaceExponent: num,
  budget: record<IsoflopView['budget']>({ N: num, D: num, tokensPerParam: num, intervals: opt(record<Pick<PlanIntervals, 'N' | 'D'>>({ N: range, D: range })) }),
  rows: arr(isoflopBudgetRow),
  notes: arr(text),
  chart: chartView,
});

const sweepHeadline = record<SweepHeadline>({ exponent: opt(num), exponentInterval: opt(range), level: opt(num), rows: arr(isoflopBudgetRow), notes: arr(text) });

const constrainedPlanView = record<ConstrainedPlanView>({
  uniqueTokens: num,
  RD: num,
  RN: num,
  decaySource: text,
  N: num,
  D: num,
  epochs: num,
  loss: num,
  excessLoss: num,
  intervals: opt(planIntervals),
  warnings: arr(text),
});

const inferencePlanView = record<InferencePlanView>({
  inferenceTokens: num,
  N: num,
  D: num,
  tokensPerParam: num,
  trainingFlops: num,
  inferenceFlops: num,
  totalFlops: num,
  chinchillaTotal: num,
  saving: num,
  warnings: arr(text),
});

const pointPlanView = record<PointPlanView>({ flops: num, N: num, D: num, tokensPerParam: num, loss: num, lossInterval: opt(range), excessLoss: num, warnings: arr(text) });

const planLawBackTests = record<PlanLawBackTests>({ text, plan: opt(record<NonNullable<PlanLawBackTests['plan']>>({ law: text, row: planRow })) });

const planView = record<PlanView>({
  source: text,
  surface: text,
  params: arr(param),
  budget: planRow,
  rows: arr(planRow),
  chart: chartView,
  isoflop: opt(isoflopView),
  constrained: opt(constrainedPlanView),
  targetLoss: opt(num),
  inference: opt(inferencePlanView),
  notes: opt(arr(text)),
  point: opt(pointPlanView),
  trust: opt(text),
  lossName: opt(text),
  lawBackTests: opt(planLawBackTests),
});

const benchmarkRow = record<BenchmarkRow>({ law: text, name: text, curves: num, meanRmsle: num, medianRmsle: num, wins: num });

const benchmarkAuto = record<BenchmarkAuto>({ curves: num, meanRmsle: num, medianRmsle: num });

const benchmarkGroup = record<BenchmarkGroup>({ name: text, curves: num, rows: arr(benchmarkRow), auto: opt(benchmarkAuto) });

const benchmarkView = record<BenchmarkView>({
  file: text,
  curves: num,
  rows: arr(benchmarkRow),
  auto: opt(benchmarkAuto),
  groups: arr(benchmarkGroup),
  seconds: num,
  cancelled: bool,
});

const nullableNum: Check<number | null> = (v, path) => (v === null ? null : num(v, path));

const backtestRow = record<BacktestRow>({ law: text, name: text, color: num, errors: arr(nullableNum), nFit: arr(num), notAutoCandidate: opt(bool), sameAs: opt(text) });

const backtestView = record<BacktestView>({ curve: text, factors: arr(num), rows: arr(backtestRow), chart: chartView, auto: opt(text), cutWeights: opt(text), notes: opt(arr(text)) });

const NOTICE_ACTIONS: readonly NoticeAction[] = ['resumeWatch', 'openSource', 'againstN', 'planFromSource'];

const forecastPoint = record<ForecastPointView>({ step: num, y: num, lo: num, hi: num });

const probability: Check<number> = (v, path) => {
  const p = num(v, path);
  if (p < 0 || p > 1) throw new ProtocolError(path, 'a probability in [0, 1]');
  return p;
};

const forecastReach = record<ForecastReachView>({ loss: num, step: nullableNum, probability, etaSteps: opt(num), etaSeconds: opt(num) });

const forecastOwnHistory = record<ForecastOwnHistoryView>({
  askedReach: num,
  fromStep: opt(num),
  toStep: opt(num),
  reach: opt(num),
  missedBy: opt(num),
  shorter: opt(bool),
  beforeDecay: opt(bool),
  decaySeen: opt(num),
  why: opt(text),
});

const forecastResult = record<ForecastResultView>({
  law: oneOf<'mpl' | 'tissue'>(['mpl', 'tissue']),
  lawName: str(80),
  mode: oneOf<'prior' | 'prefix'>(['prior', 'prefix']),
  final: forecastPoint,
  undetermined: opt(bool),
  reaches: opt(forecastReach),
  powerLaw: record<{ final: ForecastPointView }>({ final: forecastPoint }),
  lastValue: record<{ step: number; y: number }>({ step: num, y: num }),
  whatIf: opt(record<ForecastWhatIfView>({ label: text, final: forecastPoint })),
  fittedTo: num,
  ownHistory: opt(forecastOwnHistory),
});

export const validateForecastView: Check<ForecastView> = record<ForecastView>({
  curve: text,
  spec: opt(text),
  specError: opt(text),
  prior: opt(text),
  priorFit: opt(record<PriorFitView>({ law: oneOf<'mpl' | 'tissue'>(['mpl', 'tissue']), params: numbers })),
  target: opt(record<TargetView>({ loss: num, from: opt(text) })),
  cooldown: opt(
    record<WhatIfView>({
      at: (v, path) => (v === 'now' ? 'now' : num(v, path)),
      over: num,
      shape: oneOf<WhatIfView['shape']>(['linear', 'exp', 'cosine', 'sqrt']),
      end: opt(num),
    }),
  ),
  lrKey: opt(text),
  specFrom: opt(text),
  configDeclined: opt(bool),
  suggestedSpec: opt(str(500)),
  notSuggested: opt(record<NonNullable<ForecastView['notSuggested']>>({ why: text, template: opt(str(500)) })),
  hint: opt(text),
  error: opt(text),
  result: opt(forecastResult),
  warnings: arr(text),
  stale: opt(bool),
  warning: opt(record<{ probability: number; threshold: number }>({ probability, threshold: probability })),
});

const panelNotice = record<PanelNotice>({ text, action: opt(oneOf(NOTICE_ACTIONS)), actionLabel: opt(text), hint: opt(bool) });

export const validatePanelData: Check<PanelData> = record<PanelData>({
  title: text,
  source: text,
  curves: arr(curveOption),
  selected: arr(text),
  columns: opt(columnChoice),
  chart: opt(chartView),
  tables: arr(curveTable),
  prediction: opt(predictionView),
  plan: opt(planView),
  benchmark: opt(benchmarkView),
  live: opt(text),
  watching: opt(bool),
  stale: opt(text),
  notice: opt(panelNotice),
  backtest: opt(backtestView),
  forecast: opt(validateForecastView),
  sweepHeadline: opt(sweepHeadline),
  targetText: text,
  targetTyped: opt(bool),
  warnings: arr(text),
});

/** Validates a host → webview message; throws ProtocolError naming the bad field. */
export function validateToWebview(v: unknown): ToWebview {
  const o = obj(v, 'message');
  switch (o['type']) {
    case 'data':
      return { type: 'data', data: validatePanelData(o['data'], 'message.data') };
    case 'busy': {
      const message = opt(text)(o['message'], 'message.message');
      const busy = bool(o['busy'], 'message.busy');
      return message === undefined ? { type: 'busy', busy } : { type: 'busy', busy, message };
    }
    case 'error':
      return { type: 'error', message: text(o['message'], 'message.message') };
    case 'requestImage':
      return { type: 'requestImage', requestId: num(o['requestId'], 'message.requestId') };
    default:
      throw new ProtocolError('message.type', 'data | busy | error | requestImage');
  }
}

/** Validates a webview → host message; throws ProtocolError naming the bad field. */
export function validateFromWebview(v: unknown): FromWebview {
  const o = obj(v, 'message');
  switch (o['type']) {
    case 'ready':
      return o['load'] === undefined ? { type: 'ready' } : { type: 'ready', load: num(o['load'], 'message.load') };
    case 'cancel':
      return { type: 'cancel' };
    case 'selectCurves':
      return { type: 'selectCurves', ids: arr(text)(o['ids'], 'message.ids') };
    case 'selectColumns':
      return { type: 'selectColumns', x: text(o['x'], 'message.x'), y: text(o['y'], 'message.y') };
    case 'setTarget':
      return { type: 'setTarget', text: str(200)(o['text'], 'message.text') };
    case 'setSchedule':
      return { type: 'setSchedule', spec: str(500)(o['spec'], 'message.spec') };
    case 'export':
      return { type: 'export', format: oneOf<ExportFormat>(['png', 'csv', 'json'])(o['format'], 'message.format') };
    case 'image': {
      const dataUrl = str(MAX_IMAGE)(o['dataUrl'], 'message.dataUrl');
      if (!dataUrl.startsWith('data:image/png;base64,')) throw new ProtocolError('message.dataUrl', 'a PNG data URL');
      return { type: 'image', requestId: num(o['requestId'], 'message.requestId'), dataUrl };
    }
    case 'noImage':
      return { type: 'noImage', requestId: num(o['requestId'], 'message.requestId') };
    case 'noticeAction':
      return { type: 'noticeAction', action: oneOf(NOTICE_ACTIONS)(o['action'], 'message.action') };
    case 'reportError':
      return { type: 'reportError', message: text(o['message'], 'message.message') };
    default:
      throw new ProtocolError('message.type', 'ready | cancel | selectCurves | selectColumns | setTarget | setSchedule | export | image | noImage | noticeAction | reportError');
  }
}
