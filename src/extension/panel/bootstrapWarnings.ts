// The laws whose bootstrap lost resamples, said in one line under the table instead of one line
// per law: on a short curve (a 5-point compute frontier) most laws lose a few of their resamples,
// and six near-identical lines filled the panel's foot. Pure.

/** core/analyze.ts's per-law line: "m2: 3 of 40 bootstrap resamples could not be fitted". */
const FAILED = /^(.+): (\d+) of (\d+) bootstrap resamples could not be fitted$/;

/**
 * `warnings` with every per-law bootstrap failure merged into one line where the first stood,
 * laws that lost as many resamples named together: "3 of 40 bootstrap resamples could not be
 * fitted for m2, m3, bnsl-0; 39 of 40 for m4, mix". A single such line is left as it is.
 */
export function collapseBootstrapWarnings(warnings: readonly string[]): string[] {
  const failures = warnings.map((w) => FAILED.exec(w)).filter((m): m is RegExpExecArray => m !== null);
  if (failures.length < 2) return [...warnings];
  const groups = new Map<string, string[]>();
  for (const [, law, failed, requested] of failures) {
    const key = `${failed} of ${requested}`;
    groups.set(key, [...(groups.get(key) ?? []), law!]);
  }
  const line = [...groups].map(([count, laws], i) => `${count}${i === 0 ? ' bootstrap resamples could not be fitted' : ''} for ${laws.join(', ')}`).join('; ');
  const out: string[] = [];
  for (const w of warnings) {
    if (!FAILED.test(w)) out.push(w);
    else if (!out.includes(line)) out.push(line);
  }
  return out;
}
