// The Predict notification says what the panel's headline says: the value and interval, the
// estimator, how far the curve's own back-tests missed, a fit that did not converge, the caution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describePrediction, planQuestion, predictInputProblem } from '../../../src/extension/model/predictionText';
import type { PredictionView } from '../../../src/shared/protocol';

const base: PredictionView = { curve: 'D = 200B', targetText: 'loss at 10x data?', targetLabel: '10x (1.75T parameters)', x: 1.75e12, y: 9.0299, law: 'avg(m2+m4+loglin)', lawName: 'Average of M2, M4, log-linear (geometric mean)' };

test('the notification line carries the trust, the unconverged fit and the caution when the headline has them', () => {
  assert.equal(describePrediction(base, 'ppl'), 'ppl at 10x (1.75T parameters): 9.030, by Average of M2, M4, log-linear (geometric mean) (D = 200B)');
  const full = describePrediction(
    { ...base, lo: 8.1, hi: 10.2, level: 0.95, trust: { factor: 5.8, missedBy: 0.042 }, unconverged: 'm4: max iterations', caution: "each size's loss is read off its run at that D" },
    'ppl',
  );
  // the interval as the headline writes it, "95% interval [8.100, 10.20]": level and four digits
  assert.equal(
    full,
    "ppl at 10x (1.75T parameters): 9.030 (95% interval 8.100–10.20), by Average of M2, M4, log-linear (geometric mean) (D = 200B); on this curve's own history, a 5.8× extrapolation missed by 4.2%; the fit did not converge (m4: max iterations). Caution: each size's loss is read off its run at that D",
  );
});

test('a compute-plan question typed as a prediction target is pointed to the Plan; a target or nonsense is not', () => {
  for (const q of ['best N and D for 1e23 FLOPs?', 'loss 2.1 with 1T inference tokens', 'compute to reach loss 2.1?']) assert.match(planQuestion(q) ?? '', /Plan Compute Budget/, q);
  // a budget named, or a model on a named token count, typed into Predict (they read as 'not a target' there)
  for (const q of ['a budget of 1e23 FLOPs', 'What is the optimal N and D for a budget of 100 zettaFLOPs?', 'loss of 7B on 1T tokens']) assert.match(predictInputProblem(q, 3e11, 'tokens') ?? '', /Plan Compute Budget/, q);
  for (const q of ['loss at 10x data?', 'banana', '300B tokens']) assert.equal(planQuestion(q), undefined, q);
});

test('an amount of FLOPs alone is no plan question; one that asks for N and D, a split or the best model for it is', () => {
  for (const q of ['1e21 FLOPs', 'loss at 1e21 FLOPs?', '5.76e23']) assert.equal(planQuestion(q), undefined, q);
  for (const q of ['how should I split 1e23 FLOPs?', 'best model for 1e21 FLOPs', 'optimal allocation for 5.76e23', 'N, D for 1e23 FLOPs', 'how big a model for 1e21 FLOPs?', '5.76e23, 1T unique']) {
    assert.match(planQuestion(q) ?? '', /Plan Compute Budget/, q);
  }
});

test('the Predict box: 1e21 FLOPs on a curve against tokens is refused for its unit, not sent to the Plan', () => {
  assert.match(predictInputProblem('1e21 FLOPs', 3e10, 'tokens') ?? '', /that is a number of FLOPs, but x here is tokens: give tokens or a multiple such as 10x, or fit against FLOPs/);
  assert.equal(predictInputProblem('1e21 FLOPs', 3e10, 'flops'), undefined, 'against FLOPs it is a target');
  assert.equal(predictInputProblem('when will val_loss reach 2.5?', 3e10, 'tokens', 'val_loss'), undefined, 'a loss named as its column is a reach question');
  assert.match(predictInputProblem('when does it reach 2.5?', 3e10, 'tokens', 'val_loss') ?? '', /does not say what should reach 2\.5/);
  assert.match(predictInputProblem('best N and D for 1e23 FLOPs?', 3e10, 'tokens') ?? '', /Plan Compute Budget/);
  assert.equal(predictInputProblem('when does the loss reach 2.5?', 3e10, 'tokens'), undefined);
  assert.equal(predictInputProblem('loss at 10x data?', 3e10, 'tokens'), undefined);
  assert.match(predictInputProblem('banana', 3e10, 'tokens') ?? '', /not a target/);
});
