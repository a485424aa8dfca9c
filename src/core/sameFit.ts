// Two laws can collapse to one fit on a curve: on few points M4's extra parameters are set to
// nothing and it lands on M2's curve. Their rows then show the same figures, which reads as a bug
// unless marked "same fit as M2". One rule for every table that shows laws side by side: the
// Compare Estimators view (errors per back-test cut), the panel's estimator table and the CLI's
// (back-test, held-out and predicted figures). Pure.
import type { EstimatorReport } from './analysis';

type Figures = readonly (number | null | undefined)[];

/**
 * Figures equal (to 1e-6, past what a table shows and within the optimisers' tolerance) wherever
 * both rows have one, and at least one such: two laws that collapse to one fit on this curve.
 */
export function sameFigures(a: Figures, b: Figures): boolean {
  let common = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || x === undefined || y === null || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y))) return false;
    common++;
  }
  return common > 0;
}

/** Per row, the index of the first earlier row with the same figures (sameFigures), or undefined. */
export function sameFitAs(rows: readonly Figures[]): (number | undefined)[] {
  return rows.map((row, i) => {
    const k = rows.slice(0, i).findIndex((earlier) => sameFigures(earlier, row));
    return k >= 0 ? k : undefined;
  });
}

/** What an estimator's row shows: its back-test and held-out errors and its predictions (none for a failed fit). */
function reportFigures(r: EstimatorReport): Figures {
  if (!r.fit) return [];
  return [r.backtest?.rmsle, r.heldOut?.rmsle, ...r.predictions.map((p) => p.y)];
}

/** Per estimator, the law of the first earlier one that collapsed to the same fit on this curve, or undefined. */
export function sameFitLaws(estimators: readonly EstimatorReport[]): (string | undefined)[] {
  return sameFitAs(estimators.map(reportFigures)).map((k) => (k === undefined ? undefined : estimators[k]!.law));
}

/** How a table marks a row that collapsed to an earlier one's fit: "same fit as M2 here" (the name without its gloss, "M2 (power law + limit)"). */
export function sameFitText(name: string): string {
  return `same fit as ${name.replace(/ \(.*\)$/, '')} here`;
}
