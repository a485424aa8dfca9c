// The loss spikes a curve's analysis left out of every fit or down-weighted (CurveAnalysis.outliers), as their own
// chart series: a user who sees a fit pass under a spike should see that it was discounted on purpose.
import type { CurveAnalysis } from '../../core/analysis';
import type { ChartSeries } from '../../shared/protocol';

/** The crossed "spikes (not fitted)" series of one curve, undefined when it had no spikes. */
export function outlierSeries(curveId: string, curveLabel: string, analysis: CurveAnalysis, color: number, single: boolean): ChartSeries | undefined {
  const points = (analysis.outliers ?? []).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (points.length === 0) return undefined;
  return {
    id: `${curveId}|outliers`,
    label: analysis.outliersDownWeighted ? (single ? 'spikes (down-weighted)' : `${curveLabel} (spikes, down-weighted)`) : single ? 'spikes (not fitted)' : `${curveLabel} (spikes, not fitted)`,
    role: 'outlier',
    // its own legend group, so spikes can be hidden without hiding the data
    group: `${curveId}|outliers`,
    curve: curveLabel,
    color,
    points: points.map((p) => ({ x: p.x, y: p.y })),
  };
}
