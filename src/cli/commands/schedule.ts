// scaling-lens schedule fit|predict: the schedule-aware laws (multi-power law, LR-annealing law)
// fitted jointly over finished runs, and a fit's loss predicted for other runs from their LR alone.
import { fitScheduleLaw, predictLoss, relErr, runLr, scheduleFromSpec, type Schedule, type ScheduleLaw } from '../../core/schedule/index';
import { one, parseArgs, seedArg, UsageError } from '../args';
import type { Command } from '../command';
import { fmt, fmtLoss } from '../numberText';
import { table } from '../textTable';
import { loadScheduleRuns, priorUnitsWarning, readFitFile, SCHEDULE_SPEC_HELP, scheduleYOf, userErrors, type ColumnChoice, type LoadedRun } from './scheduleRuns';
import { levelUnits, scheduleMetricNote as lawMetricNote, UNITS_TEXT } from '../../core/yMetric';
import { printText } from '../textAnswer';
import { closestName } from '../didYouMean';

const FIT_HELP = [
  'scaling-lens schedule fit RUN… [--law mpl|tissue] [--step COL] [--lr COL] [--y COL] [--seed S] [--json]',
  '  Fit one schedule-aware law jointly over finished runs (one parameter set for a model size and',
  '  data): mpl = multi-power law (Luo et al. 2025, 7 parameters, default), tissue = LR-annealing',
  '  law (Tissue et al. 2024, 4 parameters, λ = 0.999). Each RUN is any training log or folder of',
  '  runs that logs the learning rate (lr, learning_rate, lr-*, …) and a loss (bits or a perplexity,',
  '  named by --y or logged without a loss, are fitted as they are, and said; an accuracy or a score',
  '  that rises is refused).',
  '  Huber (δ = 1e-3) on log residuals, seeded multistart. --json: {"law","y","params","intervals","converged","reason",',
  '  "runs":[{"file","n","meanRelErr","maxRelErr"}],"seconds","warnings"}; save it for predict --from / forecast --prior',
  '  ("y", the series fitted: a run of other units is warned of, bits against nats, or refused, a perplexity against a loss).',
].join('\n');

const PREDICT_HELP = [
  'scaling-lens schedule predict --from FIT.json RUN… [--schedule SPEC] [--step COL] [--lr COL] [--y COL] [--json]',
  '  The loss a fitted schedule law predicts for each run from its learning rate alone (the logged',
  '  LR, or --schedule for the steps not logged, or the whole run). A loss series, when present, is',
  '  only used to score: meanRelErr = mean |y − ŷ|/y over the logged points, maxRelErr the largest.',
  '  With --schedule, final is at the schedule\'s last step. --json: one object per run',
  '  {"file","n","meanRelErr","maxRelErr","final":{"step","y","observed"},"warnings"} (an array for several runs).',
  ...SCHEDULE_SPEC_HELP,
].join('\n');

const COLS = ['step', 'lr', 'y'];
export const SCHEDULE_FIT_VALUED = ['law', 'seed', ...COLS];
export const SCHEDULE_PREDICT_VALUED = ['from', 'schedule', ...COLS];
export const SCHEDULE_BOOLEANS = ['json'];

function cols(args: ReturnType<typeof parseArgs>): ColumnChoice {
  return { step: one(args, 'step'), lr: one(args, 'lr'), y: one(args, 'y') };
}

async function loadAll(paths: readonly string[], c: ColumnChoice, needLoss: boolean): Promise<LoadedRun[]> {
  const out: LoadedRun[] = [];
  for (const p of paths) out.push(...(await loadScheduleRuns(p, c, needLoss)));
  return out;
}

/**
 * What the runs' y means to the law fitted (core/yMetric.ts scheduleMetricNote), as forecast reads
 * it: a run whose y rises (an accuracy, BLEU) is refused; bits or a perplexity are fitted as they are, and said.
 */
function scheduleMetricNotes(runs: readonly LoadedRun[], law: ScheduleLaw): string[] {
  for (const r of runs) {
    const { refused } = scheduleYOf(r);
    if (refused) throw new UsageError(`${r.name}: ${refused}`);
  }
  return [...new Set(runs.map((r) => lawMetricNote(r.lossKey, law))), mixedUnitsNote(runs)].filter((n) => n !== '');
}

/** What is said when the runs fitted jointly log their y in different units (bits and nats, a perplexity): one parameter set mixes them. */
function mixedUnitsNote(runs: readonly LoadedRun[]): string {
  const first = new Map<ReturnType<typeof levelUnits>, LoadedRun>();
  for (const r of runs) if (r.lossKey !== undefined && !first.has(levelUnits(r.lossKey))) first.set(levelUnits(r.lossKey), r);
  if (first.size < 2) return '';
  const each = [...first].map(([units, r]) => `${r.name}: ${r.lossKey} (${UNITS_TEXT[units]})`);
  return `the runs' y are in different units (${each.join('; ')}): one law is fitted to them all, so its level terms mix them, and the FIT.json's "y" is the first run's; give runs of one metric (--y names it)`;
}

async function fit(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, SCHEDULE_FIT_VALUED, SCHEDULE_BOOLEANS);
  if (args.positional.length === 0) throw new UsageError('schedule fit needs one or more runs (files or folders)');
  const law = (one(args, 'law') ?? 'mpl') as ScheduleLaw;
  if (law !== 'mpl' && law !== 'tissue') throw new UsageError(`--law must be mpl or tissue; got "${law}"`);
  const seed = seedArg(args) ?? 1;
  const runs = await loadAll(args.positional, cols(args), true);
  const noLr = runs.filter((r) => !r.lr);
  if (noLr.length > 0) throw new UsageError(`${noLr[0].name} logs no learning rate (name it with --lr); a schedule-aware fit needs the LR of every run — for a power law in steps use "scaling-lens fit"`);
  const metricNotes = scheduleMetricNotes(runs, law);
  const t0 = performance.now();
  const res = userErrors(() => fitScheduleLaw(runs.map((r) => ({ name: r.name, steps: r.steps, loss: r.loss, lr: r.lr })), law, seed));
  const seconds = (performance.now() - t0) / 1000;
  const warnings = [...metricNotes, ...runs.flatMap((r) => r.warnings), ...res.warnings];
  const runRows = res.runs.map((r, k) => ({ file: runs[k].name, n: r.n, meanRelErr: r.meanRelErr, maxRelErr: r.maxRelErr }));
  if (args.switches.has('json')) {
    // the series fitted, so that predict --from and forecast --prior notice a run of other units
    const y = runs[0]!.lossKey;
    console.log(JSON.stringify({ law: res.fit.law, ...(y !== undefined ? { y } : {}), params: res.fit.params, intervals: res.intervals, converged: res.converged, reason: res.reason, runs: runRows, seconds, warnings }, null, 2));
    return 0;
  }
  const rows: string[][] = [['parameter', 'value', '95% lo', '95% hi']];
  for (const [k, v] of Object.entries(res.fit.params)) rows.push([k, fmt(v), fmt(res.intervals[k]?.[0]), fmt(res.intervals[k]?.[1])]);
  const answer = [
    `${law === 'mpl' ? 'multi-power law' : 'LR-annealing law'} over ${runs.length} run${runs.length === 1 ? '' : 's'} (${fmt(seconds)} s; ${res.reason})\n`,
    table(rows) + '\n',
    table([['run', 'points', 'mean rel. err', 'max rel. err'], ...runRows.map((r) => [r.file, String(r.n), fmt(r.meanRelErr), fmt(r.maxRelErr)])]),
  ];
  printText({ answer: answer.join('\n'), warnings });
  return 0;
}

async function predict(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, SCHEDULE_PREDICT_VALUED, SCHEDULE_BOOLEANS);
  // --from takes one file; the runs may follow it without a flag in between
  const fromValues = args.flags.get('from') ?? [];
  const from = fromValues[0];
  args.positional.push(...fromValues.slice(1));
  if (!from) throw new UsageError('schedule predict needs --from FIT.json (the output of "scaling-lens schedule fit --json")');
  if (args.positional.length === 0) throw new UsageError('schedule predict needs one or more runs (files or folders)');
  const f = await readFitFile(from);
  const specText = one(args, 'schedule');
  const schedule: Schedule | undefined = specText !== undefined ? userErrors(() => scheduleFromSpec(specText)) : undefined;
  const runs = await loadAll(args.positional, cols(args), false);
  const results = runs.map((r) => {
    const units = priorUnitsWarning(f, from, r);
    if (!r.lr && !schedule) throw new UsageError(`${r.name} logs no learning rate: give --schedule SPEC (a schedule makes the prediction possible), or --lr COL`);
    const end = schedule ? schedule.total : r.lr!.steps[r.lr!.steps.length - 1];
    const scored = r.steps.filter((s) => s <= end);
    if (scored.length < r.steps.length) throw new UsageError(`${r.name} is logged to step ${r.steps[r.steps.length - 1]}, past the end of ${schedule ? 'the schedule' : 'its logged learning rate'} (${end})`);
    const evalSteps = [...new Set([...r.steps, end])].sort((a, b) => a - b);
    const lr = userErrors(() => runLr({ evalSteps, log: r.lr, schedule }));
    const pred = predictLoss(f, lr.grid, evalSteps);
    const at = new Map(evalSteps.map((s, i) => [s, pred[i]]));
    const hasLoss = r.loss.length > 0;
    const e = relErr(r.loss, r.steps.map((s) => at.get(s)!));
    const lastObs = hasLoss && r.steps[r.steps.length - 1] === end ? r.loss[r.loss.length - 1] : null;
    return {
      file: r.name,
      n: e.n,
      meanRelErr: hasLoss ? e.meanRelErr : null,
      maxRelErr: hasLoss ? e.maxRelErr : null,
      final: { step: end, y: at.get(end)!, observed: lastObs },
      warnings: [...(units ? [units] : []), ...r.warnings, ...lr.warnings],
    };
  });
  if (args.switches.has('json')) {
    console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
    return 0;
  }
  const rows: string[][] = [['run', 'points', 'mean rel. err', 'max rel. err', 'final step', 'predicted', 'observed']];
  for (const r of results) rows.push([r.file, String(r.n), fmt(r.meanRelErr), fmt(r.maxRelErr), String(r.final.step), fmtLoss(r.final.y), fmtLoss(r.final.observed)]);
  printText({ answer: `${f.law === 'mpl' ? 'multi-power law' : 'LR-annealing law'} from ${from}\n\n${table(rows)}`, warnings: results.flatMap((r) => r.warnings) });
  return 0;
}

export const command: Command = {
  help: `${FIT_HELP}\n\n${PREDICT_HELP}`,
  // `schedule fit --help` is fit's alone, `schedule predict --help` predict's
  helpFor: async ([sub]) => (sub === 'fit' ? FIT_HELP : sub === 'predict' ? PREDICT_HELP : `${FIT_HELP}\n\n${PREDICT_HELP}`),
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === 'fit') return fit(rest);
    if (sub === 'predict') return predict(rest);
    const meant = sub ? closestName(sub, ['fit', 'predict']) : undefined;
    throw new UsageError(`schedule takes a subcommand: fit or predict${sub ? ` (got "${sub}"${meant ? `; did you mean ${meant}?` : ''})` : ''}`);
  },
};
