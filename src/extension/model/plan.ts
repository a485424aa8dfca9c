// A compute plan as the panel shows it: the optimal allocation at the budget, the frontier over
// three decades either side, and a chart of N_opt and D_opt against compute. Pure.
import { COLOR_TARGET, type ChartSeries, type PlanRow, type PlanView } from '../../shared/protocol';
import type { Allocation, ChinchillaParams } from '../engine';

export interface PlanInputs {
  readonly surface: ChinchillaParams;
  /** 'chinchilla', 'epoch' or the sweep's path. */
  readonly surfaceId: string;
  readonly sourceLabel: string;
  readonly budget: number;
  readonly optimal: (s: ChinchillaParams, flops: number) => Allocation;
  readonly frontier: (s: ChinchillaParams, from: number, to: number, n: number) => Allocation[];
}

function row(a: Allocation): PlanRow {
  return { flops: a.flops, N: a.N, D: a.D, tokensPerParam: a.tokensPerParam, loss: a.loss };
}

export function buildPlan(p: PlanInputs): PlanView {
  const at = p.optimal(p.surface, p.budget);
  const curve = p.frontier(p.surface, p.budget / 1e3, p.budget * 1e3, 61);
  const table = p.frontier(p.surface, p.budget / 1e3, p.budget * 1e3, 7);
  const base = { curve: 'frontier', estimator: 'chinchilla' };
  const series: ChartSeries[] = [
    { ...base, id: 'N', label: 'parameters N_opt', role: 'frontier', group: 'N', color: 1, points: curve.map((a) => ({ x: a.flops, y: a.N })) },
    { ...base, id: 'D', label: 'tokens D_opt', role: 'frontier', group: 'D', color: 2, points: curve.map((a) => ({ x: a.flops, y: a.D })) },
    { ...base, id: 'budget-N', label: 'budget: N', role: 'budget', group: 'N', color: 1, points: [{ x: at.flops, y: at.N }] },
    { ...base, id: 'budget-D', label: 'budget: D', role: 'budget', group: 'D', color: 2, points: [{ x: at.flops, y: at.D }] },
  ];
  return {
    source: p.sourceLabel,
    surface: p.surfaceId,
    params: Object.entries(p.surface).map(([k, v]) => [k, v as number] as const),
    budget: row(at),
    rows: table.map(row),
    chart: {
      id: 'plan',
      title: 'Compute-optimal frontier',
      xLabel: 'compute C (FLOPs)',
      yLabel: 'parameters N / tokens D',
      xLog: true,
      yLog: true,
      series,
      markers: [{ kind: 'target', label: 'budget', x: at.flops, color: COLOR_TARGET }],
    },
  };
}
