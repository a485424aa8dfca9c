// The (N, D, loss) triples of a scaling sweep, for fitting the Chinchilla surface. Pure.
import type { SourceData } from '../../ingest/model/model';
import type { SurfaceData } from '../fitWorker';
import { everyRunGivesUnique, uncomparedDataConstrainedNote } from '../../core/surfaceLawComparison';

/** Every point of every series that has both a parameter count and a token count, with each run's unique tokens when every one gives them; undefined if none. */
export function surfaceData(source: SourceData, yKey?: string): SurfaceData | undefined {
  const N: number[] = [];
  const D: number[] = [];
  const loss: number[] = [];
  const U: number[] = [];
  const keys = new Set<string>();
  for (const run of source.runs) {
    for (const s of run.series) {
      if (yKey !== undefined && s.key !== yKey) continue;
      const ns = s.x.params;
      const ds = s.x.tokens;
      if (!ns || !ds) continue;
      keys.add(s.key);
      for (let i = 0; i < s.y.length; i++) {
        const n = ns[i]!;
        const d = ds[i]!;
        const y = s.y[i]!;
        if (n > 0 && d > 0 && y > 0 && Number.isFinite(n) && Number.isFinite(d) && Number.isFinite(y)) {
          N.push(n);
          D.push(d);
          loss.push(y);
          U.push(s.unique?.length === s.y.length ? s.unique[i]! : NaN);
        }
      }
    }
  }
  // chinchilla-dc is fitted (and compared) only where every run gives its unique tokens
  const everyU = everyRunGivesUnique(U);
  const uncompared = uncomparedDataConstrainedNote(U);
  // the y's name only when every series taken is one column's (what it measures is said beside the plan)
  const y = keys.size === 1 ? [...keys][0] : undefined;
  return loss.length > 0 ? { N, D, loss, ...(everyU ? { U } : {}), ...(uncompared ? { uncompared } : {}), ...(y !== undefined ? { y } : {}) } : undefined;
}
