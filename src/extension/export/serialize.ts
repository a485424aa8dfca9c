// Data + fits as CSV (one row per x, a column per estimator) or JSON (everything, parameters included). Pure.
import type { CurveAnalysis, Prediction } from '../../core/analysis';
import { flippedValue, lawsOf, type ErrorFit } from '../../core/accuracyFit';
import { errorNameOf } from '../../core/yMetric';
import type { Law } from '../../core/types';
import type { BenchmarkView, PlanRow, PlanView, PredictionView } from '../../shared/protocol';

export interface ExportCurve {
  readonly id: string;
  readonly label: string;
  readonly analysis: CurveAnalysis;
  /** The run's config and recorded facts (hparams.yaml, W&B config, MLflow params), when it has any. */
  readonly config?: Readonly<Record<string, string | number>>;
}

export interface ExportContext {
  readonly source: string;
  readonly xColumn: string;
  readonly yColumn: string;
  readonly curves: readonly ExportCurve[];
  readonly lawOf: (id: string) => Law | undefined;
  readonly prediction?: PredictionView;
  readonly plan?: PlanView;
  readonly benchmark?: BenchmarkView;
}

function csvCell(v: string | number | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  // a text cell starting = + - @ (or tab/CR) is a formula to spreadsheets: a leading ' keeps it text
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * Significant digits of an estimator's value (its fitted curve, a prediction and its band): a
 * rounding of 5e-6 relative at most, far below what any fit misses by (its back-tests, 1e-3 and
 * more), where the full 17 digits made most of a long log's file. The data are written as read.
 */
const FIT_DIGITS = 6;

const fitValue = (v: number | undefined): number | undefined => (v === undefined || !Number.isFinite(v) ? v : Number(v.toPrecision(FIT_DIGITS)));

type Cell = string | number | undefined;

/**
 * One row per curve and x, one column per estimator: curve, kind (warmup | fit | heldout |
 * prediction), x, y, each estimator's value there (its fitted curve at a data point, its prediction
 * at a target), then each band as <law>_lo, <law>_hi for the estimators that have one.
 */
export function toCsv(ctx: ExportContext): string {
  if (ctx.plan && ctx.curves.length === 0) return planCsv(ctx.plan);
  const laws = [...new Set(ctx.curves.flatMap((c) => c.analysis.estimators.map((e) => e.law)))];
  const banded = laws.filter((l) => ctx.curves.some((c) => c.analysis.estimators.some((e) => e.law === l && e.predictions.some((p) => p.lo !== undefined || p.hi !== undefined))));
  // an accuracy fitted as its error: every value is the accuracy, and the last column names the error fitted
  const asError = ctx.curves.some((c) => c.analysis.fittedAsError);
  const width = 4 + laws.length + 2 * banded.length;
  const rows: Cell[][] = [['curve', 'kind', ctx.xColumn || 'x', ctx.yColumn || 'y', ...laws, ...banded.flatMap((l) => [`${l}_lo`, `${l}_hi`]), ...(asError ? ['fitted_as'] : [])]];
  for (const c of ctx.curves) {
    const a = c.analysis;
    const lawOf = lawsOf(ctx.lawOf, a);
    const curves = laws.map((id) => {
      const e = a.estimators.find((x) => x.law === id);
      const law = e?.fit ? lawOf(id) : undefined;
      return law && e?.fit ? (x: number) => fitValue(law.predict(e.fit!.params, x)) : () => undefined;
    });
    const fittedAs = a.fittedAsError ? errorNameOf(a.fittedAsError.name, a.fittedAsError.scale) : undefined;
    const row = (cells: Cell[]): Cell[] => (fittedAs !== undefined ? [...cells, ...Array<Cell>(width - cells.length).fill(undefined), fittedAs] : cells);
    for (const p of a.warmupPoints ?? []) rows.push(row([c.label, 'warmup', p.x, p.y]));
    for (const p of a.fitPoints) rows.push(row([c.label, 'fit', p.x, p.y, ...curves.map((f) => f(p.x))]));
    for (const p of a.heldOutPoints) rows.push(row([c.label, 'heldout', p.x, p.y, ...curves.map((f) => f(p.x))]));
    // the estimators predict at the same targets: one row for each
    const targets = [...new Set(a.estimators.flatMap((e) => e.predictions.map((p) => p.x)))];
    for (const x of targets) {
      const at = (id: string) => a.estimators.find((e) => e.law === id)?.predictions.find((p) => p.x === x);
      rows.push(row([c.label, 'prediction', x, undefined, ...laws.map((id) => fitValue(at(id)?.y)), ...banded.flatMap((id) => [fitValue(at(id)?.lo), fitValue(at(id)?.hi)])]));
    }
  }
  // every row has every column, so spreadsheet tools see a rectangle
  return rows.map((r) => Array.from({ length: rows[0]!.length }, (_, i) => csvCell(r[i])).join(',')).join('\n') + '\n';
}

export function toJson(ctx: ExportContext): string {
  const doc = {
    generator: 'Scaling Lens',
    source: ctx.source,
    columns: { x: ctx.xColumn, y: ctx.yColumn },
    curves: ctx.curves.map((c) => ({
      id: c.id,
      label: c.label,
      ...(c.config ? { config: c.config } : {}),
      fitPoints: c.analysis.fitPoints,
      heldOutPoints: c.analysis.heldOutPoints,
      auto: c.analysis.auto,
      ...(c.analysis.fittedAsError ? { fittedAsError: fittedAsErrorExport(c.analysis.fittedAsError) } : {}),
      warnings: c.analysis.warnings,
      estimators: c.analysis.estimators.map((e) => ({
        law: e.law,
        formula: ctx.lawOf(e.law)?.formula,
        params: e.fit?.params ?? null,
        converged: e.fit?.converged ?? false,
        reason: e.fit?.reason,
        error: e.error,
        backtest: e.backtest,
        ...(e.partsBacktest ? { partsBacktest: e.partsBacktest } : {}),
        heldOut: e.heldOut,
        intervals: e.intervals,
        predictions: c.analysis.fittedAsError ? withError(e.predictions, c.analysis.fittedAsError.scale) : e.predictions,
      })),
    })),
    ...(ctx.prediction ? { prediction: ctx.prediction } : {}),
    ...(ctx.benchmark ? { benchmark: ctx.benchmark } : {}),
    ...(ctx.plan ? { plan: planExport(ctx.plan) } : {}),
  };
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** What an accuracy fitted as its error says in the JSON: the error fitted, and which numbers are whose. */
function fittedAsErrorExport(fit: ErrorFit): object {
  const err = errorNameOf(fit.name, fit.scale);
  return { error: err, scale: fit.scale, note: `points, predictions and their lo/hi are ${fit.name}; each law was fitted to ${err}: its params, intervals, backtest and heldOut.rmsle are of ${err}` };
}

/** Each prediction of an accuracy with the error it was read from (`error`), as the CLI's JSON gives the accuracy beside the error. */
function withError(predictions: readonly Prediction[], scale: number): object[] {
  return predictions.map((p) => ({ ...p, error: flippedValue(p, scale) }));
}

/** Bytes of a `data:image/png;base64,…` URL. */
export function pngBytes(dataUrl: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error('the chart did not come back as a PNG');
  return Uint8Array.from(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
}

/**
 * The plan as exported: what the panel shows of it but its charts. Its notes go with it (the runs
 * left out, a budget far past the sweep), as `allocate --json` gives them, and so do the answers
 * to a loss asked for, limited unique data and serving.
 */
function planExport(plan: PlanView): object {
  const { targetLoss, constrained, inference, notes, point, trust, lawBackTests } = plan;
  return {
    source: plan.source,
    params: Object.fromEntries(plan.params),
    ...(targetLoss !== undefined ? { targetLoss } : {}),
    // "7B params on 1T tokens": the loss asked for, which the budget row (its optimal split) is not
    ...(point ? { point } : {}),
    budget: plan.budget,
    // how far to trust it: the sweep's back-test, and the other surface laws' on the same runs
    ...(trust ? { trust } : {}),
    ...(lawBackTests ? { lawBackTests } : {}),
    ...(constrained ? { constrained } : {}),
    ...(inference ? { inference } : {}),
    frontier: plan.rows,
    ...isoflopExport(plan),
    ...(notes?.length ? { notes } : {}),
  };
}

/**
 * A plan as a table: the loss asked at a size and token count (`asked`), the budget's split
 * (`budget`), the clearly better law's split beside it, and the frontier's rows, each with its
 * intervals as <column>_lo, <column>_hi where the panel shows them in brackets. The header it had
 * before, with no rows, told a Plan's user nothing.
 */
function planCsv(plan: PlanView): string {
  const head = ['kind', 'flops', 'N', 'D', 'tokens_per_param', 'loss', 'flops_lo', 'flops_hi', 'N_lo', 'N_hi', 'D_lo', 'D_hi', 'loss_lo', 'loss_hi'];
  const line = (kind: string, r: PlanRow): Cell[] => {
    const iv = r.intervals;
    return [kind, r.flops, r.N, r.D, r.tokensPerParam, r.loss, iv?.flops?.[0], iv?.flops?.[1], iv?.N[0], iv?.N[1], iv?.D[0], iv?.D[1], iv?.loss?.[0], iv?.loss?.[1]];
  };
  const p = plan.point;
  const rows: Cell[][] = [
    head,
    ...(p ? [['asked', p.flops, p.N, p.D, p.tokensPerParam, p.loss, undefined, undefined, undefined, undefined, undefined, undefined, p.lossInterval?.[0], p.lossInterval?.[1]]] : []),
    line(plan.targetLoss !== undefined ? 'budget_to_reach_loss' : 'budget', plan.budget),
    ...(plan.lawBackTests?.plan ? [line(`budget_${plan.lawBackTests.plan.law}`, plan.lawBackTests.plan.row)] : []),
    ...plan.rows.map((r) => line('frontier', r)),
  ];
  // 15 digits: the frontier's budgets, made by exp(log), read 4.2e22 rather than 4.199999999999998e+22
  const cell = (v: Cell): string => csvCell(typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(15)) : v);
  return rows.map((r) => Array.from({ length: head.length }, (_, i) => cell(r[i])).join(',')).join('\n') + '\n';
}

/** The plan's IsoFLOP profiles as exported: the numbers, not the chart. */
function isoflopExport(plan: PlanView): { isoflop?: Omit<NonNullable<PlanView['isoflop']>, 'chart'> } {
  if (!plan.isoflop) return {};
  const { chart: _chart, ...numbers } = plan.isoflop;
  return { isoflop: numbers };
}
