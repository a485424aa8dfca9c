// A sweep whose runs lie along one line of (log N, log D) — every run at 20 tokens per parameter —
// fitted B = 1.4e99, β = 10.9 and planned 0.02 tokens per parameter at 1e21 FLOPs (truth: 50), with
// a 95% interval 40× off. Such a sweep fits the loss along its line, never the split.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, type SurfaceFitJson } from '../../../src/cli/commands/fitSurface';
import { chinchillaLoss } from '../../../src/core/laws/chinchilla';
import { mulberry32, normal } from '../../../src/core/random';
import { noPlanReason, oneLineDesign } from '../../../src/core/surfaceDesign';
import { sweepPlanHint } from '../../../src/extension/model/sweepPlanHint';
import { readSource } from '../../../src/ingest/files/read';
import { PUBLISHED, syntheticSurface } from './synthetic';

const sizes = [7e7, 1.6e8, 4.1e8, 1e9, 1.4e9, 2.8e9, 6.9e9, 1.2e10];

test('runs along one line are named: one tokens-per-parameter ratio, one D, one N', () => {
  assert.match(oneLineDesign(sizes, sizes.map((n) => 20 * n)) ?? '', /D\/N is 20 tokens per parameter in every run/);
  assert.match(oneLineDesign(sizes, sizes.map((n, i) => n * (19.5 + (i % 3) * 0.5))) ?? '', /D\/N is 19\.5 to 20\.5/);
  assert.match(oneLineDesign(sizes, sizes.map(() => 2e10)) ?? '', /every run has D ≈ 2\.00e\+10 tokens/);
  assert.match(oneLineDesign(sizes.map(() => 1e9), sizes.map((n) => 20 * n)) ?? '', /every run has N ≈ 1\.00e\+9 parameters/);
});

test('one compute budget is refused with its own reason: its valley places the best size there, not how it moves with compute', () => {
  const C = 1e21;
  assert.match(oneLineDesign(sizes, sizes.map((n) => C / (6 * n))) ?? '', /one line \(every run has 6ND ≈ 1\.00e\+21 FLOPs\): one budget's valley places the best size at that budget, but not how the best size moves with compute, nor the loss floor E\. Add runs at other budgets/);
  // D falling as N^-0.5 spans several budgets: described as the line it is, not as one budget
  assert.match(oneLineDesign(sizes, sizes.map((n) => 1e15 / Math.sqrt(n))) ?? '', /one line \(D falls as N\^-0\.50 from run to run\): the fit can follow the loss along it, but not split compute off it/);
  // D rising as N^0.5: both terms fall together, as at a fixed ratio
  assert.match(oneLineDesign(sizes, sizes.map((n) => 1e5 * Math.sqrt(n))) ?? '', /D grows as N\^0\.50 from run to run/);
});

test('sweeps off one line are planned: two ratios 2× apart, a grid, an IsoFLOP design', () => {
  assert.equal(oneLineDesign([...sizes, ...sizes], [...sizes.map((n) => 20 * n), ...sizes.map((n) => 40 * n)]), undefined);
  const grid = sizes.flatMap((n) => [5e9, 2e10, 8e10].map((d) => [n, d] as const));
  assert.equal(oneLineDesign(grid.map((g) => g[0]), grid.map((g) => g[1])), undefined);
  const iso = syntheticSurface(PUBLISHED, 48);
  assert.equal(noPlanReason(iso.x, iso.x2!, { reason: 'converged', params: { ...PUBLISHED } }), undefined);
  assert.match(noPlanReason(iso.x, iso.x2!, { reason: 'degenerate limit', params: { ...PUBLISHED } }) ?? '', /degenerate limit/);
  assert.match(noPlanReason(iso.x, iso.x2!, { reason: 'converged', params: { ...PUBLISHED, beta: -0.1 } }) ?? '', /not positive/);
});

/** What `run` printed on stdout; `said` gets what it printed on stderr. */
async function capture(run: () => Promise<number>, said: string[] = []): Promise<string> {
  const lines: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  console.error = (...a: unknown[]) => void said.push(a.join(' '));
  try {
    await run();
    return lines.join('\n');
  } finally {
    [console.log, console.error] = [log, error];
  }
}

test('fit --law chinchilla of a 20-tokens-per-parameter sweep gives no frontier, says why, and allocate --from refuses it; the panel offers no plan', async () => {
  const gauss = normal(mulberry32(3));
  const rows = sizes.map((n) => `${n},${20 * n},${(chinchillaLoss(PUBLISHED, n, 20 * n) * Math.exp(0.01 * gauss())).toFixed(4)}`);
  const dir = mkdtempSync(join(tmpdir(), 'sl-line-'));
  const file = join(dir, 'tpp20.csv');
  writeFileSync(file, `N,D,loss\n${rows.join('\n')}\n`);
  const out = await capture(() => runSurfaceFit(parseArgs([file, '--law', 'chinchilla', '--quick', '--json'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS)));
  const j = JSON.parse(out) as SurfaceFitJson;
  assert.equal(j.frontier, undefined);
  assert.match(j.noPlan ?? '', /lie along one line \(D\/N is 20 tokens per parameter in every run\)/);
  assert.ok(j.warnings.includes(j.noPlan!));
  const saved = join(dir, 'fit.json');
  writeFileSync(saved, out);
  await assert.rejects(allocate.run(['--from', saved, '--budget', '1e21']), /no compute-optimal plan: the sweep's runs lie along one line/);
  // 8 rows with N and D would be offered "Plan from this sweep" were they off one line
  assert.equal(sweepPlanHint(await readSource(file)), undefined);
  const offLine = join(dir, 'two.csv');
  writeFileSync(offLine, `N,D,loss\n${[...sizes.map((n) => [n, 20 * n]), ...sizes.map((n) => [n, 60 * n])].map(([n, d]) => `${n},${d},${chinchillaLoss(PUBLISHED, n!, d!).toFixed(4)}`).join('\n')}\n`);
  assert.equal(sweepPlanHint(await readSource(offLine))?.action, 'planFromSource');
});

test('allocate --from a fit that did not converge says so beside its plan', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-noconv-'));
  const saved = join(dir, 'fit.json');
  writeFileSync(saved, JSON.stringify({ law: 'chinchilla', params: { ...PUBLISHED }, converged: false, reason: 'iteration limit' }));
  const json = JSON.parse(await capture(() => allocate.run(['--from', saved, '--budget', '1e21', '--json']))) as { warnings?: string[] };
  assert.deepEqual(json.warnings, [`the fit in ${saved} did not converge (iteration limit): its plan may be far off`]);
  const said: string[] = [];
  assert.doesNotMatch(await capture(() => allocate.run(['--from', saved, '--budget', '1e21']), said), /warning/);
  assert.match(said.join('\n'), /^warning: the fit in .* did not converge/m);
});

test('N or D written in millions or billions are said so: a params_M column of 48 … 4000 read as 48 parameters', async () => {
  const { implausibleScale } = await import('../../../src/core/surfaceDesign');
  assert.match(implausibleScale([48, 160, 410, 4000], [1e9, 4e9, 2e10, 8e10], { n: 'params_M', d: 'tokens' }) ?? '', /^params_M \(parameters\) is at most 4000: counts, not millions or billions, are expected/);
  assert.match(implausibleScale(sizes, [20, 40, 80]) ?? '', /^D \(tokens\) is at most 80:/);
  assert.equal(implausibleScale(sizes, sizes.map((n) => 20 * n)), undefined);
  const dir = mkdtempSync(join(tmpdir(), 'sl-units-'));
  const file = join(dir, 'units.csv');
  const rows = sizes.flatMap((n) => [10, 40].map((t) => `${n / 1e6},${(t * n) / 1e9},${chinchillaLoss(PUBLISHED, n, t * n).toFixed(4)}`));
  writeFileSync(file, `params_M,tokens_B,loss\n${rows.join('\n')}\n`);
  const j = JSON.parse(await capture(() => runSurfaceFit(parseArgs([file, '--law', 'chinchilla', '--n', 'params_M', '--d', 'tokens_B', '--y', 'loss', '--quick', '--json'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS)))) as SurfaceFitJson;
  assert.ok(j.warnings.some((w) => /^params_M \(parameters\) is at most 12000 and tokens_B \(tokens\) is at most 480/.test(w)), j.warnings.join(' | '));
});
