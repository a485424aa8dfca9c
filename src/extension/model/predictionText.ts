// The Predict notification's one line: the value, its interval, the estimator, how far this curve's
// own back-tests missed at a comparable distance, and the headline's caution; and what the Predict
// box says of a text it cannot take. Pure.
import { parsePlanQuery, parseTarget, trustText, type PlanQuery } from '../../core/units';
import { asksForSplit, reachQuery, unnamedReach } from '../../core/targetText';
import type { PredictionView } from '../../shared/protocol';

export function describePrediction(p: PredictionView, yName: string): string {
  // the interval as the headline writes it: its level, and its ends to the value's four digits
  // ("0.6674 (95% interval 0.3765–1.183)", not "(interval 0.376–1.18)" under "[0.3765, 1.183]")
  const level = p.level !== undefined ? `${Math.round(p.level * 100)}% ` : '';
  const interval = p.lo !== undefined && p.hi !== undefined ? ` (${level}interval ${p.lo.toPrecision(4)}–${p.hi.toPrecision(4)})` : '';
  const trust = p.trust ? `; on this curve's own history, ${trustText(p.trust)}` : '';
  const scatter = interval && p.scatterNote ? `; ${p.scatterNote}` : '';
  const caution = p.caution ? `. Caution: ${p.caution}` : '';
  // a perplexity is no loss: the loss it means beside it ("22.06 …, a loss of ln 22.06 = 3.094 nats")
  const meaning = p.meaning ? `, ${p.meaning}` : '';
  // an accuracy: the error it was read back from, after the estimator
  const readBack = p.fittedAsError ? `; ${p.fittedAsError}` : '';
  return `${yName} at ${p.targetLabel}: ${p.y.toPrecision(4)}${interval}${meaning}, by ${p.lawName ?? p.law} (${p.curve})${readBack}${trust}${scatter}${p.unconverged ? `; the fit did not converge (${p.unconverged})` : ''}${caution}`;
}

/**
 * A question the Plan answers, typed as a prediction target ("best N and D for 1e23 FLOPs?", "loss
 * 2.1 with 1T inference tokens", "compute to reach loss 2.1?"): where to ask it. An amount of FLOPs
 * alone ("1e21 FLOPs") reads as a budget too, but asks for a loss there: not a Plan question.
 */
export function planQuestion(text: string): string | undefined {
  let q: PlanQuery;
  try {
    q = parsePlanQuery(text);
  } catch {
    return undefined;
  }
  const asksPlan = 'targetLoss' in q || q.point !== undefined || q.uniqueTokens !== undefined || q.inferenceTokens !== undefined || asksForSplit(text);
  return asksPlan ? 'That is a compute-plan question: ask it in "Scaling Lens: Plan Compute Budget…".' : undefined;
}

/**
 * Where to ask a question of how to split compute ("best N and D for 1e23", "compute-optimal for
 * 6e23"), which holds an amount a target would read as x = 1e23; undefined for any other text.
 */
export function splitQuestion(text: string): string | undefined {
  return asksForSplit(text) ? planQuestion(text) : undefined;
}

/**
 * Why the Predict box cannot take `text`, undefined when it can (a target, or a loss to find the x
 * of, the loss named as the curve's y column `yName` may be): a Plan question is sent to the Plan,
 * "when does it reach 2.5?" is asked to name the loss, anything else gets parseTarget's reason
 * ("1e21 FLOPs" on a curve against tokens: its unit).
 */
export function predictInputProblem(text: string, maxX: number | undefined, axis: string | undefined, yName?: string): string | undefined {
  if (reachQuery(text, yName) !== undefined) return undefined;
  const unnamed = unnamedReach(text, yName);
  if (unnamed !== undefined) return unnamed;
  const plan = splitQuestion(text);
  if (plan !== undefined) return plan;
  try {
    parseTarget(text, maxX, axis);
    return undefined;
  } catch (err) {
    return planQuestion(text) ?? (err instanceof Error ? err.message : String(err));
  }
}
