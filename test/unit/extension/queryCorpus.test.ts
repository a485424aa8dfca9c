// The free-text questions of Predict Loss at Scale… and Plan Compute Budget…, as a researcher types
// them, each with what a reader of it expects: run through the Predict box's reading (a loss to find
// the x of, else a target on the curve, else the box's refusal) on three curves (loss against steps,
// against tokens, and across model sizes) and through the Plan's. A refusal is expected to say the
// words given; a row judged ambiguous expects a refusal that names its readings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlanQuery, parseTarget, type PlanQuery } from '../../../src/core/units';
import { reachAsked } from '../../../src/core/targetText';
import { predictInputProblem } from '../../../src/extension/model/predictionText';

/** The x of a target on the curve, the loss a reach question asks for, or a refusal's words. */
type Read = number | { readonly reach: number } | string;
/** What the Plan reads, or a refusal's words. */
type Planned = PlanQuery | string;

const CURVES = [
  { name: 'loss vs step', maxX: 1e5, axis: 'step' },
  { name: 'loss vs tokens', maxX: 3e10, axis: 'tokens' },
  { name: 'loss vs N (a sweep)', maxX: 1e9, axis: 'params' },
] as const;

const reach = (v: number) => ({ reach: v });
const F = (flops: number, more: Partial<PlanQuery> = {}): PlanQuery => ({ flops, ...more }) as PlanQuery;
const L = (targetLoss: number, more: Partial<PlanQuery> = {}): PlanQuery => ({ targetLoss, ...more }) as PlanQuery;
const PT = (N: number, D: number): PlanQuery => ({ flops: 6 * N * D, point: { N, D } });
/** A multiple of the curve's largest x, on each curve. */
const rel = (m: number): Read[] => CURVES.map((c) => m * c.maxX);
/** A multiple of the data: across model sizes it is no model size (main reads data as tokens). */
const relData = (m: number): Read[] => [m * CURVES[0].maxX, m * CURVES[1].maxX, 'number of tokens, but x here is parameters'];
const stepsOnly = (x: number): Read[] => [x, 'x here is tokens', 'x here is parameters'];
const tokensOnly = (x: number): Read[] => ['x here is steps', x, 'x here is parameters'];
const paramsOnly = (x: number): Read[] => ['x here is steps', 'x here is tokens', x];

const TO_PLAN = 'compute-plan question';
const NOT_COMPUTE = 'not compute';
const MULTIPLE = 'a multiple (10x)';
const MODEL_SIZE = 'reads as a model size';
const NO_MODEL = 'trains no model';

/** [kind, text, Predict (one for every curve, or one per curve), Plan] */
const CORPUS: readonly (readonly [string, string, Read | readonly Read[], Planned])[] = [
  // an amount of x
  ['amount', '1e10', 1e10, F(1e10)],
  ['amount', '2B', 2e9, MODEL_SIZE],
  ['amount', '300B tokens', tokensOnly(3e11), 'tokens (D)'],
  ['amount', '1.5e11', 1.5e11, F(1.5e11)],
  ['amount', '1.5e11 tokens', tokensOnly(1.5e11), 'tokens (D)'],
  ['amount', '2T', 2e12, MODEL_SIZE],
  ['amount', 'loss at 2T tokens?', tokensOnly(2e12), 'tokens (D)'],
  ['amount', '100B tokens', tokensOnly(1e11), 'tokens (D)'],
  ['amount', 'loss at 100 billion tokens', tokensOnly(1e11), 'tokens (D)'],
  ['amount', 'loss at 1.5 trillion tokens?', tokensOnly(1.5e12), 'tokens (D)'],
  ['amount', 'loss at 1.5T toks', tokensOnly(1.5e12), 'tokens (D)'],
  ['amount', 'LOSS AT 100B TOKENS?', tokensOnly(1e11), 'tokens (D)'],
  ['amount', 'loss at 1e12 tokens of data', tokensOnly(1e12), 'tokens (D)'],
  ['amount', 'loss at 1e12 tokens please', tokensOnly(1e12), 'tokens (D)'],
  ['amount', 'at 1e12 tokens of training', tokensOnly(1e12), 'tokens (D)'],
  ['amount', 'what will the loss be after 1T tokens', tokensOnly(1e12), 'tokens (D)'],
  ['amount', 'after 1T tokens?', tokensOnly(1e12), 'tokens (D)'],
  ['amount', 'loss at 1.5T tokns', tokensOnly(1.5e12), 'tokens (D)'],
  ['amount', 'at 2T tokesn?', tokensOnly(2e12), 'tokens (D)'],
  ['amount', 'what will the loss be at step 100k', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'by step 100k', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'loss by step 100k?', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'at step 100,000', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'step 100000', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', '@ 100k steps', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', '@100k', 1e5, MODEL_SIZE],
  ['amount', 'loss @ 1e5 steps', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'at 100_000 steps', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', 'at 100 000 steps', stepsOnly(1e5), NOT_COMPUTE],
  ["amount", "what's the loss at step 250,000?", stepsOnly(2.5e5), NOT_COMPUTE],
  ['amount', 'loss at iteration 300k', stepsOnly(3e5), NOT_COMPUTE],
  ['amount', 'after 300k iterations', stepsOnly(3e5), NOT_COMPUTE],
  ['amount', 'after 300k updates', stepsOnly(3e5), NOT_COMPUTE],
  ['amount', 'predict loss at 200k steps', stepsOnly(2e5), NOT_COMPUTE],
  ['amount', 'whats the loss at 1e6 steps', stepsOnly(1e6), NOT_COMPUTE],
  ['amount', 'loss at 1e6 stpes', stepsOnly(1e6), NOT_COMPUTE],
  ['amount', '5e5 steps', stepsOnly(5e5), NOT_COMPUTE],
  ['amount', '500K steps', stepsOnly(5e5), NOT_COMPUTE],
  ['amount', '500 thousand steps', stepsOnly(5e5), NOT_COMPUTE],
  ['amount', 'loss at step 1e5', stepsOnly(1e5), NOT_COMPUTE],
  ['amount', '3 epochs', 'number of epochs', NOT_COMPUTE],
  ['amount', 'loss after 3 epochs', 'number of epochs', NOT_COMPUTE],
  ['amount', 'at epoch 3', 'number of epochs', NOT_COMPUTE],
  ['amount', '1M samples', 'number of samples', NOT_COMPUTE],
  ['amount', 'loss at 1e6 examples', 'number of samples', NOT_COMPUTE],
  ['amount', 'loss for a 7B model', paramsOnly(7e9), 'parameters (N)'],
  ['amount', 'loss for 7B params', paramsOnly(7e9), 'parameters (N)'],
  ['amount', '7e9 parameters', paramsOnly(7e9), 'parameters (N)'],
  ['amount', 'loss at 1.3b params?', paramsOnly(1.3e9), 'parameters (N)'],
  ['amount', 'at 1e21 flops', 'number of FLOPs', F(1e21)],
  ['amount', 'loss at 100 zettaFLOPs', 'number of FLOPs', F(1e23)],
  ['amount', 'loss at 5e22 compute', 'number of FLOPs', F(5e22)],
  ['amount', '1e5', 1e5, NO_MODEL],
  ['amount', 'loss at 100k', 1e5, MODEL_SIZE],
  ['amount', 'at 1e-3', 1e-3, NO_MODEL],
  ['amount', '3.2x10^23', 3.2e23, F(3.2e23)],
  ['amount', '3,2e23', 3.2e23, F(3.2e23)],
  ['amount', 'loss at 1,5e11 tokens', tokensOnly(1.5e11), 'tokens (D)'],
  ['amount', '~1e23', 1e23, F(1e23)],
  ['amount', 'about 2e5 steps', stepsOnly(2e5), NOT_COMPUTE],
  ['amount', 'extrapolate to 1e6 steps', stepsOnly(1e6), NOT_COMPUTE],
  ['amount', 'predict to 1e6', 1e6, F(1e6)],
  // a multiple of the data seen
  ['multiple', 'loss at 10x data?', relData(10), MULTIPLE],
  ['multiple', 'loss at 10× data?', relData(10), MULTIPLE],
  ['multiple', 'loss at 10 times the data', relData(10), MULTIPLE],
  ['multiple', 'LOSS AT 10X DATA?', relData(10), MULTIPLE],
  ['multiple', 'what will the loss be at 10 times the data?', relData(10), MULTIPLE],
  ['multiple', 'at 3x compute', [3e5, 9e10, 'number of FLOPs'], MULTIPLE],
  ['multiple', 'what will the loss be at 3× the compute', [3e5, 9e10, 'number of FLOPs'], MULTIPLE],
  ['multiple', 'double the data', relData(2), MULTIPLE],
  ['multiple', 'loss if we double the data', relData(2), MULTIPLE],
  ['multiple', 'loss with twice the data', relData(2), MULTIPLE],
  ['multiple', 'what if we double the data?', relData(2), MULTIPLE],
  ['multiple', 'half the data', relData(0.5), MULTIPLE],
  ['multiple', 'triple the compute', [3e5, 9e10, 'number of FLOPs'], MULTIPLE],
  ['multiple', 'quadruple the data', relData(4), MULTIPLE],
  ['multiple', 'ten times the data', relData(10), MULTIPLE],
  ['multiple', 'loss at five times more tokens', [5e5, 1.5e11, 'number of tokens'], MULTIPLE],
  ['multiple', 'loss at 1,5x', rel(1.5), MULTIPLE],
  ['multiple', '2,5x data', relData(2.5), MULTIPLE],
  ['multiple', '1.5x', rel(1.5), MULTIPLE],
  ['multiple', 'x10', rel(10), MULTIPLE],
  ['multiple', '×10', rel(10), MULTIPLE],
  ['multiple', '10X', rel(10), MULTIPLE],
  ['multiple', '10 x', rel(10), MULTIPLE],
  ['multiple', '10 x data', relData(10), MULTIPLE],
  ['multiple', 'at 10x', rel(10), MULTIPLE],
  ['multiple', '10x tokens', [1e6, 3e11, 'number of tokens'], MULTIPLE],
  ['multiple', '10x steps', [1e6, 3e11, 'number of steps'], MULTIPLE],
  ['multiple', '10x params', ['number of parameters', 'number of parameters', 1e10], MULTIPLE],
  ['multiple', 'loss of a 10x bigger model', ['number of parameters', 'number of parameters', 1e10], MULTIPLE],
  ['multiple', 'what if I train a 2x bigger model', ['number of parameters', 'number of parameters', 2e9], MULTIPLE],
  ['multiple', 'at 0.5x', rel(0.5), MULTIPLE],
  ['multiple', '3-fold data', relData(3), MULTIPLE],
  ['multiple', 'with 2x more data', relData(2), MULTIPLE],
  ['multiple', 'at 4x the tokens', [4e5, 1.2e11, 'number of tokens'], MULTIPLE],
  ['multiple', '1000x data', relData(1000), MULTIPLE],
  ['multiple', 'what if we train for 2x longer', relData(2), MULTIPLE],
  ['multiple', '10x longer', relData(10), MULTIPLE],
  ['multiple', 'in 10x the time', relData(10), MULTIPLE],
  // a loss to find the x of
  ['reach', 'when does the loss reach 2.5?', reach(2.5), L(2.5)],
  ['reach', 'WHEN DOES THE LOSS REACH 2.5?', reach(2.5), L(2.5)],
  ['reach', 'when does the loss reach 2,5?', reach(2.5), L(2.5)],
  ['reach', 'when will loss hit 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many tokens to hit 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many tokens to reach loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many steps until loss is 2.3', reach(2.3), L(2.3)],
  ['reach', 'steps to loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'tokens needed for loss 2.3?', reach(2.3), L(2.3)],
  ['reach', 'when do we get to loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'when does val loss drop below 2.4?', reach(2.4), L(2.4)],
  ['reach', 'when does validation loss reach 2.4?', reach(2.4), L(2.4)],
  ['reach', 'loss 2.5', reach(2.5), L(2.5)],
  ['reach', 'loss=2.5', reach(2.5), L(2.5)],
  ['reach', 'loss < 2.5', reach(2.5), L(2.5)],
  ['reach', 'at what step does loss reach 2.5', reach(2.5), L(2.5)],
  ['reach', 'at which step will the loss be 2.5', reach(2.5), L(2.5)],
  ['reach', 'loss 2.3?', reach(2.3), L(2.3)],
  ['reach', 'val_loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'when does eval/loss reach 2.3?', reach(2.3), L(2.3)],
  ['reach', 'when will the loss fall under 2.3?', reach(2.3), L(2.3)],
  ['reach', 'how long until the loss is below 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many steps to get the loss to 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many steps for loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'tokens to reach 2.3', reach(2.3), L(2.3)],
  ['reach', 'steps to 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many tokens to get to 2.3?', reach(2.3), L(2.3)],
  ['reach', 'at what step will loss = 2.3', reach(2.3), L(2.3)],
  ['reach', 'how many tokens do I need for a loss of 2.3', reach(2.3), L(2.3)],
  ['reach', 'target loss 2.3', reach(2.3), L(2.3)],
  ['reach', 'loss of 2.3', reach(2.3), L(2.3)],
  ['reach', 'when does teh loss reach 2.5', reach(2.5), L(2.5)],
  ['reach', 'loss of about 2.1', reach(2.1), L(2.1)],
  // a question the Predict box cannot answer, told why
  ['refuse', 'when does it reach 2.5?', 'does not say what should reach 2.5', 'not a compute budget'],
  ['refuse', 'reach 2.5', 'does not say what should reach 2.5', 'not a compute budget'],
  ['refuse', 'when does the los reach 2.5', 'does not say what should reach 2.5', 'not a compute budget'],
  ['refuse', 'when does ppl reach 20', 'ln 20 = 2.996', 'not a compute budget'],
  ['refuse', 'when does the loss reach 0', 'never reaches 0', 'not a loss to reach'],
  ['refuse', 'when does the loss reach -1', 'never reaches -1', 'not a loss to reach'],
  ['refuse', '2.3 loss', 'is a loss, not an x', 'not a compute budget'],
  ['refuse', 'what will val loss be at the end', 'where the run ends', 'not a compute budget'],
  ['refuse', 'loss at the end of training', 'where the run ends', 'not a compute budget'],
  ['refuse', 'final loss?', 'where the run ends', 'not a compute budget'],
  ['refuse', 'when will the loss drop by 0.1', 'the loss to reach', 'the loss to reach'],
  ['refuse', 'loss by 2.3', 'the loss at x = 2.3 or for where the loss reaches 2.3', NO_MODEL],
  ['refuse', 'train to 2.3', 'the loss at x = 2.3 or for where the loss reaches 2.3', NO_MODEL],
  ['refuse', 'half the loss gap', 'the loss above the fitted floor', 'the loss above the fitted floor'],
  ['refuse', 'tokens per parameter 20', 'a ratio', 'a ratio'],
  ['refuse', '20 tokens per parameter', 'a ratio', 'a ratio'],
  ['refuse', '70B model, how many tokens', 'asks for an amount', '70B params on'],
  ['refuse', 'how many tokens for a 70B model', 'asks for an amount', '70B params on'],
  ['refuse', 'at 0', 'positive', 'positive'],
  ['refuse', 'at -5', 'positive', 'positive'],
  ['refuse', 'at 1e400', 'positive', 'positive'],
  ['refuse', 'loss at infinity', 'not a target', 'not a compute budget'],
  ['refuse', 'at 10x and 100x', 'more than one amount', MULTIPLE],
  ['refuse', 'at 1e5 or 2e5 steps', 'more than one amount', 'two amounts'],
  ['refuse', '', 'not a target', 'not a compute budget'],
  ['refuse', 'asdf', 'not a target', 'not a compute budget'],
  // a compute plan
  ['plan', 'best N and D for 1e23 FLOPs?', TO_PLAN, F(1e23)],
  ['plan', 'best N and D for 1e23', TO_PLAN, F(1e23)],
  ['plan', 'compute-optimal for 6e23', TO_PLAN, F(6e23)],
  ['plan', 'compute optimal for 6e23 flops', TO_PLAN, F(6e23)],
  ['plan', 'chinchilla-optimal 1e24', TO_PLAN, F(1e24)],
  ['plan', 'Chinchilla optimal 1e24?', TO_PLAN, F(1e24)],
  ['plan', 'chinchilla-optimal N, D at 1e24 FLOPs?', TO_PLAN, F(1e24)],
  ['plan', 'optimal allocation for 1e22 FLOPs', TO_PLAN, F(1e22)],
  ['plan', 'how big a model for 1e21 FLOPs', TO_PLAN, F(1e21)],
  ['plan', 'how should I split 1e23 FLOPs', TO_PLAN, F(1e23)],
  ['plan', 'a budget of 1e23 FLOPs', TO_PLAN, F(1e23)],
  ['plan', '1e23 FLOPs budget', TO_PLAN, F(1e23)],
  ['plan', 'budget: 1e23', TO_PLAN, F(1e23)],
  ['plan', 'C = 1e23 FLOPs', 'number of FLOPs', F(1e23)],
  ['plan', '1000 PF-days', 'number of FLOPs', F(8.64e22)],
  ['plan', '1000 petaflop-days', 'number of FLOPs', F(8.64e22)],
  ['plan', '1e23 FLOPs', 'number of FLOPs', F(1e23)],
  ['plan', '1E23 FLOPS', 'number of FLOPs', F(1e23)],
  ['plan', '6e23 flop', 'number of FLOPs', F(6e23)],
  ['plan', '1e23flops', 'number of FLOPs', F(1e23)],
  ['plan', '100 ZFLOPs', 'number of FLOPs', F(1e23)],
  ['plan', '3 EFLOP', 'number of FLOPs', F(3e18)],
  ['plan', '3.2 × 10^23 FLOPs', 'number of FLOPs', F(3.2e23)],
  ['plan', '~1e23 FLOPs', 'number of FLOPs', F(1e23)],
  ['plan', '1e23', 1e23, F(1e23)],
  ['plan', '10^23', 1e23, F(1e23)],
  ['plan', '70B', 7e10, MODEL_SIZE],
  ['plan', '2.1', 2.1, NO_MODEL],
  ['plan', 'compute to reach loss 2.1?', TO_PLAN, L(2.1)],
  ['plan', 'how much compute for loss 2.1', TO_PLAN, L(2.1)],
  ['plan', 'how much compute to hit 2.1?', TO_PLAN, L(2.1)],
  ['plan', 'how many FLOPs to reach a loss of 2.0', TO_PLAN, L(2)],
  ['plan', 'loss 2,1', reach(2.1), L(2.1)],
  ['plan', '7B on 1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', '7B model on 1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', '7B params on 1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', 'loss of a 7B model trained on 1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', '7B parameters, 1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', '70B params on 1.4T tokens?', TO_PLAN, PT(7e10, 1.4e12)],
  ['plan', 'N=7e9 D=1e12', TO_PLAN, PT(7e9, 1e12)],
  ['plan', 'loss at 300B tokens with 7B params', TO_PLAN, PT(7e9, 3e11)],
  ['plan', '1e23 FLOPs, best split?', TO_PLAN, F(1e23)],
  ['plan', 'how many params for 1e23 FLOPs', TO_PLAN, F(1e23)],
  ['plan', '7B/1T tokens', TO_PLAN, PT(7e9, 1e12)],
  ['plan', '13B params 2T tokens', TO_PLAN, PT(1.3e10, 2e12)],
  ['plan', '7B on 1T', 'more than one amount', 'say which amount is the model size'],
  ['plan', '1e23 with 300B unique tokens', TO_PLAN, F(1e23, { uniqueTokens: 3e11 })],
  ['plan', 'best N and D for 1e23 FLOPs with 300B unique tokens?', TO_PLAN, F(1e23, { uniqueTokens: 3e11 })],
  ['plan', '5.76e23, 1T unique', TO_PLAN, F(5.76e23, { uniqueTokens: 1e12 })],
  ['plan', 'loss 2.1 with 1T inference tokens', TO_PLAN, L(2.1, { inferenceTokens: 1e12 })],
  ['plan', 'loss 2.1, serving 2e12 tokens', TO_PLAN, L(2.1, { inferenceTokens: 2e12 })],
  ['plan', '1e23 with 1T inference tokens', 'more than one amount', 'for a loss to reach'],
];

/** What the Predict box makes of `text` on `curve`, as commands/predict.ts reads it. */
function predictRead(text: string, curve: (typeof CURVES)[number]): Read {
  const asked = reachAsked(text, 'loss');
  if (asked !== undefined) return { reach: asked.value };
  const problem = predictInputProblem(text, curve.maxX, curve.axis, 'loss');
  if (problem !== undefined) return problem;
  return parseTarget(text, curve.maxX, curve.axis).value;
}

function planRead(text: string): Planned {
  try {
    return parsePlanQuery(text);
  } catch (err) {
    return (err as Error).message;
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.abs(b);

function matches(got: Read | Planned, want: Read | Planned): boolean {
  if (typeof want === 'string') return typeof got === 'string' && got.toLowerCase().includes(want.toLowerCase());
  if (typeof want === 'number') return typeof got === 'number' && close(got, want);
  if (typeof got !== 'object') return false;
  const [g, w] = [got as Record<string, unknown>, want as Record<string, unknown>];
  const keys = new Set([...Object.keys(g), ...Object.keys(w)]);
  return [...keys].every((k) => {
    const [a, b] = [g[k], w[k]];
    if (typeof a === 'number' && typeof b === 'number') return close(a, b);
    if (a && b && typeof a === 'object' && typeof b === 'object') return matches(a as PlanQuery, b as PlanQuery);
    return a === b;
  });
}

test('the corpus holds about 150 questions, each once', () => {
  assert.ok(CORPUS.length >= 150, `${CORPUS.length}`);
  assert.equal(new Set(CORPUS.map((r) => r[1])).size, CORPUS.length);
});

for (const [kind, text, predict, plan] of CORPUS) {
  test(`${kind}: "${text}"`, () => {
    const wants = Array.isArray(predict) ? predict : CURVES.map(() => predict as Read);
    CURVES.forEach((curve, i) => {
      const got = predictRead(text, curve);
      assert.ok(matches(got, wants[i]!), `Predict on ${curve.name}: got ${JSON.stringify(got)}, want ${JSON.stringify(wants[i])}`);
    });
    const got = planRead(text);
    assert.ok(matches(got, plan), `Plan: got ${JSON.stringify(got)}, want ${JSON.stringify(plan)}`);
  });
}
