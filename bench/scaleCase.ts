// One measured case of bench/scale.bench.ts, run in its own process so peak memory is its own.
// Prints one JSON line: per-repeat wall times of each phase, heap after each phase, peak RSS.
//   cli FILE REPEATS        read the CSV as `fit` does (streamed by column) + fit with the default laws (auto)
//   unbinned FILE REPEATS   the same, fitting every point (no log-x summary): the baseline
//   log FILE REPEATS        `fit PATH` with no --x/--y on a log with an LR column: read as a log, warmup and schedule read off the LR
//   panel FILE REPEATS      the panel's first paint: read through ingest + curve data + thinned, fit-free payload
import { getLaw, CURVE_LAW_IDS } from '../src/core/laws/index';
import { analyzeCurve } from '../src/core/analyze';
import { fitLoaded } from '../src/cli/curveFit';
import { loadCurves } from '../src/cli/loadCurves';
import type { CurveFitRequest } from '../src/cli/curveRequest';
import { readSource } from '../src/ingest/files/read';
import { LensSession } from '../src/extension/session';
import { testSettings } from '../test/unit/extension/sessionFixture';

const [mode, file, repeatsText] = process.argv.slice(2);
const repeats = Number(repeatsText ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heapMB = () => process.memoryUsage().heapUsed / 2 ** 20;

interface Run {
  phases: Record<string, number>;
  heapMB: Record<string, number>;
  check: string;
}

async function cli(binned: boolean, asLog = false): Promise<Run> {
  const columns = asLog ? {} : { xCol: 'step', yCol: 'loss' };
  const req: CurveFitRequest = { path: file!, ...columns, groupCols: [], law: 'auto', targets: ['10x'], bootstrap: 0, seed: 1 };
  const t0 = performance.now();
  const loaded = await loadCurves(req);
  const t1 = performance.now();
  const h1 = heapMB();
  let check: string;
  if (binned) {
    const [r] = fitLoaded(req, loaded);
    check = `${r!.law} → ${r!.predictions[0]?.y.toPrecision(4)} at 10x, ${r!.nFit} points`;
  } else {
    const a = analyzeCurve(loaded.curves[0]!.points, { laws: CURVE_LAW_IDS, targets: [], maxFitPoints: Infinity });
    check = `${a.auto?.law ?? 'no choice'}, ${a.fitPoints.length} points`;
  }
  const t2 = performance.now();
  return { phases: { read: t1 - t0, fit: t2 - t1, total: t2 - t0 }, heapMB: { afterRead: h1, afterFit: heapMB() }, check };
}

async function panel(): Promise<Run> {
  const lawOf = (id: string) => {
    try {
      return getLaw(id);
    } catch {
      return undefined;
    }
  };
  const t0 = performance.now();
  const source = await readSource(file!);
  const t1 = performance.now();
  const h1 = heapMB();
  const session = new LensSession(file!, 'bench', {
    analyze: () => Promise.reject(new Error('first paint is fit-free')),
    settings: () => testSettings(['m2'], { bootstrapSamples: 40 }),
    lawOf,
    knownLaws: () => CURVE_LAW_IDS,
    curveLaws: () => CURVE_LAW_IDS,
  });
  session.setSource(source);
  const data = session.panelData();
  const payload = JSON.stringify(data);
  const t2 = performance.now();
  const shown = data.chart?.series.find((s) => s.role === 'fit')?.points.length ?? 0;
  return {
    phases: { read: t1 - t0, viewModel: t2 - t1, total: t2 - t0 },
    heapMB: { afterRead: h1, afterViewModel: heapMB() },
    check: `${data.curves[0]?.points} points, ${shown} drawn, payload ${(payload.length / 1024).toFixed(0)} KB`,
  };
}

async function main(): Promise<void> {
  const runs: Run[] = [];
  for (let i = 0; i < repeats; i++) {
    gc();
    runs.push(mode === 'panel' ? await panel() : await cli(mode !== 'unbinned', mode === 'log'));
  }
  console.log(JSON.stringify({ runs, peakRssMB: process.resourceUsage().maxRSS / 1024 }));
}

void main();
