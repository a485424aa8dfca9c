// A target as people type it ("what will the loss be at 10 times the data?", "at step 100,000",
// "loss for a 7B model"), reduced to "amount [unit]" before it is read, and which x axis its unit
// names, so that "1e21 FLOPs" on a curve against tokens is refused rather than read as 1e21 tokens.
// Pure.
import { valueOfLoss, yMetricOf } from './yMetric';

/** The x axes a unit word can name (ingest's x kinds, which core does not import). */
export type TargetAxis = 'step' | 'epoch' | 'tokens' | 'samples' | 'flops' | 'params';

const UNIT_AXIS: ReadonlyMap<string, TargetAxis> = new Map([
  // "10x data", "300B data": the data a language model is counted in; "2x longer", "in 10x the
  // time": training longer, on more of it (across model sizes, no bigger model)
  ...['tok', 'toks', 'token', 'tokens', 'data', 'dataset', 'longer', 'time'].map((w) => [w, 'tokens'] as const),
  ...['param', 'params', 'parameter', 'parameters', 'model', 'models', 'weights'].map((w) => [w, 'params'] as const),
  ...['flop', 'flops', 'compute'].map((w) => [w, 'flops'] as const),
  ...['step', 'steps', 'iter', 'iters', 'iteration', 'iterations', 'update', 'updates'].map((w) => [w, 'step'] as const),
  ...['epoch', 'epochs'].map((w) => [w, 'epoch'] as const),
  ...['sample', 'samples', 'example', 'examples', 'image', 'images', 'sequence', 'sequences'].map((w) => [w, 'samples'] as const),
]);

const AXIS_NOUN: Record<TargetAxis, string> = {
  step: 'steps',
  epoch: 'epochs',
  tokens: 'tokens',
  samples: 'samples',
  flops: 'FLOPs',
  params: 'parameters',
};

/** The plural noun of an x axis ("tokens", "steps", "FLOPs"), undefined for an axis without a unit (an index). */
export function axisNoun(axis: string | undefined): string | undefined {
  return axis !== undefined && Object.hasOwn(AXIS_NOUN, axis) ? AXIS_NOUN[axis as TargetAxis] : undefined;
}

/**
 * The axis the first unit word that names one names ("tokens of data", "10x the data" → tokens);
 * none for "run", "GPUs". A word one slip from a unit word ("tokns", "tokesn", "stpes") names its
 * axis too, when no word names one as written: read as no unit, 1.5T tokns would be 1.5T steps on
 * a curve against steps.
 */
export function axisOfUnit(unit: string | undefined): TargetAxis | undefined {
  const words = (unit ?? '').toLowerCase().split(/[^a-z]+/);
  for (const word of words) {
    const axis = UNIT_AXIS.get(word);
    if (axis) return axis;
  }
  for (const word of words) {
    if (word.length < 4) continue;
    for (const [unitWord, axis] of UNIT_AXIS) if (unitWord.length >= 4 && oneSlip(word, unitWord)) return axis;
  }
  return undefined;
}

/** `a` and `b` differ by one letter left out, added, changed, or two side by side swapped (and are not equal). */
function oneSlip(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Why a target's unit does not fit the curve's x axis, or undefined when it does (or says nothing).
 * A multiple of data (10x tokens) fits any axis that grows with training (steps, epochs, samples,
 * FLOPs at one model size); only parameters against the rest is a different question.
 */
export function unitMismatch(unit: string | undefined, relative: boolean, axis: string | undefined): string | undefined {
  const named = axisOfUnit(unit);
  if (!named || !axis || !(axis in AXIS_NOUN) || named === axis) return undefined;
  if (relative && named !== 'params' && axis !== 'params') return undefined;
  const here = AXIS_NOUN[axis as TargetAxis];
  return `that is a number of ${AXIS_NOUN[named]}, but x here is ${here}: give ${here} or a multiple such as 10x, or fit against ${AXIS_NOUN[named]}`;
}

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
// "what will the loss be at", "predict at", "loss for a", "best N and D for", "how should I split":
// words before the amount, ending with a preposition (and an article); only letters, so no amount
// is dropped ("loss of 2.1" is not among them: that asks for a loss, not at an x)
// ("what if I train a 2x bigger model", "what loss would a 10x bigger model reach", "loss of a 70B
// model": a verb or "of a" before a model's amount)
const LEADING = /^(?:(?:[a-z',-]+\s+)*?(?:at|by|after|in|for|with|to|on|split|spend|spending|train|trained|training|would|we|i|of(?=\s+(?:a|an|the)\s))\s+)?(?:(?:a|an|the)\s+)?(?=[+-]?[\d.]|x\s*\d|(?:steps?|iter(?:ation)?s?|epochs?|updates?)\s+[+-]?[\d.])/i;
// "100,000 steps": thousands grouped by commas, as people write step counts
const GROUPED = /^([+-]?\d{1,3}(?:,\d{3})+)(?![\d,])/;
// "10 times the data", "10-fold data", "ten times" is left to the error message
const TIMES = new RegExp(String.raw`^(${NUMBER})\s*(?:times|-?fold)\b\s*`, 'i');
// "step 100000", "epoch 3": the unit first
const UNIT_FIRST = /^(steps?|iter(?:ation)?s?|epochs?|updates?)\s+([+-]?[\d.,]+(?:e[+-]?\d+)?\s*[kmbgtp]?)$/i;

// "10 billion tokens", "500 thousand steps": the magnitude spelled out, as its suffix
const SPELLED = /(\d)\s*(thousand|million|billion|trillion)\b/i;
const SPELLED_SUFFIX: Record<string, string> = { thousand: 'k', million: 'M', billion: 'B', trillion: 'T' };

// "10^23", "3.2 × 10^23", "1x10^21": an amount written as a power of ten, read as e-notation
const POWER_OF_TEN = /(?<![\w.])(?:((?:\d+(?:\.\d*)?|\.\d+))\s*[x×*·]\s*)?10\s*\^\s*([+-]?\d+)(?![\w.])/gi;

/** `text` with each power of ten written in e-notation: "3.2 × 10^23" → "3.2e23". */
export function powersOfTen(text: string): string {
  return text.replace(POWER_OF_TEN, (_, a: string | undefined, k: string) => `${a ?? '1'}e${k}`);
}

// "2,5", "1,5e11", "0,75": a decimal comma, as much of Europe writes it; a comma before three digits
// groups thousands ("100,000"), and one before four or more may be either ("12,3456"), so it stays
// unread; so does "2,10x", which may list two targets (2 and 10x) as well as mean 2.10x, and a
// comma after an exponent ("1e21,1e22" is a list)
const DECIMAL_COMMA = /(?<![\d,.eE])(\d+),(\d|\d{2}(?!\s*[x×]))(?![\d,])/g;
// "100 000 steps": thousands grouped by (thin, no-break) spaces
const SPACE_GROUPED = /(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])/g;

/** `text` with decimal commas as points and thousands grouped by spaces joined: "2,5" → "2.5", "100 000" → "100000". */
export function plainNumbers(text: string): string {
  return text.replace(ROUGHLY, '').replace(DECIMAL_COMMA, '$1.$2').replace(SPACE_GROUPED, (g) => g.replace(/\D/g, ''));
}

/** A typed question without its surrounding blanks and question marks, its numbers written plainly. */
const asked = (text: string): string => plainNumbers(text.trim().replace(/\?+$/, '').trim());

// "double the data", "twice the compute", "half the data": a multiple in words
const MULTIPLE_WORD: Readonly<Record<string, string>> = { double: '2x', doubled: '2x', twice: '2x', triple: '3x', tripled: '3x', thrice: '3x', quadruple: '4x', half: '0.5x', halve: '0.5x' };
const MULTIPLE_WORDS = new RegExp(String.raw`\b(${Object.keys(MULTIPLE_WORD).join('|')})\b(?!\s+(?:as|of)\b)`, 'i');
// "ten times the data", "five-fold": a small number spelled out before times or fold
const NUMBER_WORD: Readonly<Record<string, string>> = { two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twenty: '20', fifty: '50', hundred: '100', 'a hundred': '100', thousand: '1000', 'a thousand': '1000' };
const NUMBER_WORDS = new RegExp(String.raw`\b(${Object.keys(NUMBER_WORD).join('|')})(?=\s*(?:times|-?fold)\b)`, 'i');
const COMPUTE_IS = /^c\s*=\s*([+-]?[\d.]+(?:e[+-]?\d+)?\s*[kmbgtp]?)$/i;
// "@ 100k", "@100k steps": the sign for at
const AT_SIGN = /\s*@\s*/g;
// "~1e23", "≈ 2e5 steps", "about 2e5 steps", "loss of roughly 2.1": an amount said to be rough is read as typed
const ROUGHLY = /(?:[~≈]\s*|\b(?:about|around|roughly|approximately|approx\.?|circa|ca\.)\s+)(?=[+-]?[\d.])/gi;

// "half the loss gap", "close the gap by half": a gap to what is not said
const LOSS_GAP = /\bgap\b/i;
// "when will the loss drop by 0.1": a change in the loss, whose amount is no x
const LOSS_CHANGE = /\bloss\b.*\b(?:drops?|falls?|decreases?|improves?|reduces?|goes\s+down|go\s+down)\s+(?:by|another)\b/i;

// "tokens per parameter 20", "20 tokens/param", "D/N = 20": a ratio, which no x or budget is
const RATIO = /\btok(?:en)?s?\s*(?:per|\/)\s*(?:param(?:eter)?s?|weights?)\b|\bd\s*\/\s*n\b|\btpp\b/i;
/**
 * Why `text` asks for no amount that can be read off a question, or undefined: "half the loss gap"
 * has two readings, and neither is an x. Shared by the Predict box and the Plan, so both name them.
 */
export function unanswerable(text: string): string | undefined {
  const t = asked(text);
  if (LOSS_CHANGE.test(t)) return `"${t}" asks for a change in the loss, not for the loss at an x: say the loss to reach, e.g. "when does the loss reach 2.3?"`;
  if (RATIO.test(t)) return `"${t}" is a ratio of tokens to parameters, not an amount: the Plan gives the compute-optimal ratio of a budget (tokens/param); for a model trained at a ratio, give its size and tokens, e.g. "7B params on 140B tokens" (20 per parameter)`;
  if (LOSS_GAP.test(t)) return `"${t}": a loss gap can be the loss above the fitted floor E (the reducible loss, which the fit's table gives) or the way from here to a target loss; say the loss itself, e.g. "when does the loss reach 2.3?"`;
  return undefined;
}

// "what will val loss be at the end", "final loss?": where the run ends is not said
const RUN_END = /\b(?:the\s+end|final\s+(?:val(?:idation)?\s+)?loss|end\s+of\s+(?:the\s+)?(?:run|training|schedule))\b/i;
// "how many tokens for a 70B model", "70B model, how many tokens": an amount asked for, not given
const ASKS_AMOUNT = /\bhow\s+(?:many|much|long)\b/i;

/**
 * Why `text` names no x the Predict box can read, though it asks a question: where the run ends
 * is not said, or it asks for an amount ("how many tokens for a 70B model") rather than giving one.
 */
export function noTargetIn(text: string): string | undefined {
  const t = asked(text);
  if (!/\d/.test(t) && RUN_END.test(t)) return `"${t}" asks for the loss where the run ends, which it does not say: type where it ends (e.g. step 100k, 300B tokens or 10x); with the run's schedule set, the panel's Predict at the planned end goes there`;
  if (ASKS_AMOUNT.test(t)) return `"${t}" asks for an amount, not for the loss at one: for the x where the loss reaches a value, ask "when does the loss reach 2.3?"; a model's tokens are the Plan's question (a budget, or a size on a token count such as "70B params on 1.4T tokens")`;
  return undefined;
}

/** The typed target as "amount [unit]": question words, grouped thousands, "N times" and a leading unit rewritten. */
export function typedTarget(text: string): string {
  let t = powersOfTen(asked(text)).replace(/×/g, 'x').replace(AT_SIGN, ' at ');
  // "C = 1e23": compute, said with its symbol
  t = t.trim().replace(COMPUTE_IS, '$1 flops').replace(/^c\s*=\s*/i, '');
  t = t.replace(MULTIPLE_WORDS, (w) => MULTIPLE_WORD[w.toLowerCase()]!).replace(NUMBER_WORDS, (w) => NUMBER_WORD[w.toLowerCase()]!).replace(LEADING, '');
  t = t.replace(UNIT_FIRST, (_, unit: string, n: string) => `${n} ${unit}`);
  t = t.replace(GROUPED, (g) => g.replace(/,/g, ''));
  t = t.replace(TIMES, (_, n: string) => `${n}x `).trim();
  t = t.replace(SPELLED, (_, d: string, word: string) => `${d}${SPELLED_SUFFIX[word.toLowerCase()]}`);
  return t.replace(/^x\s*(\d[\d.]*)(?=\s|$)/i, '$1x');
}

// "best N and D for", "how should I split", "optimal allocation", "best model for", "how big a
// model", "a budget of": words that ask how to spend compute on a model and its data, which an amount alone
// ("1e21 FLOPs", "loss at 1e21 FLOPs?") does not
const ASKS_FOR_SPLIT = /\b(?:n\s*(?:and|&|,|\/)\s*d|how\s+many\s+(?:params|parameters)|split(?:ting)?|allocat\w*|(?:compute-)?optimal|best|how\s+(?:big|large)|model\s+(?:size|for)|budget)\b/i;

/** The text asks how to split compute between a model and its data (a Plan question), not for a loss at an amount. */
export function asksForSplit(text: string): boolean {
  return ASKS_FOR_SPLIT.test(text);
}

// "when does the loss reach 2.5?", "tokens to reach loss 2.5", "loss 2.5", "when will val loss drop
// below 2.4": a loss to find the x of. It must name the loss ("when do we reach 100000", "when
// does step reach 1e5" ask for an x), and compute or FLOPs make it the Plan's ("compute to reach
// loss 2.1"). The loss may be named as logs name it (val_loss, eval/loss) when the curve's y is a
// loss, or as the curve's y column is named (an error, a perplexity: only then, since a perplexity
// of 20 is no loss of 20); the bare word "loss" names whatever the curve's y is.
const REACH_VERB_WORDS = String.raw`reach(?:es|ed)?|hits?|get(?:s)?\s+(?:to|below|under)|(?:go(?:es)?|drops?|falls?)\s+(?:below|under|to)`;
// "loss 2.5", "loss=2.5", "loss < 2.5", "until loss is 2.3", "will the loss be 2.5", "get the loss to 2.3"
const LOSS_IS = String.raw`(?:get(?:s|ting)?\s+(?:the\s+)?loss\s+(?:to|below|under)|loss(?:\s+(?:is|be|gets?)(?:\s+(?:below|under|at|to))?)?\s*(?:[=<≤:]=?)?)`;
const REACH_QUERY = new RegExp(String.raw`^(?!.*\b(?:compute|flops?|budget)\b)(?:[a-z'-]+\s+)*?(?:(?:${REACH_VERB_WORDS})\s+(?:(?:a|the)\s+)?(?:(?:val(?:idation)?\s+)?loss\s+)?(?:of\s+|=\s*)?|${LOSS_IS}\s*(?:of\s+)?)([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$`, 'i');
// "how many tokens to hit 2.3", "steps to 2.3", "tokens needed to reach 2.3": the x asked for by
// name, so the value is the curve's y (its loss), though the question does not name it
const X_TO_REACH = new RegExp(String.raw`^(?:how\s+(?:many|much)\s+(?:more\s+)?)?(?:steps?|iter\w*|epochs?|updates?|tokens?|samples?|examples?|training)\s+(?:(?:do|would|will)\s+(?:i|we|it)\s+need\s+|(?:are\s+|is\s+)?needed\s+|does\s+it\s+take\s+)?(?:to|until|till|before|for)\s+(?:(?:${REACH_VERB_WORDS})\s+)?(?:a\s+)?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$`, 'i');

const NAMES_LOSS = /\bloss\b/i;
// a metric's name as logs write it (val_loss, eval/loss, lm_loss_avg, top1_err), for one family of words
const metricName = (family: string): RegExp => new RegExp(`(?<![\\w/.-])(?:[\\w.-]*[_/.-])?(?:${family})(?:[_/.-][\\w/.-]*)?(?![\\w/.-])`, 'gi');
const LOSS_NAME = metricName('loss');
// read as the loss only when the curve's own y is of that family
// (an accuracy's "when does the accuracy reach 0.9?" on val_accuracy, acc@1 or top1, as the loss's is on val_loss)
const Y_FAMILIES = ['error|err', 'perplexity|ppl', 'bpb|bpc|bpd|bits?', 'accuracy|acc|top-?[1-5]'];
// a loss's name that is no loss: mixed precision's loss scale
const NOT_A_LOSS = /loss[\W_]*scale/i;
// a question that names the x ("when does step reach 100000") asks for an x, not a loss
const NAMES_X = /\b(?:steps?|iter\w*|epochs?|updates?|tokens?|samples?|examples?|flops?|compute|params?|parameters?)\b/i;
const REACH_VERB = /\b(?:reach(?:es|ed)?|hits?|get(?:s)?\s+(?:to|below|under)|(?:go(?:es)?|drops?|falls?)\s+(?:below|under|to))\s+(?:(?:a|the)\s+)?(?:of\s+)?([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

const escapeRegExp = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text with every name of the curve's metric read as "loss": a loss's, and `yName` (the y column) and its family's. */
function metricAsLoss(text: string, yName?: string): string {
  const y = yName?.trim() ?? '';
  let t = y ? text.replace(new RegExp(`(?<![\\w/.-])${escapeRegExp(y)}(?![\\w/.-])`, 'gi'), 'loss') : text;
  for (const family of Y_FAMILIES) if (y && metricName(family).test(y)) t = t.replace(metricName(family), 'loss');
  const yIsLoss = !y || (metricName('loss').test(y) && !NOT_A_LOSS.test(y));
  // a named loss on a curve of something else (val_loss asked of an accuracy) is not its y
  return t.replace(LOSS_NAME, (name) => (name.toLowerCase() === 'loss' || (yIsLoss && !NOT_A_LOSS.test(name)) ? 'loss' : 'another-metric'));
}

/**
 * The number a question asks the loss to reach, as typed (0 and below too, which no loss reaches),
 * or undefined when it asks no such thing: "when does the loss reach 2.5?", "tokens to hit 2.3".
 */
export function reachedNumber(text: string): string | undefined {
  const t = asked(text);
  const byX = X_TO_REACH.exec(t);
  if (byX) return byX[1];
  const typed = metricAsLoss(t);
  return NAMES_LOSS.test(typed) ? REACH_QUERY.exec(typed)?.[1] : undefined;
}

/** The loss a question asks the x of, or undefined when it asks something else (an x, a plan). `yName`: the curve's y column. */
export function reachQuery(text: string, yName?: string): number | undefined {
  return reachAsked(text, yName)?.value;
}

/**
 * The value of the curve's y a question asks the x of, and `loss` when it asked for a loss that y
 * holds in other units: on a perplexity or bits curve, "when does the loss reach 3.2?" asks for a
 * loss of 3.2 nats, a perplexity of e^3.2 = 24.53 or bits of 3.2 / ln 2 = 4.617 (naming the y,
 * "when does val_ppl reach 20?", asks for the y itself).
 */
export function reachAsked(text: string, yName?: string): { readonly value: number; readonly loss?: number } | undefined {
  const byX = X_TO_REACH.exec(asked(text));
  if (byX) return reachAsked(`when does ${yName?.trim() || 'loss'} reach ${byX[1]}`, yName);
  const typed = metricAsLoss(asked(text), yName);
  if (!NAMES_LOSS.test(typed)) return undefined;
  const m = REACH_QUERY.exec(typed);
  const loss = m ? Number(m[1]) : NaN;
  if (!(loss > 0 && Number.isFinite(loss))) return undefined;
  const metric = yMetricOf(yName);
  const value = valueOfLoss(metric, loss);
  if (value === undefined || namesY(asked(text), yName!, metric!.kind === 'perplexity' ? PERPLEXITY_FAMILY : BITS_FAMILY)) return { value: loss };
  return { value: Number(value.toPrecision(6)), loss };
}

const PERPLEXITY_FAMILY = 'perplex\\S*|ppl';
const BITS_FAMILY = 'bpb|bpc|bpd|bits?';

/** The text names the curve's y: its column, or a name of its family ("perplexity" of val_ppl). */
function namesY(text: string, yName: string, family: string): boolean {
  const y = yName.trim();
  return new RegExp(`(?<![\\w/.-])${escapeRegExp(y)}(?![\\w/.-])`, 'i').test(text) || new RegExp(metricName(family).source, 'i').test(text);
}

/**
 * What to say of "when does it reach 2.5?": it asks when something reaches a value, without naming
 * the loss, so it is neither a loss to find the x of nor an x; undefined for any other text.
 */
export function unnamedReach(text: string, yName?: string): string | undefined {
  const typed = asked(text);
  const m = REACH_VERB.exec(typed);
  if (!m || NAMES_X.test(typed) || reachQuery(text, yName) !== undefined) return undefined;
  const metric = yName?.trim() || 'loss';
  const ask = `ask "when does the ${metric} reach …?"`;
  // it names the curve's metric but asks for 0: no law these fits use gets there
  const zero = NAMES_LOSS.test(metricAsLoss(typed, yName)) ? REACH_QUERY.exec(metricAsLoss(typed, yName)) : null;
  if (zero && Number(zero[1]) <= 0) return `"${typed}": the ${metric} stays above 0 on every law fitted here, so it never reaches ${zero[1]}: ${ask.replace('…', 'a value above 0')}.`;
  const other = [...Y_FAMILIES, 'loss'].map((f) => typed.match(metricName(f))?.[0]).find((w) => w !== undefined);
  if (other !== undefined) {
    // a perplexity is e^loss: say the loss it means, the one conversion a user of a loss curve wants
    const onLoss = metricName('loss').test(metric);
    const asLoss = /perplexity|ppl/i.test(other) && onLoss
      ? ` (a perplexity of ${m[1]} is a loss of ln ${m[1]} = ${Math.log(Number(m[1])).toFixed(3)})`
      : new RegExp(metricName(BITS_FAMILY).source, 'i').test(other) && onLoss
        ? ` (${m[1]} bits is a loss of ${m[1]} × ln 2 = ${(Number(m[1]) * Math.LN2).toFixed(3)} nats)`
        : '';
    return `"${typed}" asks about ${other}, but this curve's y is ${metric}: ${ask}${asLoss}.`;
  }
  return `"${typed}" does not say what should reach ${m[1]}: ${ask.replace('…', m[1]!)} for the x where the fit reaches that value, or type the x itself (${m[1]}, 10x, 300B tokens) for the ${metric} there.`;
}
