// A mistyped option or command names the one meant: `--holdout` → `--holdout-frac`, `--boostrap` →
// `--bootstrap`, `fitt` → `fit`. Only a close match is named; anything else is left unguessed.

/** Edit distance with adjacent transpositions (optimal string alignment). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The one known name `word` most likely meant: the only one it is but for case, else the only one it
 * begins (`holdout` of `holdout-frac`, from 3 letters), else the only nearest within 1 edit (2 from 5
 * letters; a third of a short word would match most of them). Undefined when none, or several, are as close.
 */
export function closestName(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const sameButCase = known.filter((k) => k.toLowerCase() === w);
  if (sameButCase.length === 1) return sameButCase[0];
  if (w.length >= 3) {
    const prefixed = known.filter((k) => k.toLowerCase().startsWith(w));
    if (prefixed.length === 1) return prefixed[0];
  }
  // case counts in the distance: `rn` is one edit from run, two from a sweep's N
  const limit = w.length >= 5 ? 2 : 1;
  let best: string[] = [];
  let bestD = Infinity;
  for (const k of known) {
    const dk = distance(word, k);
    if (dk > limit) continue;
    if (dk < bestD) [best, bestD] = [[k], dk];
    else if (dk === bestD) best.push(k);
  }
  return best.length === 1 ? best[0] : undefined;
}

/** " (did you mean --holdout-frac?)" when `word` is close to one known name (`dashes`: written before it), '' otherwise. */
export function didYouMeanText(word: string, known: readonly string[], dashes = ''): string {
  const meant = closestName(word, known);
  return meant ? ` (did you mean ${dashes}${meant}?)` : '';
}
