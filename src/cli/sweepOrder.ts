// Curves of one sweep fitted one by one (`--group D`: loss against N at each D) predict each on its
// own few points, so at the same target they can disagree with the order the sweep states: more
// data predicted a higher loss (2.487 at D = 1e10 above 2.456 at D = 5e9). Said once, with the
// surface fit that uses every row together. Pure.
import type { CurveFitJson } from './curveFitJson';
import { countInText } from '../core/units';
import { fallsByName } from '../core/yMetric';

export function sweepOrderWarning(results: readonly CurveFitJson[], yName: string): string | undefined {
  // a loss, perplexity or error is lower with more data or a bigger model; an accuracy is not
  if (!fallsByName(yName) || results.length < 2) return undefined;
  const keys = Object.keys(results[0]!.group);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  // a size as the sweep writes it (125M, 1.3B) or a plain number
  const curves = results.map((r) => ({ at: countInText(r.group[key] ?? '') ?? NaN, preds: r.predictions }));
  if (!curves.every((c) => c.at > 0 && Number.isFinite(c.at))) return undefined;
  curves.sort((a, b) => a.at - b.at);
  for (const p of curves[0]!.preds) {
    const row = curves.map((c) => c.preds.find((q) => q.x === p.x)?.y);
    for (let i = 1; i < row.length; i++) {
      const [lo, hi] = [row[i - 1], row[i]];
      if (lo === undefined || hi === undefined || !(hi > lo)) continue;
      return `at x = ${p.x.toPrecision(3)} the curves' predictions are out of the sweep's order: ${key} = ${curves[i]!.at.toPrecision(3)} predicts ${hi.toPrecision(4)}, above ${lo.toPrecision(4)} at ${key} = ${curves[i - 1]!.at.toPrecision(3)}. Each curve is fitted on its own points alone; fit --law chinchilla fits every row together`;
    }
  }
  return undefined;
}
