// `scaling-lens allocate --budget C [C…] [--from FIT.json|SWEEP | --preset …] [--json]`:
// the compute-optimal model size and token count for each budget on a fitted or published
// Chinchilla surface, plus the inverse questions (--loss: compute to reach a loss; --n: a fixed
// model size on the budget; --n --d: the loss at that size and token count, allocatePoint.ts).
import { parseArgs, one, UsageError } from '../args';
import type { Command } from '../command';
import { anyRunReaches, computeForLoss, fixedSizePlan, optimalAllocation } from '../../core/allocation';
import { ScalingLensError } from '../../core/types';
import { parseBudget, parseTarget, targetMultiple, type BudgetAsk } from '../../core/units';
import { axisNoun, axisOfUnit } from '../../core/targetText';
import { bootstrapFailure } from '../../core/calibrate';
import { PLAN_RESAMPLES, allocationIntervals, interval, withEstimate } from '../../core/surfaceBootstrap';
import { lossIntervalAt, pointPlan } from '../../core/pointLoss';
import { pointAmounts } from './allocatePoint';
import { pointBeyondSweepNote } from '../../core/beyondSweep';
import { reachInterval } from '../../core/reachInterval';
import { planDraws } from '../../core/sweepSurface';
import { printText } from '../textAnswer';
import { fmt } from './surfaceOutput';
import { isoflopAllocation } from '../../core/isoflop';
import { isoflopIntervals } from '../../core/isoflopBootstrap';
import { inferenceAwarePlan } from '../../core/inferenceAllocation';
import { constrainedAllocation, constrainedIntervals } from '../../core/constrainedAllocation';
import { MUENNIGHOFF } from '../../core/laws/dataConstrained';
import { standInRun } from './allocateStandIn';
import { allocateText } from './allocateText';
import { backTestsJson, type AllocateJson } from './allocateJson';
import { planSource, sweepNotes } from './allocateSource';

export const ALLOCATE_VALUED = ['budget', 'from', 'preset', 'loss', 'n', 'd', 'level', 'unique', 'inference'];
export const ALLOCATE_BOOLEANS = ['json'];

/** What each amount counts, so that a unit that says otherwise (`--n 1e9 tokens`) is refused. */
const AMOUNT_AXIS: Record<string, string> = { n: 'params', d: 'tokens', unique: 'tokens', inference: 'tokens' };

/** What a refused --budget may have meant, as allocate's own flags. */
const CLI_ASK: BudgetAsk = { point: (n) => `give --n ${n} --d 1T`, loss: (l) => `give --loss ${l}` };

function amount(text: string, flag: string): number {
  // a multiple (10x) is of a fit's data, which allocate has none of
  const amountHint = 'give an amount such as 7e9 or 70B';
  if (flag !== 'budget' && targetMultiple(text) !== undefined) throw new UsageError(`--${flag}: "${text}" is a multiple, but allocate has no data to multiply: ${amountHint}`);
  if (flag !== 'budget' && !/\d/.test(text)) throw new UsageError(`--${flag}: "${text}" is not an amount: ${amountHint}`);
  try {
    if (flag === 'budget') return parseBudget(text, CLI_ASK);
    const { value, unit } = parseTarget(text);
    const said = axisOfUnit(unit);
    if (said !== undefined && said !== AMOUNT_AXIS[flag]) throw new UsageError(`--${flag}: "${text}" counts ${axisNoun(said) ?? said}, not ${axisNoun(AMOUNT_AXIS[flag])}`);
    return value;
  } catch (err) {
    if (err instanceof ScalingLensError) throw new UsageError(`--${flag}: ${err.message}`);
    throw err;
  }
}

export const command: Command = {
  help: [
    'scaling-lens allocate --budget C [C…] | --n N --d D [--from FIT.json|SWEEP | --preset chinchilla|epoch|epoch-huber] [--loss L [--inference I]] [--n N] [--unique U] [--level L] [--json]',
    '  Compute-optimal model size N_opt, tokens D_opt, tokens per parameter and the loss L* for each',
    '  budget C in FLOPs (C ≈ 6ND), on a fitted surface (the JSON printed by "fit --law chinchilla --json",',
    '  or the sweep itself, a table of N, D and loss or a folder of finished runs, fitted first with',
    `  ${PLAN_RESAMPLES} bootstrap refits) or a published one (default: chinchilla). --loss L: the compute needed to reach loss L.`,
    '  A budget over 10× the compute of the sweep\'s largest run is noted (JSON "notes"), as the panel\'s Plan does: for a sweep',
    '  fitted here, for a fit\'s JSON that states largestRunFlops (fits from before it did give no note), and for a',
    '  preset past the largest run it was fitted on (1.3e22 FLOPs).',
    '  From a sweep fitted here (or a fit\'s JSON that holds them), each N–D surface law (chinchilla, kaplan-nd) is',
    '  back-tested on its largest runs (JSON "backTests"); a law whose error is under half Chinchilla\'s on 3 or more',
    '  runs gets its plan printed beside (kaplan-nd\'s closed form, no intervals), as the panel\'s Plan shows it. Where',
    '  Chinchilla\'s fit gives no plan (a degenerate limit) and kaplan-nd fits, kaplan-nd\'s plan is printed instead.',
    '  --n N: train a model of N parameters on each budget instead, compared with the optimal split.',
    '  --n N --d D (no --budget): the loss of N parameters trained on D tokens, its budget 6·N·D split',
    '  optimally beside it (with an interval on the loss from a fit\'s refits).',
    '  Amounts accept suffixes: 5.76e23, 70B, 1.4T. A fit made with --bootstrap K gives intervals on',
    '  N_opt, D_opt and L* from its refits (--level L, default the fit\'s level, 0.95). A fit of an IsoFLOP',
    '  sweep also holds its IsoFLOP profiles (Approach 2): their N_opt and D_opt are printed beside.',
    '  --unique U: only U unique tokens exist (Muennighoff et al. 2023): the best N, D and epochs over U',
    '  when repeated tokens and excess parameters are worth less (R_D*, R_N* from a chinchilla-dc fit, else',
    '  the published 15.4 and 5.3), and the loss the limit costs.',
    '  --loss L --inference I: the model will then serve I tokens: the N and D that reach L at the least',
    '  training plus inference compute (Sardana et al. 2024), against the compute-optimal plan for L.',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, ALLOCATE_VALUED, ALLOCATE_BOOLEANS, { path: false });
    const nText = one(args, 'n');
    const dText = one(args, 'd');
    const point = dText === undefined ? undefined : pointAmounts(nText, dText, args.flags.has('budget'), amount);
    const budgets = point ? [point.flops] : (args.flags.get('budget') ?? []).map((b) => amount(b, 'budget'));
    if (nText !== undefined && budgets.length === 0) throw new UsageError('--n needs --budget (or --d D: the budget is then 6·N·D) to know how much compute the model gets');
    const lossText = one(args, 'loss');
    if (budgets.length === 0 && lossText === undefined) throw new UsageError('allocate needs --budget C [C…] (FLOPs), --n N --d D or --loss L');
    const found = await planSource(one(args, 'from'), one(args, 'preset'));
    if ('chinchillaNoPlan' in found) return standInRun(args, found, budgets, lossText);
    const src = found;
    const out: AllocateJson = { source: src.label, ...(src.warnings?.length ? { warnings: [...src.warnings] } : {}), surface: src.params, allocations: budgets.map((c) => optimalAllocation(src.params, c)) };
    const levelText = one(args, 'level');
    const level = levelText === undefined ? src.bootstrap?.level ?? 0.95 : Number(levelText);
    if (!(level > 0 && level < 1)) throw new UsageError(`--level must be between 0 and 1, got "${levelText}"`);
    const draws = src.bootstrap && (budgets.length > 0 || lossText !== undefined) ? planDraws(src.bootstrap.draws, src.bootstrap.resamples) : undefined;
    if (draws) {
      if (draws.failure) out.intervalNote = draws.failure;
      else {
        out.allocationIntervals = allocationIntervals(draws.usable, budgets, level, src.params);
        out.level = level;
      }
    } else if (levelText !== undefined) throw new UsageError('--level needs --from a fit made with --bootstrap K (a preset has no refits)');
    const uniqueText = one(args, 'unique');
    if (uniqueText !== undefined) {
      if (budgets.length === 0) throw new UsageError('--unique needs --budget: the compute to split when only that much unique data exists');
      const U = amount(uniqueText, 'unique');
      const decay = src.decay ?? { RD: MUENNIGHOFF.RDstar, RN: MUENNIGHOFF.RNstar };
      const decaySource = src.decay ? 'the chinchilla-dc fit' : 'published, Muennighoff et al. 2023';
      const dc = { ...src.params, ...decay };
      out.constrained = { uniqueTokens: U, ...decay, decaySource, allocations: budgets.map((c) => constrainedAllocation(dc, c, U)) };
      if (out.allocationIntervals && draws) out.constrained.intervals = out.constrained.allocations.map((at) => constrainedIntervals(draws.usable, decay, at, level));
    }
    const iso = src.isoflop;
    if (iso && budgets.length > 0) {
      out.isoflop = { a: iso.a, allocations: budgets.map((c) => isoflopAllocation(iso, c)) };
      const failure = iso.draws.length ? bootstrapFailure(iso.draws.length, iso.resamples) : undefined;
      if (failure) out.isoflop.intervalNote = failure;
      else if (iso.draws.length) {
        out.isoflop.intervals = isoflopIntervals(iso.draws, iso, budgets, level, iso.shapeShift);
        out.isoflop.aInterval = withEstimate(interval(iso.draws.map((d) => d.a), level), iso.a);
        out.isoflop.level = level;
      }
    }
    const inferenceText = one(args, 'inference');
    if (inferenceText !== undefined && lossText === undefined) throw new UsageError('--inference needs --loss: the plan is the cheapest way to reach that loss and then serve the tokens');
    if (lossText !== undefined) {
      const target = Number(lossText);
      if (!Number.isFinite(target)) throw new UsageError(`--loss must be a number, got "${lossText}"`);
      out.forLoss = { ...computeForLoss(src.params, target), targetLoss: target };
      // --loss 1e300: the solver stops at 1 FLOP and printed a model of 0.57 parameters on 0.29 tokens
      const anyRun = anyRunReaches(out.forLoss, `--loss ${lossText}`);
      if (anyRun) throw new UsageError(anyRun);
      // the compute is the answer: its interval from each refit's own least compute to reach the loss
      const reach = out.level !== undefined && draws && !draws.failure ? reachInterval(draws.usable, target, out.level, src.params) : undefined;
      if (reach) out.forLossInterval = reach;
      if (inferenceText !== undefined) out.inference = inferenceAwarePlan(src.params, target, amount(inferenceText, 'inference'));
      // a finite amount whose serving compute is not (--inference 1e300) printed "Infinity to serve … 0.0% saved"
      if (out.inference && !Number.isFinite(out.inference.totalFlops)) throw new UsageError(`--inference ${inferenceText}: serving that many tokens (2·N FLOPs each) is past any finite number of FLOPs`);
    }
    if (point) out.fixedSize = [pointPlan(src.params, point.N, point.D)];
    else if (nText !== undefined) {
      const N = amount(nText, 'n');
      out.fixedSize = budgets.map((c) => fixedSizePlan(src.params, N, c));
      // --n 1e30 --budget 1e21 trained N on 1.7e-10 tokens and printed its loss (2.5e5): no run at all
      const starved = out.fixedSize.find((p) => p.plan.D < 1);
      if (starved) throw new UsageError(`--n ${nText} on ${fmt(starved.plan.flops)} FLOPs leaves D = ${fmt(starved.plan.D)} tokens (6·N·D = C), under one: give a smaller --n or a larger --budget`);
    }
    if (out.fixedSize && out.allocationIntervals && draws) out.fixedSizeIntervals = out.fixedSize.map(({ plan }) => lossIntervalAt(draws.usable, src.params, plan.N, plan.D, level));
    const planned = [...budgets, ...(out.forLoss ? [out.forLoss.flops] : [])];
    const far = point && src.sweep?.span ? pointBeyondSweepNote(point.N, point.D, src.sweep.span, src.sweep.file) : undefined;
    const notes = [...(src.notes ?? []), ...sweepNotes(src, planned), ...(far ? [far] : [])];
    if (notes.length > 0) out.notes = notes;
    if (src.backTest) out.backTest = src.backTest;
    if (src.lawBackTests) out.backTests = backTestsJson(src.lawBackTests, planned);
    if (args.switches.has('json')) {
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }
    printText(allocateText(out, src, planned, level, point !== undefined));
    return 0;
  },
};

