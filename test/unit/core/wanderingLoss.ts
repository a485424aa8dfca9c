// A per-step loss on its law (1.8 + 30·x^−0.4, logged every 10 steps) whose noise wanders with the
// data order: AR(1) in log y, autocorrelation 0.9, 2% stationary σ. Shared by the tests of rules
// that judge noise (spikes, the late fall).
import { mulberry32, normal } from '../../../src/core/random';

export const wanderingLaw = (x: number): number => 1.8 + 30 * x ** -0.4;

export function wanderingLoss(seed: number, n: number): { x: Float64Array; y: Float64Array } {
  const z = normal(mulberry32(seed));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let e = 0;
  for (let i = 0; i < n; i++) {
    e = 0.9 * e + Math.sqrt(1 - 0.81) * 0.02 * z();
    x[i] = 10 * (i + 1);
    y[i] = wanderingLaw(x[i]!) * Math.exp(e);
  }
  return { x, y };
}
