// The Predict notification's one line: the value, its interval, the estimator, how far this curve's
// own back-tests missed at a comparable distance, and the headline's caution. Pure.
import { parsePlanQuery, trustText } from '../../core/units';
import type { PredictionView } from '../../shared/protocol';

export function describePrediction(p: PredictionView, yName: string): string {
  const interval = p.lo !== undefined && p.hi !== undefined ? ` (interval ${p.lo.toPrecision(3)}–${p.hi.toPrecision(3)})` : '';
  const trust = p.trust ? `; on this curve's own history, ${trustText(p.trust)}` : '';
  const caution = p.caution ? `. Caution: ${p.caution}` : '';
  return `${yName} at ${p.targetLabel}: ${p.y.toPrecision(4)}${interval}, by ${p.lawName ?? p.law} (${p.curve})${trust}${p.unconverged ? `; the fit did not converge (${p.unconverged})` : ''}${caution}`;
}

/** A question the Plan answers, typed as a prediction target ("best N and D for 1e23 FLOPs?", "loss 2.1 with 1T inference tokens"): where to ask it. */
export function planQuestion(text: string): string | undefined {
  try {
    parsePlanQuery(text);
  } catch {
    return undefined;
  }
  return 'That is a compute-plan question: ask it in "Scaling Lens: Plan Compute Budget…".';
}
