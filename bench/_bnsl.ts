import { analyzeCurve } from '/work/wt/auto/src/core/analyze';
const x = [160, 192, 256, 320, 384, 448, 480, 512, 544, 576, 608, 640, 672, 736, 800, 864, 928];
const y = [2.13809046, 2.11813418, 2.08955508, 2.06988398, 2.05404987, 2.03837089, 2.02814281, 2.00496872, 1.95576149, 1.86313841, 1.70891537, 1.50637664, 1.29754721, 0.96559684, 0.75856477, 0.64768338, 0.55695445];
const pts = x.map((v, i) => ({ x: v, y: y[i] }));
for (const fu of [672, 736]) {
  const a = analyzeCurve(pts, { laws: ['bnsl-1', 'm4', 'mix', 'flat', 'loglin', 'm2', 'm3'], fitUntil: fu, seed: 1 });
  console.log('fitUntil', fu, 'auto', a.auto?.law, a.auto?.reason);
  for (const e of a.estimators) console.log(' ', e.law, e.heldOut?.rmsle?.toFixed(4), e.error ?? '', e.fit ? JSON.stringify(e.fit.params) : '');
}
