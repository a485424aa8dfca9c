// The inverse Hessian of an objective at a point, from central differences of its analytic
// gradient: the curvature to start BFGS from when refitting nearby problems, as the bootstrap's
// resamples are near the full fit. A start's curvature only: BFGS corrects it as it goes. Pure.
import type { Objective } from './bfgs';
import { choleskySolve } from './cholesky';

/** The step of each difference, relative to the coordinate (at least this much absolute). */
const STEP = 1e-4;

/**
 * The inverse of f's Hessian at x (n×n, row-major), or undefined when the differenced Hessian is
 * not finite or not positive definite (x no minimum, or a kink there): then BFGS starts as usual.
 */
export function inverseHessianAt(f: Objective, x: Float64Array): Float64Array | undefined {
  const n = x.length;
  const hess = new Float64Array(n * n);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  const at = Float64Array.from(x);
  for (let k = 0; k < n; k++) {
    const h = STEP * Math.max(1, Math.abs(x[k]!));
    at[k] = x[k]! + h;
    f(at, up);
    at[k] = x[k]! - h;
    f(at, down);
    at[k] = x[k]!;
    for (let j = 0; j < n; j++) hess[j * n + k] = (up[j]! - down[j]!) / (2 * h);
  }
  // the differences are symmetric only to their error
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) hess[i * n + j] = hess[j * n + i] = 0.5 * (hess[i * n + j]! + hess[j * n + i]!);
  }
  if (!hess.every(Number.isFinite)) return undefined;
  const inv = new Float64Array(n * n);
  const unit = new Float64Array(n);
  const column = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    unit.fill(0);
    unit[k] = 1;
    if (!choleskySolve(Float64Array.from(hess), unit, column, n)) return undefined;
    for (let i = 0; i < n; i++) inv[i * n + k] = column[i]!;
  }
  return inv;
}
