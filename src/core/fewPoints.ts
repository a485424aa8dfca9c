// A prediction past a curve of 2 fit points: no law can be fitted or back-tested on them (auto
// carries their trend on, damped by half when it falls), and 2 points cannot tell a law from noise.
// Said beside the prediction by the panel and the CLI alike. Pure.

/** The caution beside a prediction past the last of `fitPoints` points, when they are 2. */
export function twoPointCaution(fitPoints: number): string | undefined {
  return fitPoints === 2 ? 'only 2 fit points: 2 points cannot tell a law from noise, so a prediction past them is their trend carried on, not a fitted law' : undefined;
}
