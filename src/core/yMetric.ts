// What a curve's y measures, read off its name (and, for an accuracy, its values): the laws fit a
// metric that falls toward a floor. A loss or an error is fitted as it is; a perplexity (e^loss) or
// bits (per byte, char or token: the loss in base 2) are fitted as they are too, and every answer
// also says the loss in nats they mean; an accuracy rises, and is fitted as its error (1 − acc, or
// 100 − acc in percent); any other score that rises (BLEU, ROUGE, F1, AUC …) is refused with what
// to fit instead. Names as logs write them, a few in other languages ("perplexité"). Pure.
import { medianInPlace } from './arrayStats';

export type YMetric =
  | { readonly kind: 'perplexity' }
  | { readonly kind: 'bits' }
  | { readonly kind: 'accuracy'; readonly scale: 1 | 100 }
  /** `unboundedAccuracy`: an accuracy whose values are not all in [0, 1] or [0, 100], so its error cannot be told. */
  | { readonly kind: 'rising'; readonly unboundedAccuracy?: true };

// words that say a metric falls: checked first, so "acc_loss" or "top1_err" is no accuracy; WER and
// CER stand alone, since "answer_accuracy" or "power" hold the letters
const FALLS = /loss|nll|xent|entropy|perplex|ppl|(?<![a-z])(?:bpb|bpc|bpd)(?![a-z])|(?<![a-z0-9])bits?(?![a-z])|err|(?<![a-z])[wc]er(?![a-z])|fehler|erreur|error/i;
const PERPLEXITY = /perplex|(?<![a-z])ppl(?![a-z])/i;
// bits as a unit of the loss, not a quantised model's width ("mmlu_acc_4bit", "int8bits")
const BITS = /(?<![a-z])(?:bpb|bpc|bpd)(?![a-z])|(?<![a-z0-9])bits?(?![a-z])/i;
// an accuracy: "val_acc", "acc@1", "top1_accuracy", "Genauigkeit", "exactitude"; timm logs theirs as
// a bare "top1" / "top5" (in percent), PyTorch's ImageNet example "Prec@1"; their errors as
// "top1_err", which FALLS takes first
const ACCURACY = /(?<![a-z])acc(?:uracy)?(?![a-z])|(?<![a-z])top-?[1-5](?![0-9a-z])|(?<![a-z])prec@[1-5]|genauigkeit|exactitud|précision|precisión|acurácia|accuratezza/i;
// a score that rises with training, bounded or not, which is no accuracy; "mIoU", "auroc" and
// "pass_at_1" are written with a letter or word glued on, so those stems take no boundary
const RISES = /bleu|rouge|chrf|meteor|cider|(?<![a-z])f1(?![a-z])|(?<![a-z])au(?:c|roc|prc)|(?<![a-z])m?ap(?:@|50|75)?(?![a-z])|iou(?![a-z])|dice|psnr|ssim|ndcg|(?<![a-z])mrr(?![a-z])|hits@|pass(?:@|_at_)|exact.?match|(?<![a-z])em(?![a-z])|precision|recall|reward|(?<![a-z])(?:episode_?)?returns?(?![a-z])|win.?rate|success.?rate|score|(?<![a-z])r2(?![a-z])/i;

/** Whether the name says its metric falls with training: a loss, an error, a perplexity, bits, or an accuracy's error as errorNameOf names it. */
export function fallsByName(name: string): boolean {
  return FALLS.test(name) || /^(?:1|100) − /.test(name);
}

/**
 * What the y column `name` measures; undefined for a loss, an error or a name that says nothing
 * (fitted as it is). `ys`, or a function giving them, is read only for a name that says accuracy:
 * a watched loss of millions of points is not copied on every refit to learn it is a loss.
 */
export function yMetricOf(name: string | undefined, ys: readonly number[] | (() => readonly number[]) = []): YMetric | undefined {
  const n = (name ?? '').trim();
  if (n === '') return undefined;
  // the log of a perplexity is the loss itself (the RNSL benchmark's "log_perplexity")
  if (/log.?(?:perplex|ppl)/i.test(n)) return undefined;
  if (PERPLEXITY.test(n)) return { kind: 'perplexity' };
  if (BITS.test(n) && !/loss|nll|xent|entropy/i.test(n)) return { kind: 'bits' };
  if (FALLS.test(n)) return undefined;
  if (ACCURACY.test(n)) {
    const finite = (typeof ys === 'function' ? ys() : ys).filter((y) => Number.isFinite(y));
    if (finite.every((y) => y >= 0 && y <= 1) && !/%|pct|percent/i.test(n)) return { kind: 'accuracy', scale: 1 };
    if (finite.every((y) => y >= 0 && y <= 100)) return { kind: 'accuracy', scale: 100 };
    return { kind: 'rising', unboundedAccuracy: true };
  }
  return RISES.test(n) ? { kind: 'rising' } : undefined;
}

/**
 * Whether a curve rises overall: the median of its last quarter of points (in x order) above that
 * of its first. A score named like one that rises (F1, "score") but falls here is fitted as it is.
 */
export function risesOverall(points: readonly { readonly x: number; readonly y: number }[]): boolean {
  const ys = [...points].filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x).map((p) => p.y);
  const q = Math.floor(ys.length / 4);
  if (q < 1) return ys.length >= 2 && ys[ys.length - 1]! > ys[0]!;
  return medianInPlace(Float64Array.from(ys.slice(-q))) > medianInPlace(Float64Array.from(ys.slice(0, q)));
}

/** A metric that rises as the run improves: an accuracy (fitted as its error) or a score no law here fits. */
export type RisingMetric = Extract<YMetric, { readonly kind: 'accuracy' | 'rising' }>;

/**
 * `metric` when it is an accuracy or a score and the curve rises overall (risesOverall), else
 * undefined: one so named that falls is a misnamed error, fitted as it is. The one rule the panel,
 * `fit`, `schedule fit`/`forecast` and the surface fits decide by.
 */
export function risingMetric(metric: YMetric | undefined, points: readonly { readonly x: number; readonly y: number }[]): RisingMetric | undefined {
  return (metric?.kind === 'accuracy' || metric?.kind === 'rising') && risesOverall(points) ? metric : undefined;
}

/** The name of the error an accuracy `name` is fitted as: "1 − val_accuracy", "100 − top1 (%)". */
export function errorNameOf(name: string, scale: 1 | 100): string {
  return `${scale} − ${name.trim()}`;
}

/** Why a --reach `v` is not asked of an accuracy fitted as its error: its error never reaches 0 or below. */
export function unreachableAccuracyText(v: number, name: string, scale: 1 | 100): string {
  return `--reach ${v}: ${unreachableAccuracyClause(name, scale)}`;
}

/** Why no accuracy of `scale` or more is asked of one fitted as its error, as the CLI and the panel say it. */
export function unreachableAccuracyClause(name: string, scale: 1 | 100): string {
  return `${name.trim()} is an accuracy up to ${scale}, fitted as its error ${errorNameOf(name, scale)}, which never reaches 0: give an accuracy below ${scale}`;
}

/** Beside a reach answer of an accuracy `v`: the error the laws were asked to reach, "fitted as its error: 1 − val_accuracy = 0.14". */
export function accuracyReachedText(v: number, name: string, scale: 1 | 100): string {
  return `fitted as its error: ${errorNameOf(name, scale)} = ${four(scale - v)}`;
}

/**
 * An accuracy in percent asked for as a fraction ("when does top1 reach 0.85?" of a top1 logged
 * 66 … 82) is passed before the data start: said with what to ask instead. '' unless `scale` is
 * 100 and `v` in (0, 1]; the caller says it only where the answer was "past it already".
 */
export function percentAskedText(v: number, name: string, scale: 1 | 100): string {
  if (scale !== 100 || !(v > 0 && v <= 1)) return '';
  const pct = Number((v * 100).toPrecision(6));
  return `${name.trim()} is in percent, so ${v} is an accuracy of ${v}%; for ${pct}%, ask for ${pct}`;
}

/** "val_accuracy rises with training, and the laws here fit a metric that falls: fitted its error, 1 − val_accuracy": the CLI's warning and the panel's line begin alike. */
function accuracyFittedClause(name: string, scale: 1 | 100): string {
  return `${name.trim()} rises with training, and the laws here fit a metric that falls: fitted its error, ${errorNameOf(name, scale)}`;
}

/** What is said where an accuracy is fitted as its error: what was fitted, and how to read an answer back. */
export function accuracyFittedText(name: string, scale: 1 | 100): string {
  return `${accuracyFittedClause(name, scale)}; every value below is that error (the accuracy is ${scale} minus it)`;
}

/**
 * The panel's line under an accuracy answered from its error: what was fitted, the error `err` (and
 * its interval) the accuracy shown is read from, and what stays the error's (the table's parameters
 * and back-tests). "val_accuracy rises …: fitted its error, 1 − val_accuracy 0.1464 (0.1142–0.1878), read back as the accuracy (1 minus it); …"
 */
export function accuracyReadBackText(name: string, scale: 1 | 100, err: number, lo?: number, hi?: number): string {
  const band = lo !== undefined && hi !== undefined ? ` (${fourKept(lo)}–${fourKept(hi)})` : '';
  return `${accuracyFittedClause(name, scale)} ${fourKept(err)}${band}, read back as the accuracy (${scale} minus it); the table's parameters and back-tests are the error's`;
}

/**
 * Why a curve of `name` is not fitted: it rises with training (BLEU, F1, a score), or is an accuracy
 * outside [0, 1] and [0, 100] (`metric` says so), which no law here fits; and what to fit instead.
 * `how`: how to choose another y where this is said ("choose it with --y"). `complement`: whether
 * M − score is offered too, which only a law of any falling metric can fit (not forecast's schedule
 * laws, laws of a loss). `over`: what it rises with (a sweep's accuracy rises with the runs' scale).
 */
export function risingMetricText(name: string, how: string, metric?: YMetric, opts: { readonly complement?: boolean; readonly over?: 'training' | 'scale' } = {}): string {
  const n = name.trim();
  const acc = metric?.kind === 'rising' && metric.unboundedAccuracy ? `, and its values are not all in [0, 1] or [0, 100], so its error (1 − accuracy) cannot be told` : '';
  const bounded = opts.complement ?? true ? `, or, for a score bounded by a maximum M, a column of M − ${n}` : '';
  return `${n} rises with ${opts.over ?? 'training'}${acc}; the scaling laws here fit a metric that falls toward a floor (a loss, a perplexity, an error rate). Fit the run's loss or error instead (${how})${bounded}.`;
}

/** The loss in nats that a value of the metric means: ln ppl of a perplexity, bits · ln 2 of bits; undefined for another metric. */
export function lossOfValue(metric: YMetric | undefined, v: number): number | undefined {
  if (metric?.kind === 'perplexity') return v > 0 ? Math.log(v) : undefined;
  if (metric?.kind === 'bits') return v * Math.LN2;
  return undefined;
}

/** The metric's value a loss in nats means: e^loss of a perplexity, loss / ln 2 of bits. */
export function valueOfLoss(metric: YMetric | undefined, loss: number): number | undefined {
  if (metric?.kind === 'perplexity') return Math.exp(loss);
  if (metric?.kind === 'bits') return loss / Math.LN2;
  return undefined;
}

/** Four significant digits, trailing zeros dropped, as this module's texts write a value a user typed ("22.06", "0.9"). */
export const four = (v: number): string => String(Number(v.toPrecision(4)));

/** Four significant digits, trailing zeros kept, as the headline and the tables write a computed value and its interval ("0.2200 (11.40–18.79)"). */
export const fourKept = (v: number): string => (Number.isFinite(v) ? v.toPrecision(4) : String(v));

/**
 * "a loss of ln 22.06 = 3.094 nats" for a perplexity, "a loss of 4.424 × ln 2 = 3.066 nats" for bits, with the
 * interval's ends when given ("… (2.846–3.341)"); '' for another metric. Said beside an answer in
 * the curve's own metric, so a perplexity is never read as a loss, nor a loss hunted for in it.
 */
export function lossMeaningText(metric: YMetric | undefined, v: number, lo?: number, hi?: number): string {
  const loss = lossOfValue(metric, v);
  if (loss === undefined || !Number.isFinite(loss)) return '';
  const [l, h] = [lo, hi].map((e) => (e === undefined ? undefined : lossOfValue(metric, e)));
  const band = l !== undefined && h !== undefined && Number.isFinite(l) && Number.isFinite(h) ? ` (${four(l)}–${four(h)})` : '';
  return metric!.kind === 'perplexity' ? `a loss of ln ${four(v)} = ${four(loss)} nats${band}` : `a loss of ${four(v)} × ln 2 = ${four(loss)} nats${band}`;
}

/** "val_accuracy 0.8786 (0.8502–0.9012)": the accuracy an error `err` fitted for it means, with the interval's ends flipped. */
export function accuracyMeaningText(name: string, scale: 1 | 100, err: number, lo?: number, hi?: number): string {
  const band = lo !== undefined && hi !== undefined ? ` (${four(scale - hi)}–${four(scale - lo)})` : '';
  return `${name.trim()} ${four(scale - err)}${band}`;
}

/**
 * What a surface law (L = E + A/N^α + B/D^β, a law of the loss) fitted to a sweep's `name` column
 * means when that column is no loss in nats: bits are the loss over ln 2, so the surface, its split
 * and its exponents are the loss's, its E, A, B and every L* in bits (× ln 2 for nats); a perplexity
 * is e^loss, which that form does not describe (a floor plus power laws in ppl is not one in the
 * loss), so its split is not the loss's: fit ln(ppl) instead. '' for a loss or a name that says nothing.
 */
export function surfaceMetricNote(name: string | undefined, law: string): string {
  const metric = yMetricOf(name);
  const n = (name ?? '').trim();
  if (metric?.kind === 'bits') return `${n} is the loss in bits: the ${law} surface, its split and exponents are the loss's, its E, A, B and every L* are in bits (× ln 2 = ${Math.LN2.toFixed(4)} for nats: L* 3.000 bits is a loss of 2.079 nats)`;
  if (metric?.kind === 'perplexity') return `${n} is a perplexity, e^loss, and the ${law} surface is a law of the loss: fitted to a perplexity it is another law (a floor plus power laws in e^loss), whose split and L* are not the loss's. Fit the loss instead: a column of ln(${n}) (the loss in nats) gives the surface the law describes, and its L* is read back as a perplexity by e^L*`;
  return '';
}

/**
 * What a schedule law (the multi-power law, the LR-annealing law: laws of the loss over steps)
 * fitted to runs' `name` means when it is no loss in nats: bits are the loss over ln 2, so the law
 * is the loss's, its level terms in bits (mpl's L0, A, B; tissue's L0, A, C) and its exponents the
 * loss's; a perplexity is e^loss, which that law does not describe: fit ln(ppl) instead. '' else.
 */
export function scheduleMetricNote(name: string | undefined, law: 'mpl' | 'tissue'): string {
  const metric = yMetricOf(name);
  const n = (name ?? '').trim();
  const lawName = law === 'mpl' ? 'multi-power law' : 'LR-annealing law';
  if (metric?.kind === 'bits') return `${n} is the loss in bits: the ${lawName} fitted is the loss's, its ${law === 'mpl' ? 'L0, A and B' : 'L0, A and C'} in bits (× ln 2 = ${Math.LN2.toFixed(4)} for nats), its exponents the loss's; what schedule predict --from and forecast --prior give from it is in bits`;
  if (metric?.kind === 'perplexity') return `${n} is a perplexity, e^loss, and the ${lawName} is a law of the loss: fitted to a perplexity it is another law, whose L0 and terms are not the loss's. Fit the loss instead: a column of ln(${n}) (the loss in nats) gives the law it describes`;
  return '';
}

/** A y's units as a schedule law's levels are: a perplexity, bits, or (a loss, an error, a name that says nothing) its own. */
export function levelUnits(name: string): 'perplexity' | 'bits' | 'loss' {
  const kind = yMetricOf(name)?.kind;
  return kind === 'perplexity' || kind === 'bits' ? kind : 'loss';
}

export const UNITS_TEXT = { perplexity: 'a perplexity, e^loss', bits: 'the loss in bits', loss: 'a loss in nats' } as const;

/**
 * Whether a schedule-law fit saved from the series `priorY` (FIT.json's "y") can be used for a run
 * whose y is `runY` (forecast --prior, schedule predict --from; `from` names the file): a perplexity
 * against a loss or bits is refused, the law of e^loss being another law than the loss's; bits
 * against a loss in nats is warned of, the fit's level terms being the other's × or ÷ ln 2. Nothing
 * when the units agree (loss and train_loss) or either name is unknown (a FIT.json saved before "y").
 * `chooseY`: how this run's y is chosen where it is said ("with --y", "above the chart").
 */
export function priorUnitsCheck(priorY: string | undefined, runY: string | undefined, from: string, chooseY = 'with --y'): { readonly refused?: string; readonly warning?: string } {
  if (priorY === undefined || runY === undefined) return {};
  const [prior, run] = [levelUnits(priorY), levelUnits(runY)];
  if (prior === run) return {};
  const said = `${from} was fitted to ${priorY.trim()} (${UNITS_TEXT[prior]}) and this run's y is ${runY.trim()} (${UNITS_TEXT[run]})`;
  if (prior === 'perplexity' || run === 'perplexity') return { refused: `${said}: a schedule law of e^loss is another law than the loss's, so the one cannot stand for the other. Fit the prior to the run's metric (schedule fit --y ${runY.trim()}), or choose this run's y ${chooseY}` };
  return { warning: `${said}: the fit's level terms are in ${prior === 'bits' ? 'bits' : 'nats'}, the run's values in ${run === 'bits' ? 'bits' : 'nats'} (× ln 2 = ${Math.LN2.toFixed(4)} from bits to nats), so what it gives here mixes the two: fit the prior to the same metric, or choose this run's y ${chooseY}` };
}
