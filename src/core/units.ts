// Extrapolation targets as people type them: "1e10", "10x", "2B", "300B tokens", "5.76e23 FLOPs".
// Pure: the panel, the commands and the CLI share one reading of a target.
import { ScalingLensError } from './types';
import { axisNoun, noTargetIn, plainNumbers, powersOfTen, reachedNumber, typedTarget, unanswerable, unitMismatch } from './targetText';
import { PF_DAY_FLOPS } from './laws/kaplanRules';
import { missAtTarget } from './trustScale';

export interface Target {
  readonly value: number;
  /** The word after the number, lower-cased ("tokens", "flops"), when one was given. */
  readonly unit?: string;
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12, p: 1e15 };

/** A loss query as typed, before its words are read: a trailing "?" dropped. */
function asTyped(text: string): string {
  return text.trim().replace(/\?+$/, '').trim();
}

// number, optional magnitude suffix or "x", optional unit word
// a unit after a space, or one of the common units written on (1e23flops, 2Btokens)
const TARGET = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([kmbgtp]|x)?(?:\s+([a-z][a-z0-9_/ -]*)|(flops?|tokens?|params?|parameters|steps?|samples?|examples?))?$/i;

const BY_OR_TO_NUMBER = /\b(?:by|to)\s+[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses a target. `10x` means ten times `current` (the largest observed x), so `current` is
 * required for relative targets. `axis`: the curve's x kind, which a unit word must not contradict
 * ("1e21 FLOPs" against tokens). Throws ScalingLensError('bad-argument') with a plain message.
 */
export function parseTarget(text: string, current?: number, axis?: string): Target {
  const why = unanswerable(text) ?? noTargetIn(text);
  if (why !== undefined) throw new ScalingLensError('bad-argument', `${why}.`);
  const trimmed = typedTarget(text).replace(/_/g, '').replace(COMPUTE_UNIT_WRITTEN_ON, '$1 $2');
  const m = TARGET.exec(trimmed);
  // "loss by 2.3", "train to 2.3": a small bare number after by or to may be the x or a loss to reach
  const ambiguous = m && !m[2] && !m[3] && !m[4] && Number(m[1]) < 100 ? BY_OR_TO_NUMBER.exec(asTyped(text)) : null;
  if (ambiguous) throw new ScalingLensError('bad-argument', `"${text.trim()}" may ask for the loss at x = ${m![1]} or for where the loss reaches ${m![1]}: ask "when does the loss reach ${m![1]}?" for the one, or give the x with its unit ("step ${m![1]}") for the other.`);
  if (!m) {
    throw new ScalingLensError(
      'bad-argument',
      `"${text}" is not a target. Use a number such as 1e10, a size such as 2B or 300B tokens, or a multiple such as 10x.`,
    );
  }
  const base = Number(m[1]);
  const suffix = m[2]?.toLowerCase();
  let unit = (m[3] ?? m[4])?.trim().toLowerCase() || undefined;
  // "on 8 GPUs for 1e5 steps", "10x and 100x": a second amount after the first, which would go unread
  if (unit !== undefined && /\d/.test(unit)) throw new ScalingLensError('bad-argument', `"${text.trim()}" holds more than one amount: give one target, such as 1e5 steps or 10x.`);
  // "2.5 loss" asks where a loss is reached, not the loss at x = 2.5
  if (unit !== undefined && /^loss\b/.test(unit)) throw new ScalingLensError('bad-argument', `"${text.trim()}" is a loss, not an x: ask "loss ${m[1]}" for where it is reached.`);
  const compute = unit !== undefined ? computeUnitScale(unit) : undefined;
  if (compute !== undefined) unit = 'flops';
  let value: number;
  if (suffix === 'x') {
    if (current === undefined || !Number.isFinite(current) || current <= 0) {
      throw new ScalingLensError('bad-argument', `"${text}" is relative to the largest observed x, but there is no data to scale from yet.`);
    }
    value = base * current;
  } else {
    value = base * (suffix ? SUFFIX[suffix]! : 1) * (compute ?? 1);
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new ScalingLensError('bad-argument', `"${text}" must be a positive, finite amount.`);
  }
  const mismatch = unitMismatch(unit, suffix === 'x', axis);
  if (mismatch) throw new ScalingLensError('bad-argument', `"${text.trim()}": ${mismatch}.`);
  return unit === undefined ? { value } : { value, unit };
}

/** The multiple a relative target asks for ("10x", "loss at 10× data?" → 10); undefined for an amount or no target. */
export function targetMultiple(text: string): number | undefined {
  const m = TARGET.exec(typedTarget(text).replace(/_/g, ''));
  return m?.[2]?.toLowerCase() === 'x' ? Number(m[1]) : undefined;
}

/** An amount of x with its axis' unit, in the short form the rest of the panel uses: "315B tokens", "24K steps". */
export function amountLabel(x: number, axis?: string): string {
  const noun = axisNoun(axis);
  return noun ? `${formatAmount(x)} ${noun}` : formatAmount(x);
}

/**
 * The target as the headline, the tables and the notifications name it, never the question typed
 * around it ("loss at 10x data?"): a multiple in its short form with the amount it comes to
 * ("10x (315B tokens)"), else the amount with its unit ("315B tokens"). `x`: what the target
 * comes to on the curve; `axis`: the curve's x kind.
 */
export function targetLabel(text: string, x: number, axis?: string): string {
  const multiple = targetMultiple(text);
  return multiple !== undefined ? `${multiple}x (${amountLabel(x, axis)})` : amountLabel(x, axis);
}

// a magnitude-suffixed count standing alone in a name: "125m", "OPT · 1.3b", "llama-7b-hf", "300B
// tokens"; the digits must not continue a word ("K2", "v1.5", "resnet50m" are not counts) or a
// number ("1,3B" is 1.3B with a decimal comma, "1,300M" 1.3B grouped: neither is 3B or 300M)
const COUNT_IN_TEXT = /(?<![a-z0-9.,])(\d+(?:\.\d+)?)\s?([kmbt])(?![a-z0-9])/gi;

/**
 * The count a sweep cell states as text: a plain number, or one magnitude-suffixed count in a model
 * name ("pythia-1.4b" → 1.4e9). Undefined when there is none, or more than one that disagree
 * ("1b-300b": the size and the tokens), since guessing which is which would fit the wrong axis.
 */
export function countInText(text: string): number | undefined {
  const t = text.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (t === '') return undefined;
  const plain = Number(t);
  if (Number.isFinite(plain)) return plain;
  let found: number | undefined;
  for (const m of t.matchAll(COUNT_IN_TEXT)) {
    const v = Number(m[1]) * SUFFIX[m[2]!.toLowerCase()]!;
    if (found !== undefined && found !== v) return undefined;
    found = v;
  }
  return found !== undefined && found > 0 ? found : undefined;
}

/**
 * The model size a run's name states, and the name with it taken out (its family: runs that differ
 * only in size share one): a magnitude-suffixed count ("pythia-1.4b", "OPT · 125m") or a number in
 * exponent notation of at least a million ("1.68e+07"). Other plain numbers name versions, seeds,
 * dates and timestamps ("3", "20240101", "1717171717").
 */
export function sizeInName(name: string): { size: number; family: string } | undefined {
  const t = name.trim();
  const plain = Number(t);
  if (t !== '' && Number.isFinite(plain)) return plain >= 1e6 && /e/i.test(t) ? { size: plain, family: '' } : undefined;
  const size = countInText(t);
  if (size === undefined) return undefined;
  const family = t.replace(COUNT_IN_TEXT, '#');
  // "tokens-300b", "bs-512k", "ctx-8k": a count of data, batch or context, not of parameters
  return family.toLowerCase().split(/[^a-z]+/).some((w) => NOT_MODEL_SIZE.has(w)) ? undefined : { size, family };
}

const NOT_MODEL_SIZE = new Set(['tok', 'toks', 'token', 'tokens', 'data', 'd', 'bs', 'batch', 'ctx', 'context', 'seq', 'seqlen', 'len', 'step', 'steps', 'iter', 'iters', 'epoch', 'epochs', 'samples', 'flops', 'compute', 'c', 'lr', 'warmup', 'vocab']);

const FLOP_UNITS = new Set(['flops', 'flop', 'flop(s)']);

// compute written in a unit of its own: "100 zettaFLOPs", "100 ZFLOPs", "3 EFLOP"; and Kaplan et
// al.'s PF-days (1e15 FLOP/s for a day), as a sweep's header may state them
const FLOP_PREFIX: Readonly<Record<string, number>> = { k: 1e3, kilo: 1e3, m: 1e6, mega: 1e6, g: 1e9, giga: 1e9, t: 1e12, tera: 1e12, p: 1e15, peta: 1e15, e: 1e18, exa: 1e18, z: 1e21, zetta: 1e21, y: 1e24, yotta: 1e24 };
const PREFIXED_FLOPS = /^(k|m|g|t|p|e|z|y|kilo|mega|giga|tera|peta|exa|zetta|yotta)-?flops?$/;
const PF_DAYS = /^(?:pfs?|pflops?|petaflops?)(?:\/s)?[- ]?days?$/;
const COMPUTE_UNIT_WRITTEN_ON = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*((?:k|m|g|t|p|e|z|y|kilo|mega|giga|tera|peta|exa|zetta|yotta)-?flops?|(?:pfs?|pflops?|petaflops?)(?:\/s)?[- ]?days?)$/i;
// "a budget of 1e23 FLOPs", "1e23 FLOPs of compute", "1e23 FLOPs budget": words around the amount
const BUDGET_WORDS = /\b(?:(?:a|the|my|our)\s+)?(?:(?:compute|training|flops?)\s+)?budget\s+(?:of|is)\s+/i;
// "chinchilla-optimal 1e24", "compute optimal split at 6e23", "budget: 1e23", "C = 1e23 FLOPs": words before the amount
const LEADING_PLAN_WORDS = /^\s*(?:(?:chinchilla|compute)[- ]?optimal(?:\s+(?:n\s*(?:,|and|&|\/)\s*d|split|allocation|model(?:\s+size)?))?\s+(?:(?:at|for|of|with)\s+)?|c\s*=\s*|(?:(?:a|the|my|our)\s+)?(?:(?:compute|training|flops?)\s+)?budget\s*[:=]\s*)/i;
const TRAILING_BUDGET_WORDS = /\s+(?:of\s+)?(?:training\s+)?(?:compute|budget)$|\s*,?\s+(?:the\s+)?(?:best|optimal)\s+(?:split|allocation|n\s*(?:and|&|,)\s*d)$/i;
/** FLOPs in one of `unit` ("zettaflops" → 1e21, "pf-days" → 8.64e19), or undefined for any other word. */
function computeUnitScale(unit: string): number | undefined {
  const prefix = PREFIXED_FLOPS.exec(unit);
  if (prefix) return FLOP_PREFIX[prefix[1]!]!;
  return PF_DAYS.test(unit) ? PF_DAY_FLOPS : undefined;
}

/** How a refused budget's message says to ask the question it may have meant: as typed in the Plan, or as `allocate`'s flags. */
export interface BudgetAsk {
  readonly point: (size: string) => string;
  readonly loss: (loss: string) => string;
}

const PALETTE_ASK: BudgetAsk = { point: (n) => `type e.g. "${n} params on 1T tokens"`, loss: (l) => `type "loss ${l}"` };

/** Below this a plain number is no training budget (a million FLOPs trains nothing): most likely a loss typed without "loss". */
const LEAST_BUDGET = 1e6;

/**
 * Parses a compute budget in FLOPs ("1e23", "5.76e23 FLOPs", "3e24 flop", "100 zettaFLOPs",
 * "1000 PF-days"). Budgets share the number syntax of targets but not their meaning: a multiple
 * ("10x") or another unit ("300B tokens", "70B params") is not an amount of compute, and neither
 * is a size with no unit ("70B" reads as a model), so each is refused with a plain message instead
 * of being read as FLOPs.
 */
export function parseBudget(text: string, ask: BudgetAsk = PALETTE_ASK): number {
  const bad = (why: string) =>
    new ScalingLensError('bad-argument', `"${text.trim()}" is not a compute budget: ${why}. Give FLOPs (C ≈ 6·N·D), e.g. 1e23, 5.76e23 or 3e24 FLOPs.`);
  const typed = typedTarget(text.replace(LEADING_PLAN_WORDS, '').replace(BUDGET_WORDS, '')).replace(TRAILING_BUDGET_WORDS, '').replace(COMPUTE_UNIT_WRITTEN_ON, '$1 $2');
  if (/^\s*[+-]?[\d._]+(?:e[+-]?\d+)?\s*x(?:\s|$)/i.test(typed)) throw bad(`a multiple (10x) needs something to multiply; a budget is an absolute amount (the loss at 10x a curve's data, or of a bigger model across runs of several sizes, is for Predict Loss at Scale; a bigger model's loss here: its size on a token count, ${ask.point('14B')})`);
  let t: Target;
  try {
    t = parseTarget(typed);
  } catch (e) {
    throw bad(/positive/.test((e as Error).message) ? 'it must be a positive, finite amount' : 'not a number');
  }
  if (t.unit !== undefined && !FLOP_UNITS.has(t.unit)) {
    const kind = /^tok/.test(t.unit) ? 'tokens (D)' : /^param|^weight|^model/.test(t.unit) ? 'parameters (N)' : `"${t.unit}"`;
    throw bad(`that is a number of ${kind}, not compute`);
  }
  const size = /^[+-]?[\d.]+(?:e[+-]?\d+)?\s*([kmbgtp])$/i.exec(typed.trim());
  if (t.unit === undefined && size) throw bad(`${typed.trim()} with no unit reads as a model size or a token count (for the loss of a model on a token count: ${ask.point(typed.trim())})`);
  if (t.value < LEAST_BUDGET) throw bad(`${formatAmount(t.value)} FLOPs trains no model${t.unit === undefined ? `; for the compute to reach a loss: ${ask.loss(typed.trim())}` : ''}`);
  return t.value;
}

// "…, 300B unique tokens", "… with only 3e11 unique": the unique-data clause of a plan query
const UNIQUE_CLAUSE = /(?:\s*[,;]\s*|\s+(?:with|and|given)\s+)(?:only\s+)?([+-]?[\d.]+(?:e[+-]?\d+)?\s*[kmbgtp]?)\s+unique(?:\s+tokens?)?\s*\??\s*$/i;

/**
 * A plan query: a budget in FLOPs, or a loss to reach ("compute to reach loss 2.1?"), and
 * optionally how many unique tokens exist ("best N and D for 1e23 FLOPs with 300B unique tokens?",
 * "5.76e23, 1T unique") and how many the model will serve ("loss 2.1 with 1T inference tokens").
 */
/** `point`: a model size and token count asked for ("7B params on 1T tokens"); `flops` is then 6·N·D. */
export type PlanQuery = ({ readonly flops: number } | { readonly targetLoss: number }) & { readonly uniqueTokens?: number; readonly inferenceTokens?: number; readonly point?: { readonly N: number; readonly D: number } };

// "compute to reach loss 2.1", "how much compute for a loss of 2.0?", "loss 1.9"
const LOSS_QUERY = /^\s*(?:(?:how\s+much|what)\s+)?(?:compute|flops)?\s*(?:is\s+)?(?:needed\s+|do\s+i\s+need\s+)?(?:to\s+reach|to\s+get\s+to|for)?\s*(?:a\s+)?loss\s+(?:of\s+|=\s*)?([+-]?[\d.]+(?:e[+-]?\d+)?)\s*$/i;
// "how much compute to hit 2.1?", "how many FLOPs to reach a loss of 2.0", "FLOPs needed for 1.9": compute
// asked for by name, so the value is a loss though the question may not name it
const COMPUTE_TO_REACH = /^\s*(?:how\s+(?:much|many)\s+)?(?:compute|flops?)\s+(?:(?:do|would|will)\s+(?:i|we)\s+need\s+|(?:is\s+)?needed\s+)?(?:to|for|until)\s+(?:(?:reach|hit|get\s+(?:to|below|under))\s+)?(?:a\s+)?(?:loss\s+(?:of\s+)?)?([+-]?[\d.]+(?:e[+-]?\d+)?)\s*$/i;

// "7B params on 1T tokens", "loss of a 7B model trained on 1T tokens", "7B parameters, 1T tokens"; "N=7e9 D=1e12";
// "loss of 7B on 1T tokens": the tokens named, the other amount is the model's size"
const AMOUNT = String.raw`([+-]?\d[\d.]*(?:e[+-]?\d+)?\s*[kmbgtp]?)`;
const POINT_WORDS = new RegExp(String.raw`^\s*(?:(?:what\s+is\s+|what's\s+)?(?:the\s+)?loss\s+(?:of|for)\s+)?(?:an?\s+)?${AMOUNT}\s*(?:param(?:eter)?s?|model)?\s*(?:(?:trained\s+)?(?:on|with|for)\s|,|\/|(?<=param(?:eter)?s?\s))\s*${AMOUNT}\s*tokens?\s*$`, 'i');
// "loss at 300B tokens with 7B params", "1T tokens on a 7B model": the tokens first, each amount named
const POINT_DATA_FIRST = new RegExp(String.raw`^\s*(?:(?:what\s+is\s+|what's\s+)?(?:the\s+)?loss\s+(?:at|on|of|for|after)\s+)?${AMOUNT}\s*tokens?\s*(?:(?:with|for|on|of|and)\s+|,\s*)(?:an?\s+)?${AMOUNT}\s*(?:param(?:eter)?s?|model)\s*$`, 'i');
const POINT_NAMED = new RegExp(String.raw`^\s*N\s*=\s*${AMOUNT}\s*[,;]?\s*D\s*=\s*${AMOUNT}\s*$`, 'i');
/** Two amounts with nothing that says which is the model size: "7B on 1T". */
const TWO_AMOUNTS = /\d[\d.]*(?:e[+-]?\d+)?\s*[kmbgtp]?\b.*\s\d/i;
export const POINT_HINT = 'say which amount is the model size and which the tokens, e.g. "7B params on 1T tokens" or "N=7e9 D=1e12"';

// "70B model, how many tokens", "how many tokens for a 70B model"
const MODEL_TOKENS_ASKED = /\bhow\s+many\s+tokens\b/i;
const MODEL_SIZE_GIVEN = /(\d[\d.]*(?:e[+-]?\d+)?\s*[kmbgt]?)\s*(?:param(?:eter)?s?|model)\b/i;

function budgetOrLoss(typed: string): { flops: number; point?: { N: number; D: number } } | { targetLoss: number } {
  const why = unanswerable(typed);
  if (why !== undefined) throw new ScalingLensError('bad-argument', `${why}.`);
  const model = MODEL_TOKENS_ASKED.test(typed) ? MODEL_SIZE_GIVEN.exec(typed) : null;
  if (model) {
    const N = tokenCount(model[1]!.replace(/\s+/g, ''), 'parameters');
    throw new ScalingLensError('bad-argument', `"${typed.trim()}" asks how many tokens a ${formatAmount(N)} model should see: the Plan answers a budget with its optimal N and D, or a size on a token count with its loss and the best split of that compute; type e.g. "${formatAmount(N)} params on ${formatAmount(20 * N)} tokens" (Chinchilla's 20 per parameter)`);
  }
  const text = powersOfTen(typed);
  // "when does the loss reach 2.5?", "how many tokens to hit 2.3": the Predict box's loss to find the
  // x of is, to the Plan, a loss to reach at the least compute
  const reached = reachedNumber(text) ?? COMPUTE_TO_REACH.exec(asTyped(text))?.[1];
  const m = LOSS_QUERY.exec(asTyped(text)) ?? (reached !== undefined ? [reached, reached] : null);
  const dataFirst = m ? null : POINT_DATA_FIRST.exec(text);
  const p = m ? null : POINT_WORDS.exec(text) ?? POINT_NAMED.exec(text) ?? (dataFirst && [dataFirst[0], dataFirst[2]!, dataFirst[1]!]);
  if (p) {
    const [N, D] = [tokenCount(p[1]!.trim(), 'parameters'), tokenCount(p[2]!.trim(), 'tokens')];
    return { flops: 6 * N * D, point: { N, D } };
  }
  if (!m && TWO_AMOUNTS.test(text)) throw new ScalingLensError('bad-argument', `"${text.trim()}" holds two amounts: ${POINT_HINT}.`);
  if (!m) return { flops: parseBudget(text) };
  const targetLoss = Number(m[1]);
  if (!(targetLoss > 0) || !Number.isFinite(targetLoss)) throw new ScalingLensError('bad-argument', `"${m[1]}" is not a loss to reach: give a positive number, e.g. loss 2.1.`);
  return { targetLoss };
}

// "… with 1T inference tokens", "…, serving 2e12 tokens": the tokens the model will serve
const INFERENCE_CLAUSE = /(?:\s*[,;]\s*|\s+(?:with|and|then)\s+|\s+)(?:serving\s+)?([+-]?[\d.]+(?:e[+-]?\d+)?\s*[kmbgtp]?)\s+(?:inference\s+tokens?|tokens?\s+(?:of\s+)?inference|inference|tokens?\s+served)\s*\??\s*$|(?:\s*[,;]\s*|\s+(?:with|and|then)\s+|\s+)serving\s+([+-]?[\d.]+(?:e[+-]?\d+)?\s*[kmbgtp]?)(?:\s+tokens?)?\s*\??\s*$/i;

/** Inference-aware planning answers "the cheapest way to a loss", so it needs the loss. */
export const INFERENCE_NEEDS_LOSS = 'serving tokens changes the plan for a loss to reach: ask for the loss, e.g. "loss 2.1 with 1T inference tokens"';

function tokenCount(text: string, what: string): number {
  try {
    return parseTarget(text.replace(/\s+/g, '')).value;
  } catch {
    throw new ScalingLensError('bad-argument', `"${text}" is not a number of ${what}; give one such as 300B or 3e11.`);
  }
}

export function parsePlanQuery(text: string): PlanQuery {
  let rest = plainNumbers(text.trim().replace(/\?+$/, ''));
  let uniqueTokens: number | undefined;
  let inferenceTokens: number | undefined;
  // the clauses may come in either order, each at most once
  for (let k = 0; k < 2; k++) {
    const u = uniqueTokens === undefined ? UNIQUE_CLAUSE.exec(rest) : null;
    if (u) {
      uniqueTokens = tokenCount(u[1]!, 'unique tokens');
      rest = rest.slice(0, u.index);
      continue;
    }
    const i = inferenceTokens === undefined ? INFERENCE_CLAUSE.exec(rest) : null;
    if (i) {
      inferenceTokens = tokenCount((i[1] ?? i[2])!, 'tokens to serve');
      rest = rest.slice(0, i.index);
    }
  }
  const asked = budgetOrLoss(rest);
  if (inferenceTokens !== undefined && !('targetLoss' in asked)) throw new ScalingLensError('bad-argument', INFERENCE_NEEDS_LOSS);
  return { ...asked, ...(uniqueTokens !== undefined ? { uniqueTokens } : {}), ...(inferenceTokens !== undefined ? { inferenceTokens } : {}) };
}

/**
 * A loss someone asked for, written as the panel's headline writes losses (four significant
 * digits, trailing zeros kept) when that is the same number: "0.7000" beside a predicted 0.7000,
 * not "0.7"; one typed with more digits keeps them all ("2.3456", never rounded to "2.346").
 */
export function formatAskedLoss(v: number): string {
  const a = Math.abs(v);
  const four = a >= 1e-3 && a < 1e5 ? v.toPrecision(4) : undefined;
  return four !== undefined && Number(four) === v ? four : String(v);
}

/**
 * A loss as the panel's headline and tables write it, and the CLI's text too: four significant
 * digits, trailing zeros kept ("2.380", "[2.308, 2.380]", never "2.38" beside "2.308"); outside
 * [1e-3, 1e5), and for a non-finite value, `otherwise` writes it.
 */
export function lossText(v: number, otherwise: (v: number) => string = (x) => (Number.isFinite(x) ? exponentText(x, 4) : String(x))): string {
  const a = Math.abs(v);
  return Number.isFinite(v) && a >= 1e-3 && a < 1e5 ? v.toPrecision(4) : otherwise(v);
}

/** The magnitude suffixes amounts are written with (parseTarget reads each back). */
const AMOUNT_UNITS: readonly (readonly [number, string])[] = [[1e15, 'P'], [1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'K']];

/** `v` in e-notation to `digits` significant digits, trailing zeros dropped: "5e15", "5.76e23", "1.2e-5". */
export function exponentText(v: number, digits = 3): string {
  return v.toExponential(digits - 1).replace(/\.?0+e/, 'e').replace('e+', 'e');
}

/**
 * `v` to `digits` significant digits with a magnitude suffix ("711K", "31.4573B"), e-notation from
 * 1e18 ("3.14e23": FLOPs), trailing zeros dropped.
 */
function amountText(v: number, digits: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e18) return exponentText(v, digits);
  const [scale, s] = AMOUNT_UNITS.find(([scale]) => a >= scale) ?? [1, ''];
  return `${Number((v / scale).toPrecision(digits))}${s}`;
}

/**
 * x written as a target to type back, as the panel writes amounts ("711K", "31.4573B", not
 * "7.11e5"), to `digits` significant digits; parseTarget reads it as x rounded to them.
 */
export function targetNumberText(x: number, digits: number): string {
  return amountText(Number(x.toPrecision(digits)), digits);
}

/** Short human form of a large amount: 1.2e10 → "12B", 3e23 → "3e23". */
export function formatAmount(v: number): string {
  return amountText(v, 3);
}

/** A factor as a multiple, to 2 digits: "3.3×", and a far one as an amount: "140K×", not "140000×". */
/**
 * "3×", "1.9×", "140K×"; a factor just over 1 to the third decimal ("1.008×"), not the "1×" of no
 * extrapolation at all (a run 0.8% short of its schedule's end, forecast to it).
 */
export function factorText(f: number): string {
  const two = Number(f.toPrecision(2));
  if (two === 1 && f > 1) return `${Number(f.toFixed(3))}×`;
  return `${f >= 1e4 ? formatAmount(two) : two}×`;
}

/**
 * "a 2× extrapolation missed by 0.8%" for a prediction's back-test trust, '' without one; when the
 * target is further out, "…; 10× is further than the laws' back-tests reach (scaled by log
 * distance, about 2.5% there)": they cut the curve at fixed shares of its x (core/backtest.ts), and
 * a rehearsal cut elsewhere (the Forecast block's) may reach it. The farthest rehearsal's miss
 * alone read too small there (core/trustScale.ts). One wording for the CLI, the panel's headline
 * and the Predict notification. `of`: what was extrapolated when it is not the value shown (an
 * accuracy's error, "a 3× extrapolation of 1 − val_accuracy missed by 3.3%": its miss is the error's).
 */
export function trustText(t: { factor: number; missedBy: number; beyond?: boolean; targetFactor?: number; of?: string } | undefined): string {
  if (!t) return '';
  const base = `a ${factorText(t.factor)} extrapolation${t.of ? ` of ${t.of}` : ''} missed by ${formatPercent(t.missedBy)}`;
  if (!t.beyond || t.targetFactor === undefined) return base;
  const further = `${base}; ${factorText(t.targetFactor)} is further than the laws' back-tests reach`;
  const scaled = missAtTarget(t);
  return scaled !== undefined ? `${further} (scaled by log distance, about ${formatPercent(scaled)} there)` : further;
}

/**
 * What an interval made mostly of one value's own noise covers (Prediction.scatter): "the 95%
 * interval is for one logged value: this log's values lie ±27% (1σ) off its curve". Said beside
 * the trust line, which is about the curve, so the two do not read as a contradiction. `smoothed`:
 * the values fitted were the log's moving average (the panel's smoothing), whose spread that is.
 */
export function scatterText(scatter: number | undefined, level: string, smoothed = false): string {
  if (scatter === undefined || !Number.isFinite(scatter)) return '';
  const spread = `±${formatPercent(scatter)} (1σ) off its curve`;
  const interval = `the ${level ? `${level} ` : ''}interval`;
  return smoothed ? `${interval} is for one value of the smoothed log: its values lie ${spread}` : `${interval} is for one logged value: this log's values lie ${spread}`;
}

/** A relative error as a percentage: "0.8%", "25%", and "0.04%" rather than a misleading "0.0%". */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0) return '0%';
  if (pct < 0.1) return `${Number(pct.toPrecision(1))}%`;
  return `${pct < 10 ? pct.toFixed(1) : pct.toFixed(0)}%`;
}

/** A signed relative error as a percentage: "+1.2%", "−0.5%", and "0%" without a sign. */
export function signedPercent(fraction: number): string {
  const magnitude = formatPercent(Math.abs(fraction));
  return magnitude === '0%' ? magnitude : `${fraction > 0 ? '+' : '−'}${magnitude}`;
}

/**
 * A probability as a whole percent, a bound where it would round to 0% or 100% ("< 1%", "> 99%"):
 * one rounding for the panel's Forecast block and the status bar, so the two never read 99% and >99%.
 */
export function probabilityPercent(p: number): string {
  return p >= 0.995 ? '> 99%' : p < 0.005 ? '< 1%' : `${Math.round(100 * p)}%`;
}

/** A probability's written percent as what P is: "= 64%", or a bound as it stands ("< 1%", "> 99%"), never "= < 1%". */
export function probabilityIs(percent: string): string {
  return /^[<>]/.test(percent) ? percent : `= ${percent}`;
}

/** Items as a sentence lists them: "m3 and m4", "N, D and U" (`last` joins the last two; ", " lists them all alike). */
export function listText(items: readonly string[], last = ' and '): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')}${last}${items[items.length - 1]}`;
}
