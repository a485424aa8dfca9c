// A live log whose newest rows are a loss spike: what auto's headline and the schedule forecast
// show with 1, 2 or 3 newest rows at ×1.5, ×2, ×3, beside the same log without those rows.
// 4 newest at ×2 (longer than is held back), and 3 at ×2 followed by 1–3 clean rows.
// 100M cosine_72000 (first 300 rows) and 25M wsd_20000_24000 (first 120 rows), data/lr-schedules.
// `npx tsx bench/trailingSpikes.ts`
import { analyzeCurve } from '../src/core/analyze';
import { forecastRun } from '../src/core/schedule/forecast';
import { ownHistory } from '../src/core/schedule/ownHistory';
import { scheduleFromSpec } from '../src/core/schedule/index';
import { withoutLossSpikes } from '../src/core/schedule/lossSpikes';
import { rows, SPECS, type Size } from '../test/unit/schedule/lrData';

const CASES: [Size, string, number][] = [
  ['100M', 'cosine_72000', 300],
  ['25M', 'wsd_20000_24000', 120],
];
const f = (v: number): string => v.toPrecision(4);

for (const [size, name, n] of CASES) {
  const run = rows(size, name);
  const schedule = scheduleFromSpec(SPECS[name]!);
  const total = schedule.total;
  console.log(`\n${size} ${name}, first ${n} rows; auto at step ${total}; forecast at the schedule's end`);
  console.log('newest  ×     auto headline            spikes left out (fit / forecast)  forecast [95% band]           own back-test missed by');
  const show = (label: string, steps: number[], loss: number[], lr: number[]): void => {
    const a = analyzeCurve(steps.map((x, i) => ({ x, y: loss[i]! })), { targets: [total], seed: 1 });
    const est = a.estimators.find((e) => e.law === a.auto?.law);
    const p = est?.predictions[0];
    const kept = withoutLossSpikes(steps, loss);
    const req = { steps: kept.steps, loss: kept.loss, lr: { steps, lr }, schedule, bootstrap: 20, seed: 1 };
    const fc = forecastRun(req);
    const own = ownHistory(req);
    const note = a.warnings.find((w) => /jumped/.test(w)) ?? '';
    console.log(
      `${label.padEnd(14)}  ${p ? f(p.y) : '—'} (${a.auto?.law ?? '—'})`.padEnd(40),
      `${a.outliers?.length ?? 0} / ${kept.spikes}`.padEnd(34),
      `${f(fc.final.y)} [${f(fc.final.lo)}, ${f(fc.final.hi)}]${fc.undetermined ? ' undetermined' : ''}`.padEnd(30),
      own?.missedBy !== undefined ? `${(100 * own.missedBy).toFixed(1)}%` : '—',
      note ? `\n              ${note}` : '',
    );
  };
  const steps = run.steps.slice(0, n);
  const lr = run.lr.slice(0, n);
  const loss = run.loss.slice(0, n);
  for (const k of [1, 2, 3]) {
    show(`${k} clean`, steps.slice(0, n - k), loss.slice(0, n - k), lr.slice(0, n - k));
    for (const m of [1.5, 1.6, 2, 3]) show(`${k}  ×${m}`, steps, loss.map((v, i) => (i >= n - k ? m * v : v)), lr);
  }
  // a jump longer than may be held (the upturn check's), and spikes the next clean rows have closed
  show('4  ×2', steps, loss.map((v, i) => (i >= n - 4 ? 2 * v : v)), lr);
  for (const after of [1, 2, 3]) {
    const k = 3;
    show(`${k} ×2, ${after} clean`, steps, loss.map((v, i) => (i >= n - k - after && i < n - after ? 2 * v : v)), lr);
  }
}
