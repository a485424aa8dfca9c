// A per-step training log of any length: loss = 2 + 8·step^-0.3, with seeded ±1% noise.
// Shared by the long-series tests and bench/scale.bench.ts.
export const TRUE_E = 2;
export const lossAt = (step: number): number => TRUE_E + 8 * step ** -0.3;

export function stepLog(n: number, seed = 7): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = i + 1;
    y[i] = lossAt(i + 1) * (1 + 0.02 * (s / 2 ** 32 - 0.5));
  }
  return { x, y };
}

/** The same log as CSV text (step,loss), built in chunks so 10M rows never make one huge array of lines. */
export function* stepCsvChunks(n: number, seed = 7, rowsPerChunk = 100_000): Generator<string> {
  const { x, y } = stepLog(n, seed);
  yield 'step,loss\n';
  for (let i = 0; i < n; i += rowsPerChunk) {
    let chunk = '';
    for (let k = i; k < Math.min(n, i + rowsPerChunk); k++) chunk += `${x[k]},${y[k]!.toFixed(6)}\n`;
    yield chunk;
  }
}

/** The learning rate of a warmup + cosine schedule over `n` steps (warmup 1% of the run): for logs that carry an LR column. */
export const cosineLrAt = (step: number, n: number): number => {
  const warmup = Math.max(1, Math.round(n / 100));
  if (step <= warmup) return (3e-4 * step) / warmup;
  return 3e-5 + 0.5 * (3e-4 - 3e-5) * (1 + Math.cos((Math.PI * (step - warmup)) / (n - warmup)));
};

/** The same log with a logged learning rate (step,loss,lr), as a trainer writes it: `fit PATH` then reads it as a log and infers its schedule. */
export function* stepLrCsvChunks(n: number, seed = 7, rowsPerChunk = 100_000): Generator<string> {
  const { x, y } = stepLog(n, seed);
  yield 'step,loss,lr\n';
  for (let i = 0; i < n; i += rowsPerChunk) {
    let chunk = '';
    for (let k = i; k < Math.min(n, i + rowsPerChunk); k++) chunk += `${x[k]},${y[k]!.toFixed(6)},${cosineLrAt(x[k]!, n).toExponential(6)}\n`;
    yield chunk;
  }
}
