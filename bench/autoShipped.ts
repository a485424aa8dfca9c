// The shipped auto rule restated over bench records (bench/autoRecords.ts), so rule benches score
// their alternatives against it in the same run: the three best back-tests (cuts weighted 3 : 1 :
// 0.5, evenly below 50 fit points) plus `flat` when its back-test is within 25% of the best.
import { reweighted, topK, type CurveRecord, type Rule } from './autoRecords';

const DEFAULT_W = [3, 1, 0.5];
/** the shipped rule's cut weights: even below 50 fit points */
export const shippedW = (c: CurveRecord): number[] => (c.nFit < 50 ? [1, 1, 1] : DEFAULT_W);
export const shippedScore = (c: CurveRecord): Record<string, number> => (c.nFit < 50 ? reweighted(c, [1, 1, 1]) : c.score);

export const shipped: Rule = (c) => {
  const s = shippedScore(c);
  const r = topK(3)({ ...c, score: s });
  const best = Math.min(...Object.values(s).filter(Number.isFinite));
  return !r.includes('flat') && s.flat <= 1.25 * best ? [...r, 'flat'] : r;
};

