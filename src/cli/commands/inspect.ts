// scaling-lens inspect PATH [--format F] [--json]: what ingestion sees in a log file or folder —
// the format, runs, series, point counts and x kinds — so a user can check before fitting.
import { parseArgs, one, UsageError } from '../args';
import { stat } from 'node:fs/promises';
import type { Command } from '../command';
import type { FormatId, SourceData, XKind } from '../../ingest/model/model';
import { formats } from '../../ingest/formats/index';
import { readSource } from '../../ingest/files/read';
import { sizeSweepRuns } from '../../ingest/model/sizeSweep';
import { TOKENS_FROM_KEY } from '../../ingest/model/configTokens';
import { scheduleOfConfig } from '../../ingest/model/configSchedule';
import { plannedStepsOf } from '../../ingest/model/plannedSteps';
import { formatAmount } from '../../core/units';
import { parseFormat } from '../formatArg';
import { locatedWarning } from '../../ingest/model/warnings';
import { printText, type TextAnswer } from '../textAnswer';
import { terminalSafe as t } from '../terminalText';

const XKIND_ORDER: readonly XKind[] = ['step', 'epoch', 'tokens', 'samples', 'flops', 'params', 'time', 'index'];

export interface InspectJson {
  /** The format most runs were read in; `formats` lists each when the runs are in several, and each run then names its own. */
  format: FormatId;
  formats?: { format: FormatId; runs: number }[];
  /** meta: what the run records of itself (its config, hparams, or facts in its log), when anything;
   *  plannedSteps: the length it is planned to run; schedule: the LR schedule its config states. */
  runs: { name: string; format?: FormatId; meta?: Record<string, string | number>; plannedSteps?: number; schedule?: string; series: { key: string; points: number; notFinite?: number; x: XKind[] }[] }[];
  warnings: SourceData['warnings'];
}

/** The values a law can use, and the NaN or infinite ones beside them (a diverged run logs only those). */
function counts(y: Float64Array): { points: number; notFinite?: number } {
  let finite = 0;
  for (const v of y) if (Number.isFinite(v)) finite++;
  return finite === y.length ? { points: finite } : { points: finite, notFinite: y.length - finite };
}

function pointsText(y: Float64Array): string {
  const c = counts(y);
  return c.notFinite ? `${c.points} (+${c.notFinite} NaN/inf)` : String(c.points);
}

function xKinds(x: Partial<Record<XKind, Float64Array>>): XKind[] {
  return XKIND_ORDER.filter((k) => x[k] !== undefined);
}

/**
 * Each format the runs were read in, with how many runs, most first: a folder may hold logs of
 * several (a metrics.csv beside a trainer_state.json and a train.log), each run read in its own,
 * and the folder's one format (the most runs') would misname the others.
 */
export function formatsOf(src: SourceData): { format: FormatId; runs: number }[] {
  const counts = new Map<FormatId, number>();
  for (const r of src.runs) counts.set(r.format, (counts.get(r.format) ?? 0) + 1);
  return [...counts].map(([format, runs]) => ({ format, runs })).sort((a, b) => b.runs - a.runs || (a.format < b.format ? -1 : 1));
}

/** "format: csv", or, for runs of several, "formats: text (2 runs), lightning (1 run), …". */
function formatLine(src: SourceData): string {
  const all = formatsOf(src);
  if (all.length < 2) return `format: ${src.format}`;
  const each = all.map((f) => `${f.format} (${f.runs} run${f.runs === 1 ? '' : 's'})`).join(', ');
  return `formats: ${each}; each run is read in its own format, named beside its path`;
}

export function inspectJson(src: SourceData): InspectJson {
  const all = formatsOf(src);
  return {
    format: src.format,
    ...(all.length > 1 ? { formats: all } : {}),
    runs: src.runs.map((r) => {
      const plannedSteps = plannedStepsOf(r);
      const schedule = scheduleOfConfig(r.meta, plannedSteps);
      return {
        name: r.name,
        ...(all.length > 1 ? { format: r.format } : {}),
        ...(r.meta ? { meta: r.meta } : {}),
        ...(plannedSteps !== undefined ? { plannedSteps } : {}),
        ...(schedule?.ok ? { schedule: schedule.text } : {}),
        series: r.series.map((s) => ({ key: s.key, ...counts(s.y), x: xKinds(s.x) })),
      };
    }),
    warnings: src.warnings,
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** What the source holds; what the reader warned of, each as "file:line: message". */
export function inspectText(src: SourceData): TextAnswer {
  // names and keys come from the log: escaped before they reach the terminal
  const out: string[] = [formatLine(src), `runs: ${src.runs.length}`];
  const mixed = formatsOf(src).length > 1;
  for (const r of src.runs) {
    out.push('', `run ${t(r.name)}  (${t(r.origin)}${mixed ? `; ${r.format}` : ''})`);
    if (r.meta && Object.keys(r.meta).length) out.push(`  meta: ${t(Object.entries(r.meta).map(([k, v]) => `${k}=${v}`).join(', '))}`);
    const steps = plannedStepsOf(r);
    if (steps !== undefined) out.push(`  planned length: ${steps} steps`);
    const tokensFrom = r.meta?.[TOKENS_FROM_KEY];
    if (tokensFrom !== undefined) out.push(`  tokens axis: ${t(String(tokensFrom))}`);
    const planned = scheduleOfConfig(r.meta, steps);
    if (planned) out.push(`  schedule (config): ${planned.ok ? `${planned.text}; \`forecast\` follows it` : `not used: ${t(planned.why)}`}`);
    const keys = r.series.map((s) => t(s.key));
    let w = 6;
    for (const k of keys) w = Math.max(w, k.length);
    const points = r.series.map((s) => pointsText(s.y));
    const pw = Math.max(6, ...points.map((p) => p.length));
    out.push(`  ${pad('series', w)}  split  ${pad('points', pw)}  x`);
    r.series.forEach((s, i) => out.push(`  ${pad(keys[i], w)}  ${pad(s.split, 5)}  ${pad(points[i], pw)}  ${xKinds(s.x).join(', ')}`));
  }
  for (const r of sizeSweepRuns(src)) {
    const sizes = [...new Set(r.series[0]!.x.params)].sort((a, b) => a - b).map(formatAmount);
    out.push('', `${t(r.name)}: runs of ${sizes.length} sizes (${sizes.join(', ')}); \`fit --x params --group D\` fits loss against N at shared D`);
  }
  return { answer: out.join('\n'), warnings: src.warnings.map(locatedWarning) };
}

/** Why a source gave no points, in one line: an empty file, a header without rows, no log in a folder. */
async function nothingRead(path: string, src: SourceData): Promise<string> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile() && info.size === 0) return `${path} is empty (0 bytes): no runs or series to show`;
  const why = src.warnings[0]?.message;
  const what = info?.isDirectory() ? 'no series with points in this folder' : `no series with points (${src.format})`;
  return `${path}: ${what}${why ? `; ${why}` : src.runs.length > 0 ? '; no row under the header has numbers' : ''}`;
}

export const INSPECT_VALUED = ['format'];
export const INSPECT_BOOLEANS = ['json'];

export const command: Command = {
  help: [
    'scaling-lens inspect PATH [--format F] [--json]',
    '  Show what a training log (file or folder of runs) contains: detected format, runs, series,',
    '  point counts and x kinds (step, epoch, tokens, …), and any problems found while reading.',
    `  --format F   skip detection (${formats.map((f) => f.id).join(', ')})`,
    '  --json       machine-readable: {"format", "formats" (when several), "runs": [{"name", "format" (when several), "meta", "plannedSteps", "schedule", "series": [{"key", "points", "notFinite", "x"}]}], "warnings"}',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, INSPECT_VALUED, INSPECT_BOOLEANS);
    if (args.positional.length !== 1) throw new UsageError('inspect takes one PATH (a log file or a folder of runs)');
    const format = parseFormat(one(args, 'format'));
    const path = args.positional[0];
    const src = await readSource(path, format ? { format } : {});
    if (!src.runs.some((r) => r.series.some((s) => s.y.length > 0))) throw new UsageError(await nothingRead(path, src));
    if (args.switches.has('json')) console.log(JSON.stringify(inspectJson(src), null, 2));
    else printText(inspectText(src));
    return 0;
  },
};
