// One wording for the points a schedule reader drops for not being numbers (NaN, inf), in the
// forecast, the runs it reads and their logged LR: "skipped 1 loss point that is not a number".

/** "skipped 1 loss point that is not a number", "skipped 3 loss points that are not numbers". */
export function skippedPointsText(n: number, what: string): string {
  return n === 1 ? `skipped 1 ${what} point that is not a number` : `skipped ${n} ${what} points that are not numbers`;
}
