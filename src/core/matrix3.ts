// The 3×3 linear algebra of a parabola's normal equations (core/isoflopParabola.ts). Pure.

/** [1, u, u²] · m · [1, u, u²] for a row-major 3×3 m. */
export function quadraticForm(m: readonly number[], u: number): number {
  const x = [1, u, u * u];
  let h = 0;
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) h += x[a]! * m[3 * a + b]! * x[b]!;
  return h;
}

/**
 * Gaussian elimination with partial pivoting on a 3×4 augmented matrix. Kept beside
 * optim/cholesky.ts's choleskySolve, which could solve the same (positive-definite) normal
 * equations: solved by Cholesky, the parabolas' coefficients change in the last bits, which the
 * JSON of `fit --law chinchilla` (its IsoFLOP profiles) and `allocate --from` prints in full, and
 * a near-singular valley is refused here by the pivot's size where Cholesky refuses it only when
 * a diagonal is not positive.
 */
export function solve3(m: number[][]): number[] | undefined {
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12 * Math.max(1, Math.abs(m[0]![0]!)))) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < 3; r++) {
      const f = m[r]![col]! / m[col]![col]!;
      for (let k = col; k < 4; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let v = m[r]![3]!;
    for (let k = r + 1; k < 3; k++) v -= m[r]![k]! * x[k]!;
    x[r] = v / m[r]![r]!;
  }
  return x.every(Number.isFinite) ? x : undefined;
}

/** The inverse of the symmetric 3×3 matrix [[s0, s1, s2], [s1, s2, s3], [s2, s3, s4]] (row-major), or undefined when singular. */
export function inverse3(s: readonly number[]): number[] | undefined {
  const [a, b, c, d, e] = s as [number, number, number, number, number];
  // cofactors of [[a, b, c], [b, c, d], [c, d, e]]
  const A = c * e - d * d;
  const B = -(b * e - c * d);
  const C = b * d - c * c;
  const det = a * A + b * B + c * C;
  if (!(Math.abs(det) > 1e-12 * Math.max(1, Math.abs(a)) ** 3) || !Number.isFinite(det)) return undefined;
  const E = a * e - c * c;
  const F = -(a * d - b * c);
  const I = a * c - b * b;
  return [A, B, C, B, E, F, C, F, I].map((v) => v / det);
}
