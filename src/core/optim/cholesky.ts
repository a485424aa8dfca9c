/** Solves A x = b for symmetric positive-definite A (overwritten). False if not positive-definite. */
export function choleskySolve(a: Float64Array, b: Float64Array, x: Float64Array, m: number): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    a[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let v = a[i * m + j];
      for (let k = 0; k < j; k++) v -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = v / ljj;
    }
  }
  for (let i = 0; i < m; i++) {
    let v = b[i];
    for (let k = 0; k < i; k++) v -= a[i * m + k] * x[k];
    x[i] = v / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let v = x[i];
    for (let k = i + 1; k < m; k++) v -= a[k * m + i] * x[k];
    x[i] = v / a[i * m + i];
  }
  return true;
}
