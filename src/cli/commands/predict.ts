// scaling-lens predict PATH --x COL --y COL --at X…: the loss a fitted curve (from a CSV table or
// any training log) predicts at given x, with a bootstrap interval.
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { sweepOrderWarning } from '../sweepOrder';
import { printText, saidAbout } from '../textAnswer';
import { reachText } from '../../core/reach';
import { meaningLines, reachAskedNote, reachValueText } from '../yMetricCurves';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest, refuseOtherTargetFlag } from '../curveRequest';
import { describe, levelText, sharedWarnings } from '../curveText';
import { fitLoaded } from '../curveFit';
import { fmt, fmtLoss } from '../numberText';
import { loadCurves } from '../loadCurves';
import { outcomeStatus, outcomeSummary } from '../fitOutcome';
import { scatterText, trustText } from '../../core/units';
import { table } from '../textTable';

export const command: Command = {
  help: [
    'scaling-lens predict PATH --x COL --y COL --at X… | --reach LOSS… [--group COL…] [--law auto|m1|…|bnsl-N|mix|avg(a+b…)]',
    '                      [--fit-until X | --holdout-frac F] [--bootstrap K] [--level L] [--seed S] [--upper-bound U]',
    '                      [--robust huber|trim|trim+huber|none] [--format F] [--keep-warmup] [--json]',
    '  Predict y at each --at (1e10, 2B, 10x …) from a learning curve in a CSV file, with an interval',
    '  of coverage --level L (default 0.95) from --bootstrap K seeded resamples (default 200; 0 for',
    '  none), widened by the curve\'s own back-test errors at the same extrapolation distance, and',
    '  how far those back-tests missed ("a 2× extrapolation missed by 0.8%"). --reach LOSS: the x at',
    '  which the fitted curve reaches that loss, with the x at which its interval\'s edges do (a loss the',
    '  log already reached: where the log first got there and the median of the points from there, as in the panel).',
    '  PATH may also be any training log or folder of runs, as for `fit` (--y series key and --x x kind,',
    '  both optional; --group run for one curve per run, --group N for one per model size of a sweep;',
    '  --x params --group D for runs whose names state their sizes: loss against N at shared D).',
    '  --robust, --keep-warmup, --fit-until, --holdout-frac and --upper-bound work as for `fit` (see fit --help).',
    '  y a perplexity or bits: answered in it, and as the loss in nats it means (JSON lossNats); --reach in',
    '  its units. An accuracy: fitted as its error (1 − acc), read back as the accuracy, --reach an accuracy.',
    '  BLEU, F1 or another score that rises: refused, saying what to fit (docs/cli.md, What y measures).',
  ].join('\n'),
  async run(argv) {
    refuseOtherTargetFlag(argv, 'at');
    const args = parseArgs(argv, CURVE_FIT_VALUED.filter((f) => f !== 'target'), CURVE_FIT_BOOLEANS);
    if (!args.flags.get('at')?.length && !args.flags.get('reach')?.length) throw new UsageError('predict needs --at X (one or more x values) or --reach LOSS');
    const full = curveRequest(args, 'at', 200);
    const loaded = await loadCurves(full);
    const results = fitLoaded(full, loaded);
    if (results.length === 0) throw new UsageError('nothing to predict from');
    const grouped = (args.flags.get('group') ?? []).length > 0;
    const tally = () => {
      if (grouped || results.some((r) => r.error !== undefined)) console.error(outcomeSummary(results));
    };
    const order = grouped ? sweepOrderWarning(results, loaded.yKey ?? 'y') : undefined;
    if (args.switches.has('json')) {
      // stdout is the JSON; the warning about the curves together goes where the tally does
      if (order) printText({ answer: '', warnings: [order] });
      const out = results.map((r) => ({ group: r.group, ...(r.metric !== undefined ? { metric: r.metric } : {}), law: r.law, ...(r.level !== undefined ? { level: r.level } : {}), predictions: r.predictions, ...(r.reach ? { reach: r.reach } : {}), warnings: r.warnings, ...(r.error !== undefined ? { error: r.error } : {}) }));
      console.log(JSON.stringify(grouped ? out : out[0], null, 2));
      tally();
      return outcomeStatus(results);
    }
    const lines: string[] = loaded.description ? [`${loaded.description}\n`] : [];
    const lv = levelText(full.level);
    const rows: string[][] = [['curve', 'law', 'x', 'predicted y', `${lv} lo`, `${lv} hi`, '  on this curve\'s own history']];
    for (const r of results) {
      for (const p of r.predictions) rows.push([describe(r.group).replace(/: $/, '') || '-', r.law, fmt(p.x), fmtLoss(p.y), fmtLoss(p.lo), fmtLoss(p.hi), `  ${trustText(p.trust) || '—'}`]);
    }
    if (rows.length > 1) lines.push(table(rows));
    const yName = loaded.yKey ?? 'y';
    for (const r of results) for (const said of meaningLines(loaded, r.predictions, fmt)) lines.push(`${describe(r.group)}${said}`);
    for (const r of results) for (const reach of r.reach ?? []) lines.push(`${describe(r.group)}${reachText(reach, yName, lv, '', reachValueText(loaded))}${reachAskedNote(loaded, reach)}`);
    for (const r of results) if (r.error !== undefined) lines.push(`${describe(r.group)}not fitted: ${r.error}`);
    for (const r of results) for (const note of new Set(r.predictions.map((p) => p.intervalNote ?? scatterText(p.scatter, lv)).filter((n) => n))) lines.push(`${describe(r.group)}${note}`);
    const shared = sharedWarnings(loaded, results);
    const own = results.flatMap((r) => saidAbout(describe(r.group), r.warnings.filter((w) => !shared.has(w))));
    printText({ answer: lines.join('\n'), warnings: [...shared, ...(order ? [order] : []), ...own] });
    tally();
    return outcomeStatus(results);
  },
};
