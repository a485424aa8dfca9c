// Some tables store counts as their log10 (the ColPret OPT trajectories: flops 17.9 for 7.5e17
// FLOPs). A law fitted on those sees the wrong x: 10× the compute reads as +1, and a "10x" target
// lands at 10^179. A count column is recognised as log10 when its values rise by 1 for every 10×
// in steps (a count that grows with training, in log10), and is read back as 10^value, with a warning.
import type { IngestWarning, RunData, SeriesData, XKind } from './model';

const COUNT_KINDS: readonly XKind[] = ['tokens', 'samples', 'flops'];
/** Whether `kind` is a count that some tables store as log10. */
export const log10CountKind = (kind: XKind | undefined): boolean => kind !== undefined && COUNT_KINDS.includes(kind);
/** log10 of the largest count any run has (1e60 FLOPs is far past any): a larger value is not a log10. */
const MAX_LOG10 = 60;
const MIN_POINTS = 5;
/** The steps must span this much (in log10) for the slope to say anything. */
const MIN_STEP_DECADES = 0.5;
const SLOPE_TOLERANCE = 0.05;
/** RMS residual (log10 units) of the line; constant tokens per step gives ~0. */
const MAX_RESIDUAL = 0.02;

/** True when `v` ≈ a + log10(step) over the finite pairs. */
export function looksLikeLog10OfStepCount(step: ArrayLike<number>, v: ArrayLike<number>): boolean {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const s = step[i]!;
    const y = v[i]!;
    if (!(s > 0) || !Number.isFinite(s) || !Number.isFinite(y)) continue;
    if (y > MAX_LOG10 || y < -MAX_LOG10) return false;
    const x = Math.log10(s);
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (n < MIN_POINTS || hi - lo < MIN_STEP_DECADES) return false;
  const vxx = sxx - (sx * sx) / n;
  const vxy = sxy - (sx * sy) / n;
  const vyy = syy - (sy * sy) / n;
  const slope = vxy / vxx;
  if (!(Math.abs(slope - 1) <= SLOPE_TOLERANCE)) return false;
  const residual = Math.sqrt(Math.max(0, vyy - slope * vxy) / n);
  return residual <= MAX_RESIDUAL;
}

/** The runs with every log10-stored count axis read back as 10^value, and one warning per file and kind. */
export function linearizeLogAxes(runs: readonly RunData[]): { runs: RunData[]; warnings: IngestWarning[] } {
  const found = new Map<string, { file: string; kind: XKind; runs: string[] }>();
  const out = runs.map((run) => {
    let changed = false;
    const series = run.series.map((s): SeriesData => {
      const step = s.x.step;
      if (!step) return s;
      let x = s.x;
      for (const kind of COUNT_KINDS) {
        const v = x[kind];
        if (!v || !looksLikeLog10OfStepCount(step, v)) continue;
        x = { ...x, [kind]: v.map((e) => 10 ** e) };
        const key = `${run.origin}\u0000${kind}`;
        const f = found.get(key) ?? { file: run.origin, kind, runs: [] };
        if (!f.runs.includes(run.name)) f.runs.push(run.name);
        found.set(key, f);
      }
      if (x === s.x) return s;
      changed = true;
      return { ...s, x };
    });
    return changed ? { ...run, series } : run;
  });
  const warnings = [...found.values()].map(({ file, kind, runs: names }) => ({
    file,
    message: `${kind} rises by 1 for every 10× in steps${names.length > 1 ? ` in ${names.length} runs` : ''}, so it holds log10(${kind}): read as 10^value`,
  }));
  return { runs: out, warnings };
}
