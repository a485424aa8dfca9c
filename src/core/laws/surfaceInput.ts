// Input checks shared by the surface laws (Chinchilla, Kaplan, data-constrained): one plain
// message per problem, raised before any optimiser sees the data.
import { ScalingLensError } from '../types';

/** Throws when `values` holds a NaN/∞ or a value ≤ 0; `what` names the column in the message. */
export function requirePositiveFinite(values: Float64Array, what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new ScalingLensError('non-finite', `${what} has a missing or non-numeric value at point ${i + 1} (${v}).`);
    }
    if (v <= 0) {
      throw new ScalingLensError('non-positive', `${what} must be positive, but point ${i + 1} is ${v}.`);
    }
  }
}

export function requireSameLength(n: number, arrays: Record<string, Float64Array | undefined>): void {
  for (const [name, a] of Object.entries(arrays)) {
    if (a === undefined) throw new ScalingLensError('bad-argument', `${name} values are required for this law.`);
    if (a.length !== n) {
      throw new ScalingLensError('bad-argument', `${name} has ${a.length} values but the loss has ${n}.`);
    }
  }
}

export function requireMinPoints(n: number, min: number, law: string): void {
  if (n < min) {
    throw new ScalingLensError('too-few-points', `${law} needs at least ${min} points to fit, got ${n}.`);
  }
}

export function distinctCount(values: Float64Array): number {
  return new Set(values).size;
}

export function logOf(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.log(values[i]);
  return out;
}
