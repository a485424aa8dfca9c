// The laws whose bootstrap lost resamples, said in one line rather than one per law: on a short
// curve (a 5-point compute frontier) most laws lose a few of their resamples, and six
// near-identical lines filled the panel's foot and the CLI's. Pure.

export interface BootstrapLoss {
  law: string;
  failed: number;
  requested: number;
}

/**
 * "m2: 3 of 40 bootstrap resamples could not be fitted" for one law; for several, laws that lost
 * as many named together: "3 of 40 bootstrap resamples could not be fitted for m2, m3, bnsl-0;
 * 39 of 40 for m4, mix". Undefined when none lost any.
 */
export function bootstrapLossLine(losses: readonly BootstrapLoss[]): string | undefined {
  const lost = losses.filter((l) => l.failed > 0);
  if (lost.length === 0) return undefined;
  if (lost.length === 1) return `${lost[0]!.law}: ${lost[0]!.failed} of ${lost[0]!.requested} bootstrap resamples could not be fitted`;
  const groups = new Map<string, string[]>();
  for (const { law, failed, requested } of lost) {
    const key = `${failed} of ${requested}`;
    groups.set(key, [...(groups.get(key) ?? []), law]);
  }
  return [...groups].map(([count, laws], i) => `${count}${i === 0 ? ' bootstrap resamples could not be fitted' : ''} for ${laws.join(', ')}`).join('; ');
}
