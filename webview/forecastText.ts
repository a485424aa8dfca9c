// The Forecast block's words (pure, unit-tested): the final loss line, the power law beside it,
// "reaches L at step s" with an ETA in steps and wall time, the what-if.
import type { ForecastPointView, ForecastReachView, ForecastResultView, ForecastView } from '../src/shared/protocol';
import { hasEnded, ownHistoryText } from '../src/core/schedule/ownHistoryText';
import { fmtLoss, fmtLossInterval, formatNumber } from './format';
import { probabilityIs, probabilityPercent } from '../src/core/units';
import { lossMeaningText, yMetricOf } from '../src/core/yMetric';

/** "1 h 05 min" for an ETA in seconds ("45 min" under an hour); days spelled out past 48 h. */
export function fmtEta(seconds: number): string {
  const minutes = Math.max(0, Math.round(seconds / 60));
  const hours = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(2, '0');
  if (hours >= 48) return `${Math.floor(hours / 24)} d ${hours % 24} h`;
  return hours === 0 ? `${minutes} min` : `${hours} h ${mm} min`;
}

const steps = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "P(final < 3.3) = 97%", but a bound as a bound: "P(final < 3.3) < 1%". */
const isPct = (p: number): string => probabilityIs(probabilityPercent(p));

/** A forecast value with its band, four significant digits each (as the headline writes losses). */
const withInterval = (p: ForecastPointView): string => `${fmtLoss(p.y)} ${fmtLossInterval(p.lo, p.hi)}`;

/** "reaches 3.3 at step 32,880 (in 4,600 steps, ≈ 1 h 17 min); P(final < 3.3) = 97%" */
export function reachLine(r: ForecastReachView, lastStep: number): string {
  let when: string;
  if (r.step === null) when = `does not reach ${formatNumber(r.loss)} by the end of the schedule`;
  else if (r.step <= lastStep) when = `reached ${formatNumber(r.loss)} at step ${steps(r.step)}`;
  else {
    const eta = r.etaSeconds !== undefined ? `, ≈ ${fmtEta(r.etaSeconds)}` : '';
    when = `reaches ${formatNumber(r.loss)} at step ${steps(r.step)} (in ${steps(r.etaSteps ?? r.step - lastStep)} steps${eta})`;
  }
  return `${when}; P(final < ${formatNumber(r.loss)}) ${isPct(r.probability)}`;
}


const reachedEnd = (r: ForecastResultView): boolean => r.lastValue.step >= r.final.step;

/** The lines of the block (pure, so they are unit-tested). */
export function forecastLines(f: ForecastView, yLabel: string): { head?: string; lines: string[]; notes: string[] } {
  const notes = [...f.warnings];
  const r = f.result;
  if (!r) {
    const lines = f.error ? [] : f.hint ? [] : ['Forecasting to the end of the schedule…'];
    return { lines, notes };
  }
  const law = r.lawName;
  const how = r.mode === 'prior' ? `level refitted on this run, shape from ${f.prior ?? 'the prior'}` : 'fitted on this run alone';
  const lines = [
    `${law} (${how}) · fitted to step ${steps(r.fittedTo)}${f.spec ? ` · schedule ${f.spec}` : f.lrKey ? ` · logged ${f.lrKey}` : ''}`,
    `power law in steps: ${withInterval(r.powerLaw.final)} · last value held: ${fmtLoss(r.lastValue.y)}`,
  ];
  // a perplexity or bits forecast: the loss in nats its final value means, as the headline says it
  const meaning = lossMeaningText(yMetricOf(yLabel), r.final.y, r.final.lo, r.final.hi);
  if (meaning) lines.splice(1, 0, `as a loss: ${meaning}`);
  // the chance of an undetermined end is mostly its band's width: not said
  if (r.reaches && !r.undetermined) lines.push(reachLine(r.reaches, r.lastValue.step) + (f.target?.from && f.target.loss === r.reaches.loss ? ` (the final loss of ${f.target.from})` : ''));
  if (r.reaches && f.warning) notes.unshift(`Early warning: this run is unlikely to end below ${formatNumber(r.reaches.loss)} (P ${isPct(f.warning.probability)}, under the ${probabilityPercent(f.warning.threshold)} threshold of scalingLens.warnBelowProbability).`);
  if (r.ownHistory && !reachedEnd(r)) lines.push(ownHistoryText(r.ownHistory));
  if (r.whatIf) lines.push(`what if ${r.whatIf.label}: ${withInterval(r.whatIf.final)} at step ${r.whatIf.final.step}`);
  // a run at the end of its schedule: the law's value there, beside what was logged, is no forecast;
  // nor is it for a run logged to within its last logging interval of the end (71,920 of 72,000)
  const reached = reachedEnd(r);
  const nearEnd = !reached && hasEnded(r.lastValue.step, r.final.step);
  // steps written as the trust and reach lines below write them ("step 18,800 → 36,848")
  const end = steps(r.final.step);
  const head = reached
    ? `${yLabel} at step ${end}, the end of its schedule (reached; the law's value there): `
    : nearEnd
      ? `${yLabel} at step ${end}, the end of its schedule (logged to step ${steps(r.lastValue.step)}; the law's value there): `
      : `${yLabel} at step ${end} (end of schedule): `;
  return { head, lines, notes };
}


/**
 * What the schedule field should now hold, or undefined to leave it: the schedule the logged LR
 * follows is offered in an empty field (the user checks it and sets it); a field still holding the
 * last offer (`lastOffer`) follows the newest one as the log grows, or empties when there is none
 * any more (a rewritten log): its text is ours, not the user's. A set spec is the user's.
 */
export function offeredSpec(value: string, lastOffer: string | undefined, f: Pick<ForecastView, 'spec' | 'suggestedSpec'>): string | undefined {
  if (f.spec !== undefined || f.suggestedSpec === lastOffer) return undefined;
  return value === '' || value === lastOffer ? (f.suggestedSpec ?? '') : undefined;
}
