// scaling-lens fit PATH --x COL --y COL …: fit a learning-curve law (or let back-testing choose one)
// to a CSV table or any training log, report parameters, back-test and held-out errors, and predictions at targets.
// Surface laws (--law chinchilla …, or --n) are handed to the surfaces command module.
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest, refuseOtherTargetFlag } from '../curveRequest';
import { describe, levelText, outlierText, sharedWarnings } from '../curveText';
import { fitLoaded } from '../curveFit';
import { fmt, fmtLoss } from '../numberText';
import { loadCurves } from '../loadCurves';
import { outcomeStatus, outcomeSummary } from '../fitOutcome';
import { scatterText, trustText } from '../../core/units';
import { table } from '../textTable';
import type { CurveFitJson } from '../curveFitJson';
import { AUTO_CANDIDATES } from '../../core/laws/index';
import { printText, saidAbout, type Said, type TextAnswer } from '../textAnswer';
import { reachText } from '../../core/reach';
import { meaningLines, reachAskedNote, reachValueText } from '../yMetricCurves';
import type { LoadedCurves } from '../sourceCurves';
import { sameFitText } from '../../core/sameFit';

/** One curve's result, and its warnings (those not in `saidAbove`, said once for every curve) named by its group. */
export function fitText(r: CurveFitJson, saidAbove: ReadonlySet<string> = new Set(), yName = 'y', loaded?: LoadedCurves): TextAnswer & { readonly warnings: readonly Said[] } {
  const out: string[] = [];
  const about = describe(r.group);
  const said = (ws: readonly string[]): Said[] => saidAbout(about, ws);
  const warnings = r.warnings.filter((w) => !saidAbove.has(w));
  if (r.error !== undefined) {
    out.push(`${about}${r.law}  (${r.nFit} fit points; not fitted: ${r.error})`);
    return { answer: out.join('\n'), warnings: said(warnings) };
  }
  out.push(`${describe(r.group)}${r.law}  (${r.nFit} fit points; ${r.converged ? 'converged' : `NOT converged: ${r.reason}`})`);
  out.push(`  ${r.formula}`);
  if (r.auto) out.push(`  auto's choice: ${r.auto.reason}`);
  const hasCi = Object.keys(r.intervals).length > 0;
  const lv = levelText(r.level);
  const rows: string[][] = [['  parameter', 'value', ...(hasCi ? [`${lv} lo`, `${lv} hi`] : [])]];
  for (const [k, v] of Object.entries(r.params)) {
    const ci = r.intervals[k];
    rows.push([`  ${k}`, fmt(v), ...(hasCi ? [fmt(ci?.[0]), fmt(ci?.[1])] : [])]);
  }
  out.push(table(rows));
  if (r.backtest) out.push(`  back-test RMSLE ${fmt(r.backtest.rmsle)} (weighted over cuts; main cut: fit ${r.backtest.nFit}, scored ${r.backtest.nScored})`);
  if (r.heldOut) out.push(`  held-out RMSLE ${fmt(r.heldOut.rmsle)} on ${r.heldOut.n} points`);
  if (r.predictions.length) {
    const hasPi = r.predictions.some((p) => p.lo !== undefined);
    const hasTrust = r.predictions.some((p) => p.trust);
    const prow: string[][] = [['  x', 'predicted y', ...(hasPi ? [`${lv} lo`, `${lv} hi`] : []), ...(hasTrust ? ['  on this curve\'s own history'] : [])]];
    for (const p of r.predictions) prow.push([`  ${fmt(p.x)}`, fmtLoss(p.y), ...(hasPi ? [fmtLoss(p.lo), fmtLoss(p.hi)] : []), ...(hasTrust ? [`  ${trustText(p.trust)}`] : [])]);
    out.push(table(prow));
    for (const note of new Set(r.predictions.map((p) => p.intervalNote ?? scatterText(p.scatter, lv)).filter((n) => n))) out.push(`  ${note}`);
  }
  if (loaded) for (const said of meaningLines(loaded, r.predictions, fmt)) out.push(`  ${said}`);
  for (const reach of r.reach ?? []) out.push(`  ${reachText(reach, yName, lv, '', loaded ? reachValueText(loaded) : String)}${loaded ? reachAskedNote(loaded, reach) : ''}`);
  if (r.auto) {
    // scores right-aligned in their column; a note (failed, not a candidate) starts where the column
    // does, so one long failure message does not push every score far to the right
    const crow: string[][] = [['  candidate', 'back-test RMSLE']];
    const notes = r.auto.candidates.map((c) => (c.error ? `failed: ${c.error}` : c.backtest === null ? (AUTO_CANDIDATES.includes(c.law) ? 'not back-tested' : 'not a candidate') : ''));
    r.auto.candidates.forEach((c, i) => crow.push([`  ${c.law}`, notes[i] ? '' : fmt(c.backtest)]));
    const lawWidth = Math.max(...crow.map((row) => row[0].length));
    // a law that collapsed to an earlier one's fit is marked after its score, as the panel's table marks it
    const twin = (i: number): string => (r.auto!.candidates[i]?.sameAs !== undefined ? `  (${sameFitText(r.auto!.candidates[i]!.sameAs!)})` : '');
    out.push(table(crow).split('\n').map((line, i) => (i > 0 && notes[i - 1] ? `${crow[i][0].padEnd(lawWidth)}  ${notes[i - 1]}` : i > 0 ? `${line}${twin(i - 1)}` : line)).join('\n'));
  }
  const spikeWarning = /^(left \d+ loss spikes? out of the fit|\d+ loss spikes? found)/;
  // a sweep's runs far off its surface are named in the warnings; the spike line is for spikes
  const spikes = outlierText(r.outliers.filter((p) => !p.why), r.warnings.some((w) => spikeWarning.test(w) && /Huber/.test(w)));
  if (spikes) out.push(`  ${spikes}`);
  // the analysis's own spike warning says the same as the line above, without the x values
  return { answer: out.join('\n'), warnings: said(warnings.filter((w) => !(spikes && spikeWarning.test(w)))) };
}

/** A surface fit (fit --law chinchilla, or columns given by --n) rather than a learning-curve fit. */
function isSurfaceCall(argv: readonly string[], isSurfaceLaw: (id: string | undefined) => boolean): boolean {
  const lawIdx = argv.findIndex((a) => a === '--law' || a.startsWith('--law='));
  const lawValue = lawIdx < 0 ? undefined : argv[lawIdx]!.includes('=') ? argv[lawIdx]!.split('=')[1] : argv[lawIdx + 1];
  return argv.includes('--n') || argv.some((a) => a.startsWith('--n=')) || isSurfaceLaw(lawValue);
}

export const command: Command = {
  help: [
    'scaling-lens fit PATH --x COL --y COL [--group COL…] [--law auto|m1|m2|m3|m4|bnsl|bnsl-N|mix|avg(a+b…)]',
    '                  [--fit-until X | --holdout-frac F] [--target X…] [--reach LOSS…] [--bootstrap K] [--level L] [--seed S]',
    '                  [--upper-bound U] [--robust huber|trim|trim+huber|none] [--format F] [--keep-warmup] [--json]',
    '  Fit a learning-curve law to the (x, y) columns of a CSV file, one curve per --group value.',
    '  PATH may also be any training log or folder of runs that `inspect` reads (lightning_logs/,',
    '  TensorBoard, HF output_dir, W&B, JSONL, stdout logs): --y is then a series key (default the',
    '  most loss-like series, validation loss first, named in a warning), --x an x kind (tokens,',
    '  samples, flops, params, step, epoch; default the first of these the series has), --group run',
    '  fits each run (a CSV with a run/model_name column has one run per value), --format F skips detection.',
    '  e.g. scaling-lens fit path/to/lightning_logs --y val_loss --group run',
    '  A sweep table (one row per run: N, D or C, final loss): --group N fits loss against D for each',
    '  model size (--x params --group D: against N for each D); an IsoFLOP table\'s compute frontier',
    '  (lowest loss per budget) is fitted against C by default. Runs whose names state their sizes',
    '  (OPT · 125m … OPT · 175b, pythia-160m.csv …): --x params --group D fits loss against N at each of',
    '  six shared D (each run\'s loss read there), to predict a bigger model.',
    '  --law auto (default) back-tests every law on prefixes of the fit points and predicts with the',
    '  geometric mean of the 3 best, avg(a+b+c) (which --law also accepts); bnsl keeps the best',
    '  BNSL with 0–3 breaks; bnsl-1-log1p fits BNSL-1 on log(y+1) as its authors do.',
    '  --robust: trim (default) leaves loss spikes out of every fit (on curves of 20+ points, and points',
    '  ×1.5 above their neighbours on any of 5+); huber fits M2–M4 under a Huber loss on log residuals,',
    '  BNSL without the spikes; none: least squares.',
    '  A training log is fitted from the end of its learning-rate warmup (where its logged LR first',
    '  peaks, or, with no LR logged, where its config says; the loss there follows the ramp, not the',
    '  data): --keep-warmup fits it all.',
    '  --fit-until / --holdout-frac hold later points out and',
    '  score the fit on them. --target accepts 1e10, 2B, 300B tokens or 10x (times the largest x).',
    '  --reach LOSS: the x at which the fit reaches that loss (and, with --bootstrap, when its interval\'s',
    '  edges do), looked for up to 1000× the data (JSON "reach": [{"loss", "x", "lo", "hi", "until", "dataEnd"}]);',
    '  a loss the log already reached is answered from the log, as in the panel ("logged": where it first got',
    '  there, "loggedLevel": the median of the "loggedOver" points from there); "x" stays the fit\'s own reach,',
    '  which the text adds when it lies elsewhere.',
    '  --bootstrap K adds intervals from K seeded resamples, widened by how far the curve\'s own',
    '  back-tests missed at the same extrapolation distance; --level L their coverage (default 0.95).',
    '  With --holdout-frac the JSON lists heldOut.points (x, y, pred, lo, hi). --upper-bound: the metric\'s maximum',
    '  (error rates: 1), used by M4.',
    '  Each curve is fitted on its own: one that cannot be (too few points, constant, …) is reported',
    '  with its reason ("error" in --json) and the others still are; a tally "n fitted, n failed (why)"',
    '  goes to stderr. Exit status 0 when at least one curve fitted, 1 when none did, 2 on bad arguments\n  or input, 3 on an internal error.',
    '  Surface laws: --law chinchilla|kaplan-… (see `fit --law chinchilla --help`).',
  ].join('\n'),
  async helpFor(argv) {
    const surface = await import('./fitSurface');
    return isSurfaceCall(argv, surface.isSurfaceLaw) ? surface.SURFACE_FIT_HELP : this.help;
  },
  async run(argv) {
    const surface = await import('./fitSurface');
    if (isSurfaceCall(argv, surface.isSurfaceLaw)) {
      return surface.runSurfaceFit(parseArgs(argv, surface.SURFACE_FIT_VALUED, surface.SURFACE_FIT_BOOLEANS));
    }
    refuseOtherTargetFlag(argv, 'target');
    const args = parseArgs(argv, CURVE_FIT_VALUED.filter((f) => f !== 'at'), CURVE_FIT_BOOLEANS);
    const req = curveRequest(args, 'target');
    const loaded = await loadCurves(req);
    const results = fitLoaded(req, loaded);
    if (results.length === 0) throw new UsageError('nothing to fit');
    const grouped = (args.flags.get('group') ?? []).length > 0;
    if (args.switches.has('json')) {
      console.log(JSON.stringify(grouped ? results : results[0], null, 2));
    } else {
      const shared = sharedWarnings(loaded, results);
      const yName = loaded.yKey ?? 'y';
      const curves = results.map((r) => fitText(r, shared, yName, loaded));
      const answer = `${loaded.description ? `${loaded.description}\n\n` : ''}${curves.map((c) => c.answer).join('\n\n')}`;
      printText({ answer, warnings: [...shared, ...curves.flatMap((c) => c.warnings)] });
    }
    // stdout stays the results (valid JSON with --json); the tally goes beside it
    if (grouped || results.some((r) => r.error !== undefined)) console.error(outcomeSummary(results));
    return outcomeStatus(results);
  },
};
