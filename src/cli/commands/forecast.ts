// scaling-lens forecast RUN: a live run forecast to the end of its learning-rate schedule, with a
// band, the final loss, when a target loss is reached and how likely the run ends below it —
// beside the plain power law in steps. What-if cooldowns with --cooldown.
import { ownHistory } from '../../core/schedule/ownHistory';
import { ownHistoryText } from '../../core/schedule/ownHistoryText';
import { withoutLossSpikes } from '../../core/schedule/lossSpikes';
import { newestJumpNote } from '../../core/newestJumpNote';
import { forecastLawName, forecastRun, parseCooldownText, scheduleFromSpec, withCooldown, type Schedule, type ScheduleForecast } from '../../core/schedule/index';
import { bootstrapArg, MAX_RESAMPLES, num, one, parseArgs, seedArg, UsageError } from '../args';
import type { Command } from '../command';
import { fmt, fmtLoss } from '../numberText';
import { table } from '../textTable';
import { loadScheduleRuns, priorUnitsWarning, readFitFile, SCHEDULE_SPEC_HELP, scheduleYOf, userErrors } from './scheduleRuns';
import { printText } from '../textAnswer';
import { lossMeaningText } from '../../core/yMetric';

function parseCooldown(text: string, base: Schedule, lastStep: number): Schedule {
  return userErrors(() => {
    try {
      return withCooldown(base, parseCooldownText(text, lastStep, base.total));
    } catch (err) {
      if (err instanceof Error) err.message = `--cooldown: ${err.message}`;
      throw err;
    }
  });
}

export const FORECAST_VALUED = ['schedule', 'prior', 'target-loss', 'cooldown', 'step', 'lr', 'y', 'bootstrap', 'seed'];
export const FORECAST_BOOLEANS = ['json', 'keep-warmup'];

export const command: Command = {
  help: [
    'scaling-lens forecast RUN [--schedule SPEC] [--prior FIT.json] [--target-loss L] [--cooldown AT,SHAPE,OVER[,END]]',
    '                          [--step COL] [--lr COL] [--y COL] [--bootstrap K] [--seed S] [--keep-warmup] [--json]',
    '  Forecast a run (any training log) to the end of its learning-rate schedule: the loss curve with',
    '  a 95% band, the final loss, the step a --target-loss is reached and the probability the run ends',
    '  below it; the power law in steps (E + A·step^−a) on the same prefix beside it.',
    '  --schedule SPEC gives η for the steps not logged yet (and all steps when the log has no LR);',
    '  a logged LR that disagrees with it is reported. --prior FIT.json (from "schedule fit" on',
    '  finished sibling runs) holds the schedule response at the prior\'s and refits the level (L0, A)',
    '  on this run; without it the LR-annealing law is fitted on the run alone.',
    '  The losses logged before the LR warmup ends (the schedule\'s warmup, else where the logged LR',
    '  first reaches its peak) are left out of the fit, as fit does; --keep-warmup fits them too.',
    '  --cooldown now,linear,2000 | 18000,exp,4000[,END]: what if the LR decays from step AT (now =',
    '  the last logged step) to END (default 10% of η there) over OVER steps, ending the run there.',
    ...SCHEDULE_SPEC_HELP,
    '  --json: {"law","final":{"step","y","lo","hi"},"reaches":{"loss","step","probability"},',
    '          "curve":[{"step","y","lo","hi"}],"powerLaw":{"final":…},"ownHistory":{…}|null,…}',
    '  Under the table: the forecast back-tested on the run\'s own log, as the panel\'s Forecast block says it.',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, FORECAST_VALUED, FORECAST_BOOLEANS);
    if (args.positional.length !== 1) throw new UsageError(`forecast takes one run (a file or a run folder); got ${args.positional.length}`);
    const path = args.positional[0];
    const specText = one(args, 'schedule');
    let schedule: Schedule | undefined = specText !== undefined ? userErrors(() => scheduleFromSpec(specText)) : undefined;
    const prior = one(args, 'prior') !== undefined ? await readFitFile(one(args, 'prior')!) : undefined;
    const target = num(args, 'target-loss');
    if (target !== undefined && !(target > 0)) throw new UsageError(`--target-loss must be > 0; got ${target}`);
    const bootstrap = bootstrapArg(args, MAX_RESAMPLES);
    const seed = seedArg(args);
    const runs = await loadScheduleRuns(path, { step: one(args, 'step'), lr: one(args, 'lr'), y: one(args, 'y') }, true);
    if (runs.length > 1) throw new UsageError(`${path} holds ${runs.length} runs (${runs.slice(0, 3).map((r) => r.name).join(', ')}…); forecast one run's file or folder`);
    const run = runs[0];
    // the schedule laws are laws of a falling loss: an accuracy or a score that rises is not forecast
    const { metric, refused } = scheduleYOf(run);
    if (refused) throw new UsageError(refused);
    const planned = run.configSchedule;
    const notes: string[] = [];
    const priorUnits = prior && priorUnitsWarning(prior, one(args, 'prior')!, run);
    if (priorUnits) notes.push(priorUnits);
    if (!schedule && planned?.ok) {
      // the run's config states the schedule it was started with: the plan, before any decay is logged
      schedule = scheduleFromSpec(planned.text);
      notes.push(`schedule from the run's config (${planned.from}): ${planned.text}; --schedule overrides it`);
    } else if (!schedule && planned && !planned.ok) notes.push(`the run's config names a schedule that is not used: ${planned.why}`);
    if (!run.lr && !schedule) {
      throw new UsageError(`${run.name} logs no learning rate and no --schedule was given${planned && !planned.ok ? ` (its config's: ${planned.why})` : ''}: a schedule (e.g. --schedule cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5) makes the forecast schedule-aware; for a plain power-law forecast use "scaling-lens fit ${path}"`);
    }
    const cooldown = one(args, 'cooldown');
    if (cooldown !== undefined) {
      const base = schedule ?? undefined;
      if (!base) throw new UsageError('--cooldown needs --schedule (the schedule the cooldown departs from), or a run whose config states one');
      schedule = parseCooldown(cooldown, base, run.steps[run.steps.length - 1]);
    }
    // the loss spikes fit leaves out, left out here too (the panel's forecast does the same)
    const kept = withoutLossSpikes(run.steps, run.loss);
    if (kept.spikes > 0) notes.push(`left ${kept.spikes} loss spike${kept.spikes === 1 ? '' : 's'} out of the forecast (far above the running median), as fit does`);
    if (kept.newest) notes.push(newestJumpNote(kept.newest, 'the forecast'));
    const request = { steps: kept.steps, loss: kept.loss, lr: run.lr, schedule, prior, targetLoss: target, bootstrap, seed, plannedSteps: run.plannedSteps, keepWarmup: args.switches.has('keep-warmup') };
    const fc: ScheduleForecast = userErrors(() => forecastRun(request));
    // how far the forecast can be trusted, as the panel's Forecast block says it
    const own = ownHistory(request);
    // no resamples, no band: what is left (back-test and decay terms) is no 95% band, and the
    // probability of a target would be read off a band of zero width
    const bandless = bootstrap === 0;
    if (bandless) notes.push('--bootstrap 0: no band and no probability (give resamples for them)');
    const warnings = [...notes, ...run.warnings, ...fc.warnings];
    const banded = <T extends { lo: number; hi: number }>(p: T): T | (Omit<T, 'lo' | 'hi'> & { lo: null; hi: null }) => (bandless ? { ...p, lo: null, hi: null } : p);
    const reaches = fc.reaches && bandless ? { ...fc.reaches, probability: null } : fc.reaches;
    if (args.switches.has('json')) {
      console.log(JSON.stringify({ law: fc.law, mode: fc.mode, schedule: schedule?.label ?? null, endsAt: schedule ? 'schedule' : 'last-logged', params: fc.params, free: fc.free, final: banded(fc.final), undetermined: fc.undetermined === true, reaches: reaches ?? null, curve: fc.curve.map(banded), powerLaw: { ...fc.powerLaw, final: banded(fc.powerLaw.final) }, lastValue: fc.lastValue, ownHistory: own ?? null, warnings }, null, 2));
      return 0;
    }
    const lawName = forecastLawName(fc);
    const lines = [`${run.name}: ${run.lossKey} with ${run.lr ? `logged ${run.lrKey}` : 'no logged LR'}${schedule ? `, schedule ${schedule.label}` : ''}`];
    lines.push(`${lawName}, ${fc.mode === 'prior' ? 'level refitted on the run, shape from the prior' : 'fitted on the run alone'}\n`);
    // the column is named for what it holds: "val_perplexity" values are no losses
    const rows: string[][] = [['forecast', 'step', run.lossKey || 'loss', '95% lo', '95% hi']];
    const edges = (p: { lo: number; hi: number }): string[] => (bandless ? ['—', '—'] : [fmtLoss(p.lo), fmtLoss(p.hi)]);
    rows.push([fc.undetermined ? `${lawName} (not determined yet)` : lawName, String(fc.final.step), fmtLoss(fc.final.y), ...edges(fc.final)]);
    rows.push(['power law in steps', String(fc.powerLaw.final.step), fmtLoss(fc.powerLaw.final.y), ...edges(fc.powerLaw.final)]);
    rows.push(['last value held', String(fc.lastValue.final.step), fmtLoss(fc.lastValue.final.y), '—', '—']);
    lines.push(table(rows));
    const meaning = lossMeaningText(metric, fc.final.y, bandless ? undefined : fc.final.lo, bandless ? undefined : fc.final.hi);
    if (meaning) lines.push(`${run.lossKey ?? 'y'} ${fmtLoss(fc.final.y)} at step ${fc.final.step} is ${meaning}`);
    if (own) lines.push(`\n${ownHistoryText(own)}`);
    if (reaches) {
      const r = reaches;
      // without a schedule the forecast stops at the last logged step: its "final" is the loss there, not the run's
      const end = schedule ? 'the end of the schedule' : `step ${fc.final.step}, the last logged (without --schedule the forecast goes no further)`;
      const p = schedule ? 'P(final < target)' : `P(loss at step ${fc.final.step} < target)`;
      lines.push(`\ntarget ${fmt(r.loss)}: ${r.step !== null ? `reached at step ${r.step}` : `not reached by ${end}`}; ${p} = ${r.probability === null ? '—' : `${(100 * r.probability).toFixed(0)}%`}`);
    }
    printText({ answer: lines.join('\n'), warnings });
    return 0;
  },
};
