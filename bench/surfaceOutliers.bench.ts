// How often the surface outlier rule (core/outlierRuns.ts: log residual above the fitted Chinchilla
// surface over 6 robust σ of the other rows' and over 10%) flags a row of a synthetic sweep: the
// published surface, 1% log-normal noise, 20–40 rows over budgets 6e18…3e23 and sizes 40M…16B.
// Clean sweeps (any row flagged is a false alarm), and sweeps with one row made 15% or 50% too high
// (found: that row flagged; false: another row flagged). The rule's numbers were stated before this
// ran; nothing here tunes them.
//   npm run bench surfaceOutliers [-- --sweeps 200 --full]
import { chinchillaLaw, chinchillaQuickStarts, fitChinchilla } from '../src/core/laws/chinchilla';
import { logResiduals, surfaceOutliers } from '../src/core/outlierRuns';
import { mulberry32 } from '../src/core/random';
import { PUBLISHED, syntheticSurface } from '../test/unit/surfaces/synthetic';

const at = (flag: string): number | undefined => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const SWEEPS = at('--sweeps') ?? 200;
/** The CLI fits from the full grid; --quick's every 10th start is the default here (the same flags in a spot check). */
const FULL = process.argv.includes('--full');

function flagged(seed: number, raise: number): { found: boolean; others: number } {
  const pick = mulberry32(seed * 7919 + 1);
  const rows = 20 + Math.floor(pick() * 21);
  const obs = syntheticSurface(PUBLISHED, rows, 0.01, seed);
  const bad = raise > 0 ? Math.floor(pick() * rows) : -1;
  if (bad >= 0) obs.y[bad]! *= 1 + raise;
  const fit = fitChinchilla(obs, FULL ? {} : { starts: chinchillaQuickStarts() });
  const out = surfaceOutliers(logResiduals(chinchillaLaw, fit.params, obs));
  return { found: out.includes(bad), others: out.filter((i) => i !== bad).length };
}

const pct = (k: number): string => `${((100 * k) / SWEEPS).toFixed(1)}%`;
console.log(`${SWEEPS} sweeps per case, ${FULL ? 'full 4,500-start grid' : '450 starts (every 10th of the grid)'}`);
for (const raise of [0, 0.15, 0.5]) {
  let found = 0;
  let falseSweeps = 0;
  for (let s = 1; s <= SWEEPS; s++) {
    const r = flagged(s, raise);
    if (r.found) found++;
    if (r.others > 0) falseSweeps++;
  }
  const what = raise === 0 ? 'clean' : `one row ${Math.round(raise * 100)}% too high`;
  console.log(`${what.padEnd(22)} row found ${raise === 0 ? '   —  ' : pct(found).padStart(6)}   sweeps with another row flagged ${pct(falseSweeps).padStart(6)}`);
}
