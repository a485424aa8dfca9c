// Data + fits as CSV (one tidy table) or JSON (everything, parameters included). Pure.
import type { CurveAnalysis } from '../../core/analysis';
import type { Law } from '../../core/types';
import type { BenchmarkView, PlanView, PredictionView } from '../../shared/protocol';

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

/** Columns: curve, kind (warmup | fit | heldout | fitted | prediction), estimator, x, y, lo, hi. */
export function toCsv(ctx: ExportContext): string {
  const rows: (string | number | undefined)[][] = [['curve', 'kind', 'estimator', ctx.xColumn || 'x', ctx.yColumn || 'y', 'lo', 'hi']];
  for (const c of ctx.curves) {
    const a = c.analysis;
    for (const p of a.warmupPoints ?? []) rows.push([c.label, 'warmup', '', p.x, p.y]);
    for (const p of a.fitPoints) rows.push([c.label, 'fit', '', p.x, p.y]);
    for (const p of a.heldOutPoints) rows.push([c.label, 'heldout', '', p.x, p.y]);
    for (const e of a.estimators) {
      const law = ctx.lawOf(e.law);
      if (e.fit && law) {
        for (const p of [...a.fitPoints, ...a.heldOutPoints]) rows.push([c.label, 'fitted', e.law, p.x, law.predict(e.fit.params, p.x)]);
      }
      for (const p of e.predictions) rows.push([c.label, 'prediction', e.law, p.x, p.y, p.lo, p.hi]);
    }
  }
  // every row has every column, so spreadsheet tools see a rectangle
  const width = rows[0]!.length;
  return rows.map((r) => Array.from({ length: width }, (_, i) => csvCell(r[i])).join(',')).join('\n') + '\n';
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
        predictions: e.predictions,
      })),
    })),
    ...(ctx.prediction ? { prediction: ctx.prediction } : {}),
    ...(ctx.benchmark ? { benchmark: ctx.benchmark } : {}),
    ...(ctx.plan ? { plan: { source: ctx.plan.source, params: Object.fromEntries(ctx.plan.params), budget: ctx.plan.budget, frontier: ctx.plan.rows, ...isoflopExport(ctx.plan) } } : {}),
  };
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** Bytes of a `data:image/png;base64,…` URL. */
export function pngBytes(dataUrl: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error('the chart did not come back as a PNG');
  return Uint8Array.from(Buffer.from(dataUrl.slice(prefix.length), 'base64'));
}

/** The plan's IsoFLOP profiles as exported: the numbers, not the chart. */
function isoflopExport(plan: PlanView): { isoflop?: Omit<NonNullable<PlanView['isoflop']>, 'chart'> } {
  if (!plan.isoflop) return {};
  const { chart: _chart, ...numbers } = plan.isoflop;
  return { isoflop: numbers };
}
