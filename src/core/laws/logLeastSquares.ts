// Least squares in log space, Σ (log ŷ_i − log y_i)², for the Kaplan laws: the model supplies the
// log prediction of point i and its gradient, this file sums them and runs BFGS from each start.
import { minimize, type MinimizeResult, type Objective } from '../optim/bfgs';

/** Writes ∂ log ŷ_i / ∂θ into `jac` and returns log ŷ_i. */
export type LogModel = (theta: Float64Array, i: number, jac: Float64Array) => number;

export function logSseObjective(logY: Float64Array, nParams: number, model: LogModel): Objective {
  const jac = new Float64Array(nParams);
  return (theta, grad) => {
    grad.fill(0);
    let f = 0;
    for (let i = 0; i < logY.length; i++) {
      const r = model(theta, i, jac) - logY[i];
      f += r * r;
      for (let k = 0; k < nParams; k++) grad[k] += 2 * r * jac[k];
    }
    return f;
  };
}

export function bestOfStarts(objective: Objective, starts: readonly Float64Array[], maxIterations = 2000): { best: MinimizeResult | undefined; iterations: number } {
  let best: MinimizeResult | undefined;
  let iterations = 0;
  for (const s of starts) {
    const r = minimize(objective, s, { maxIterations, gradTol: 1e-10, relTol: 1e-15 });
    iterations += r.iterations;
    if (Number.isFinite(r.f) && (best === undefined || r.f < best.f)) best = r;
  }
  return { best, iterations };
}

/** log(e^t1 + e^t2) and the weights e^t1/S, e^t2/S, without overflow. */
export function lse2(t1: number, t2: number): { lse: number; w1: number; w2: number } {
  const m = Math.max(t1, t2);
  const e1 = Math.exp(t1 - m);
  const e2 = Math.exp(t2 - m);
  const s = e1 + e2;
  return { lse: m + Math.log(s), w1: e1 / s, w2: e2 / s };
}
