// How far apart the forecast puts two cooldown shapes, against the bundled runs that ran them:
// constant_24000 cut at 60% with a What-If cooldown at step 20,000 over 4,000 steps (exp, linear),
// beside wsd_20000_24000 (exp) and wsdld_20000_24000 (linear), which did just that. Without a
// prior the gap is the LR-annealing law's: its S2 momentum (λ) decides how much of a decay is
// realised by the end, and exp, dropping early, has more of it realised. λ is not seen in a prefix
// before a decay; lambdaProfile is what the finished training-split runs say of it.
import { fitPowerPlus } from '../src/core/schedule/linear';
import { forecastRun, runLr, withCooldown, type ScheduleFit } from '../src/core/schedule/index';
import { tissueTerms } from '../src/core/schedule/tissue';
import { rows, schedule, TRAIN, type Size } from '../test/unit/schedule/lrData';

export interface ShapeGap {
  /** Final loss of the exp and the linear What-If, and the runs that ran them. */
  readonly exp: number;
  readonly linear: number;
  readonly realExp: number;
  readonly realLinear: number;
}

export function cooldownShapeGap(size: Size, prior?: ScheduleFit, annealingGain?: number): ShapeGap {
  const r = rows(size, 'constant_24000');
  const k = Math.floor(r.steps.length * 0.6);
  const base = schedule('constant_24000');
  const final = (shape: 'exp' | 'linear'): number =>
    forecastRun({ steps: r.steps.slice(0, k), loss: r.loss.slice(0, k), lr: { steps: r.steps.slice(0, k), lr: r.lr.slice(0, k) }, schedule: withCooldown(base, { at: 20000, shape, over: 4000 }), prior, annealingGain, bootstrap: 0 }).final.y;
  return { exp: final('exp'), linear: final('linear'), realExp: rows(size, 'wsd_20000_24000').loss.at(-1)!, realLinear: rows(size, 'wsdld_20000_24000').loss.at(-1)! };
}

export interface LambdaPoint {
  readonly lambda: number;
  /** Weighted sum of squared relative residuals of the pooled fit on the training split. */
  readonly ssr: number;
  /** The fit's final loss of wsdld_20000_24000 minus wsd_20000_24000 (linear minus exp). */
  readonly gap: number;
}

/** The LR-annealing law fitted on the training split (η from the schedules) at each λ. */
export function lambdaProfile(size: Size, lambdas = [0.995, 0.996, 0.997, 0.998, 0.999]): LambdaPoint[] {
  const terms = (name: string, lambda: number) => {
    const r = rows(size, name);
    return { r, t: tissueTerms(runLr({ evalSteps: r.steps, schedule: schedule(name) }).grid, r.steps, lambda) };
  };
  return lambdas.map((lambda) => {
    const train = TRAIN.map((n) => terms(n, lambda));
    const f = fitPowerPlus(
      Float64Array.from(train.flatMap((x) => Array.from(x.t.s1))),
      Float64Array.from(train.flatMap((x) => x.r.loss)),
      [Float64Array.from(train.flatMap((x) => Array.from(x.t.s2, (v) => -v)))],
    )!;
    const end = (name: string): number => {
      const x = terms(name, lambda);
      const i = x.t.s1.length - 1;
      return f.coef[0] + f.coef[1] * Math.pow(x.t.s1[i], -f.alpha) - f.coef[2] * x.t.s2[i];
    };
    return { lambda, ssr: f.ssr, gap: end('wsdld_20000_24000') - end('wsd_20000_24000') };
  });
}
