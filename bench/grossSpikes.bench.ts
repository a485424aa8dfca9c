// Evaluation curves with checkpoints at about double the loss (an evaluation at a bad checkpoint,
// as in the OLMo runs): auto's held-out error with the default trimming, with none, and on
// the same curves without the spikes, beside the last clean value held flat, and the share of the
// fit's spikes found. 10 seeded curves per row, 0.3% noise, spikes ×1.8–2.2 anywhere but the first
// point; the first 50% or 25% fitted, the rest scored against the clean curve.
import type { AnalyzeOptions, Point } from '../src/core/analysis';
import { analyzeCurve } from '../src/core/analyze';
import { mulberry32, normal } from '../src/core/random';

const rand = mulberry32(5);
const z = normal(mulberry32(6));
const mean = (a: readonly number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
const heldError = (points: Point[], truth: readonly Point[], opts: AnalyzeOptions): number => {
  const a = analyzeCurve(points, { ...opts, targets: [] });
  const held = a.estimators.find((e) => e.law === a.auto?.law)?.heldOut?.points ?? [];
  return Math.sqrt(mean(held.map((p, i) => Math.log(p.pred / truth[truth.length - held.length + i].y) ** 2)));
};

console.log('points  spikes  fit   auto (trim)  auto (no trim)  auto, no spikes  last clean value  spikes found');
for (const n of [20, 41, 104]) {
  for (const count of [2, 5, 11]) {
    for (const frac of [0.5, 0.25]) {
      const rows: number[][] = [];
      for (let rep = 0; rep < 10; rep++) {
        const clean = Array.from({ length: n }, (_, i) => ({ x: 1000 * (i + 1), y: (2.1 + 9 * (1000 * (i + 1)) ** -0.28) * Math.exp(0.003 * z()) }));
        const spiked = new Set<number>();
        while (spiked.size < Math.min(count, n / 3)) spiked.add(1 + Math.floor(rand() * (n - 1)));
        const data = clean.map((p, i) => (spiked.has(i) ? { x: p.x, y: p.y * (1.8 + 0.4 * rand()) } : p));
        const opts = { holdoutFrac: 1 - frac };
        const nFit = Math.ceil(n * frac);
        const inFit = [...spiked].filter((i) => i < nFit);
        const found = analyzeCurve(data, { ...opts, targets: [] }).outliers?.length ?? 0;
        const lastClean = clean[Math.max(...Array.from({ length: nFit }, (_, i) => i).filter((i) => !spiked.has(i)))].y;
        const truthHeld = clean.slice(nFit);
        rows.push([
          heldError(data, clean, opts),
          heldError(data, clean, { ...opts, robust: 'none' }),
          heldError(clean, clean, opts),
          Math.sqrt(mean(truthHeld.map((p) => Math.log(lastClean / p.y) ** 2))),
          inFit.length > 0 ? found / inFit.length : NaN,
        ]);
      }
      const col = (k: number) => mean(rows.map((r) => r[k]).filter(Number.isFinite));
      console.log(`${String(n).padStart(6)}  ${String(count).padStart(6)}  ${frac.toFixed(2)}  ${col(0).toFixed(4).padStart(11)}  ${col(1).toFixed(4).padStart(14)}  ${col(2).toFixed(4).padStart(15)}  ${col(3).toFixed(4).padStart(16)}  ${col(4).toFixed(2).padStart(12)}`);
    }
  }
}
