// The panel's Plan and `allocate --from SWEEP` fit a sweep with one function (core/sweepSurface.ts,
// PLAN_FIT) and say the same of it: the same surface, split and intervals at a budget, the same runs
// left out, and the same note when the budget is far past the sweep (core/beyondSweep.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fitJson } from './surfaceCli';
import { PUBLISHED } from './synthetic';
import { dataConstrainedLaw } from '../../../src/core/laws/dataConstrained';
import { surfaceObservations } from '../../../src/extension/fitWorker';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { type AllocateJson } from '../../../src/cli/commands/allocateJson';
import { fitSweepSurface, observationsAt, PLAN_FIT } from '../../../src/core/sweepSurface';
import { surfaceBackTestText } from '../../../src/core/surfaceBackTest';
import { compareSurfaceLaws, standInFor } from '../../../src/core/surfaceLawComparison';
import { readSource } from '../../../src/ingest/files/read';
import { planForQuery } from '../../../src/extension/model/planForQuery';
import { surfaceData } from '../../../src/extension/model/surface';
import { sweepPlanSurface, sweepReaderNotes } from '../../../src/extension/model/sweepPlan';
import type { AllocateStandInJson } from '../../../src/cli/commands/allocateStandIn';
import type { PlanView } from '../../../src/shared/protocol';

const SWEEP = 'test/fixtures/workspace/sweep.csv';

/** The panel's Plan of `file` at `budget`: read as the extension reads it, fitted as its worker fits it. */
async function panelPlan(file: string, budget: number): Promise<PlanView> {
  const source = await readSource(file);
  const all = surfaceData(source)!;
  const obs = surfaceObservations(all);
  const swept = fitSweepSurface('chinchilla', obs, PLAN_FIT);
  // as the fit worker's sweep job gives it
  const kept = observationsAt(obs, swept.kept);
  const standIn = standInFor(swept.noPlan, kept);
  const backTests = swept.noPlan && !standIn ? undefined : compareSurfaceLaws(kept, { seed: PLAN_FIT.seed! }, standIn);
  const { surface, diagnostics } = sweepPlanSurface(file, basename(file), all, swept, sweepReaderNotes(source), backTests);
  panelDiagnostics = diagnostics;
  return planForQuery(surface, { flops: budget });
}

/** What the last panelPlan logged beside its plan (the Plan command writes these to the log). */
let panelDiagnostics: readonly string[] = [];

/** OPT's checkpoints (N, tokens and ln(perplexity), as bench/surfaceBackTest.bench.ts reads them) whose 6·N·D is at most `cut`, as a sweep table. */
function optSweep(cut: number): string {
  const SIZE: Record<string, number> = { '125m': 125e6, '1.3b': 1.3e9, '6.7b': 6.7e9, '13b': 13e9, '30b': 30e9, '175b': 175e9 };
  const [head, ...rows] = readFileSync('data/trajectories/opt_trajectories.csv', 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
  const at = (name: string): number => head!.indexOf(name);
  const runs = rows.map((r) => [SIZE[r[at('model_size')]!]!, 10 ** Number(r[at('num_token')]), Math.log(Number(r[at('ppl')]))]).filter(([n, d]) => 6 * n! * d! <= cut);
  const file = join(mkdtempSync(join(tmpdir(), 'sl-plan-opt-')), 'opt.csv');
  writeFileSync(file, `N,D,loss\n${runs.map((r) => r.join(',')).join('\n')}\n`);
  return file;
}

/** What `allocate --from FILE --budget B` prints, with --json or without. */
async function cliRun(file: string, budget: number, json: boolean): Promise<string> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await allocate.run(['--budget', String(budget), '--from', file, ...(json ? ['--json'] : [])]), 0);
  } finally {
    console.log = orig;
  }
  return lines.join('\n');
}

async function cliPlan(file: string, budget: number): Promise<AllocateJson> {
  return JSON.parse(await cliRun(file, budget, true)) as AllocateJson;
}

const close = (a: number, b: number): boolean => Math.abs(a / b - 1) < 1e-9;

function assertSamePlan(panel: PlanView, cli: AllocateJson): void {
  const params = Object.fromEntries(panel.params);
  for (const k of ['E', 'A', 'B', 'alpha', 'beta'] as const) assert.ok(close(params[k]!, cli.surface[k]), `${k}: panel ${params[k]}, CLI ${cli.surface[k]}`);
  const [at] = cli.allocations;
  for (const k of ['N', 'D', 'loss'] as const) assert.ok(close(panel.budget[k], at![k]), `${k}: panel ${panel.budget[k]}, CLI ${at![k]}`);
  const iv = panel.budget.intervals;
  const civ = cli.allocationIntervals?.[0];
  assert.ok(iv && civ, 'both give intervals');
  for (const k of ['N', 'D', 'loss'] as const) {
    assert.ok(close(iv[k]![0], civ[k].lo) && close(iv[k]![1], civ[k].hi), `${k} interval: panel ${iv[k]}, CLI ${civ[k].lo}–${civ[k].hi}`);
  }
  // how far the surface can be trusted, said alike
  assert.ok(cli.backTest && panel.trust, 'both give the compute back-test');
  assert.equal(panel.trust, surfaceBackTestText(cli.backTest, panel.budget.flops));
  // and each surface law's back-test in one line, with a clearly better law's plan beside, alike
  assert.ok(cli.backTests?.text && panel.lawBackTests, 'both compare the surface laws');
  assert.equal(panel.lawBackTests.text, cli.backTests.text);
  const other = panel.lawBackTests.plan;
  const better = cli.backTests.better;
  assert.equal(other?.law, better?.law);
  if (other && better) for (const k of ['N', 'D', 'loss'] as const) assert.ok(close(other.row[k], better.allocations[0]![k]), `${better.law} ${k}: panel ${other.row[k]}, CLI ${better.allocations[0]![k]}`);
}

test('the bundled sweep planned at 1e23 FLOPs: the panel and allocate --from give the same split, intervals and beyond-the-sweep note', async () => {
  const [panel, cli] = [await panelPlan(SWEEP, 1e23), await cliPlan(SWEEP, 1e23)];
  assertSamePlan(panel, cli);
  const beyond = (panel.notes ?? []).filter((n) => n.includes('the largest run in sweep.csv'));
  assert.equal(beyond.length, 1, (panel.notes ?? []).join('\n'));
  assert.deepEqual(cli.notes, beyond);
  // within a decade of the sweep's largest run neither says it
  const near = await cliPlan(SWEEP, 1e20);
  assert.equal(near.notes, undefined);
  assert.equal((await panelPlan(SWEEP, 1e20)).notes, undefined);
});

test("the compute back-test's line says when the plan's budget is further past the largest run than the back-test reached, alike in the panel and allocate --from's text (3× rehearsed, 1e21 FLOPs 33× past the 3e19 run)", async () => {
  const panel = await panelPlan(SWEEP, 1e21);
  assert.match(panel.trust ?? '', /\(up to 3e19, 3× further\) .*; the plan's budget is 33× past the largest run, 11× further than this rehearsal reached\.$/);
  assert.ok((await cliRun(SWEEP, 1e21, false)).includes(`  ${panel.trust}\n`), 'allocate --from prints the same line');
  // 1.212e22 FLOPs is 404× past it: the line says so as the beyond-the-sweep note above the table does, not "400×"
  const far = await panelPlan(SWEEP, 1.212e22);
  const times = /is ([\d,]+)× the compute of the largest run/.exec((far.notes ?? []).join('\n'))?.[1];
  assert.ok(times && far.trust?.includes(`the plan's budget is ${times}× past the largest run`), `${far.notes?.join('\n')}\n${far.trust}`);
  // 1e20 is 3.3× past it, within the 3× rehearsed (and a quarter): nothing added, on either side
  const near = await panelPlan(SWEEP, 1e20);
  assert.match(near.trust ?? '', /3× further\) within [\d.]+% on average \(worst [+−][\d.]+%\)\.$/);
  assert.ok((await cliRun(SWEEP, 1e20, false)).includes(`  ${near.trust}\n`));
});

test("OPT's checkpoints up to 1e22 FLOPs, where kaplan-nd back-tests clearly better: both name it, and give its plan at 1e24 FLOPs alike", async () => {
  const file = optSweep(1e22);
  const [panel, cli] = [await panelPlan(file, 1e24), await cliPlan(file, 1e24)];
  assertSamePlan(panel, cli);
  assert.equal(panel.lawBackTests?.plan?.law, 'kaplan-nd', panel.lawBackTests?.text);
  assert.match(panel.lawBackTests.text, /kaplan-nd's error is under half Chinchilla's/);
});

test('a sweep with a diverged run: both leave the same run out and plan from the others alike', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-plan-agree-'));
  const file = join(dir, 'diverged.csv');
  const lines = readFileSync(SWEEP, 'utf8').trim().split('\n');
  // the 8th run (N = 180M at 1e19 FLOPs) diverged: three times its loss
  const cells = lines[8]!.split(',');
  lines[8] = [...cells.slice(0, 3), String(Number(cells[3]) * 3)].join(',');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const [panel, cli] = [await panelPlan(file, 1e23), await cliPlan(file, 1e23)];
  assertSamePlan(panel, cli);
  assert.ok(panel.source.includes('15 of 16 runs'), panel.source);
  assert.match(cli.source, /\(15 runs,/);
  // the run is named with the loss the surface through the others gives there, the same on both sides
  const against = (notes: readonly string[] | undefined): string[] => (notes ?? []).flatMap((n) => /outlier: .*(loss [\d.]+ against [\d.]+)/.exec(n)?.[1] ?? []);
  assert.equal(against(panel.notes).length, 1, (panel.notes ?? []).join('\n'));
  assert.deepEqual(against(panel.notes), against(cli.warnings));
  // the IsoFLOP profiles are of the same runs: the ones the surface kept
  assert.ok(panel.isoflop && cli.isoflop);
  assert.ok(close(panel.isoflop.budget.N, cli.isoflop.allocations[0]!.N), `IsoFLOP N_opt: panel ${panel.isoflop.budget.N}, CLI ${cli.isoflop.allocations[0]!.N}`);
});

test("rows the sweep's reader left out (a NaN loss, a crashed run) are named in the plan as allocate --from names them, above the runs left out as outliers; the surface's line says what the brackets are", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-plan-rows-'));
  const file = join(dir, 'runs.csv');
  // 5 sizes × 5 lengths on Hoffmann et al.'s surface (±0.3%), with a W&B-like State column: run 5
  // crashed, run 9 diverged (NaN), run 12 ran far off (3× its loss)
  const rows = [70e6, 160e6, 410e6, 1e9, 2.8e9].flatMap((n, i) => [2e9, 5e9, 1e10, 2e10, 5e10].map((d, j) => {
    const k = 5 * i + j;
    const y = (1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28) * (1 + 0.003 * Math.sin(12.9898 * k));
    return [k === 4 ? 'crashed' : 'finished', n, d, k === 8 ? 'NaN' : (k === 11 ? 3 * y : y).toFixed(4)].join(',');
  }));
  writeFileSync(file, `State,N,D,loss\n${rows.join('\n')}\n`);
  const [panel, cli] = [await panelPlan(file, 1e23), await cliPlan(file, 1e23)];
  const reader = ['left out 1 run whose State is not finished (row 6: crashed): the last loss of a run that crashed or is still running is not its final loss', 'left out 1 row whose loss is not a finite positive number (row 10: NaN): a diverged or unfinished run'];
  for (const note of reader) assert.ok(cli.warnings?.includes(note), (cli.warnings ?? []).join('\n'));
  assert.deepEqual((panel.notes ?? []).slice(0, 2), reader);
  assert.match(panel.notes?.[2] ?? '', /^left a run out of the surface fit as an outlier/);
  // what the brackets under each value are, which the CLI says in its column heads ("N 95% CI")
  assert.equal(panel.source, 'fitted on runs.csv (22 of 23 runs); in brackets, 95% intervals from 200 bootstrap refits of the runs');
});

test("OPT's checkpoints up to 1e23 FLOPs, where Chinchilla's fit is a degenerate limit: both plan on kaplan-nd instead, labelled as its plan, with its back-test, alike", async () => {
  const file = optSweep(1e23);
  const [panel, cli] = [await panelPlan(file, 1e24), JSON.parse(await cliRun(file, 1e24, true)) as AllocateStandInJson];
  assert.match(cli.noPlan, /degenerate limit/);
  // the degenerate fit's 200 refits (~2 min of CPU) are skipped on both sides, and said
  const skipped = /^no bootstrap: Chinchilla's fit gives no compute-optimal plan, so its 200 refits were skipped/;
  assert.ok(cli.notes?.some((n) => skipped.test(n)), (cli.notes ?? []).join('\n'));
  assert.ok(panelDiagnostics.some((n) => skipped.test(n)), panelDiagnostics.join('\n'));
  const better = cli.backTests.better!;
  assert.equal(better.law, 'kaplan-nd');
  assert.match(better.chinchillaNoPlan ?? '', /degenerate limit/);
  // the plan is kaplan-nd's, the same on both sides, and shown as the plan itself (no row beside it)
  for (const k of ['N', 'D', 'loss'] as const) assert.ok(close(panel.budget[k], better.allocations[0]![k]), `${k}: panel ${panel.budget[k]}, CLI ${better.allocations[0]![k]}`);
  assert.equal(panel.lawBackTests?.plan, undefined);
  assert.deepEqual(panel.params.map(([k]) => k), ['Nc', 'Dc', 'alphaN', 'alphaD']);
  assert.equal(panel.source, cli.source);
  assert.match(panel.source, /^kaplan-nd's surface fitted to opt\.csv \(116 of 120 runs\), in place of Chinchilla's, whose fit gives no plan$/);
  assert.equal(panel.lawBackTests?.text, cli.backTests.text);
  assert.match(cli.backTests.text ?? '', /^Chinchilla's fit gives no compute-optimal plan: the best fit is a degenerate limit .*kaplan-nd's plan is shown instead.* Back-tested on the 44 largest runs: Chinchilla 3\.0%, kaplan-nd 1\.7% mean error\.$/);
  // the trust line is kaplan-nd's own back-test, as the CLI prints it
  assert.match(panel.trust ?? '', /^kaplan-nd: Fitted to the 72 runs up to 4\.37e21 FLOPs, the surface predicted the 44 larger runs .* within 1\.7% on average/);
  const text = await cliRun(file, 1e24, false);
  assert.ok(text.includes(`  ${panel.trust}\n`));
  // the answer alone on stdout: notes and warnings go to stderr, as every command's
  assert.ok(!/^(note|warning): /m.test(text), text);
  // a loss to reach: the least compute on kaplan-nd's surface, whose plan there reaches it
  const toLoss = planForQuery((await standInSurface(file)), { targetLoss: 2.1 });
  assert.ok(Math.abs(toLoss.budget.loss / 2.1 - 1) < 1e-9, String(toLoss.budget.loss));
  // a rider on Chinchilla's surface is refused with why
  assert.throws(() => planForQuery(standInSurfaceCache!, { flops: 1e24, uniqueTokens: 1e11 }), /unique tokens needs a Chinchilla surface.*only kaplan-nd's split/);
  await assert.rejects(allocate.run(['--budget', '1e24', '--from', file, '--unique', '1e11']), /--unique needs a Chinchilla surface/);
});

let standInSurfaceCache: Parameters<typeof planForQuery>[0] | undefined;

async function standInSurface(file: string): Promise<Parameters<typeof planForQuery>[0]> {
  const source = await readSource(file);
  const all = surfaceData(source)!;
  const obs = { x: Float64Array.from(all.N), x2: Float64Array.from(all.D), y: Float64Array.from(all.loss) };
  const swept = fitSweepSurface('chinchilla', obs, { seed: 1 });
  const kept = observationsAt(obs, swept.kept);
  standInSurfaceCache = sweepPlanSurface(file, basename(file), all, swept, [], compareSurfaceLaws(kept, { seed: 1 }, standInFor(swept.noPlan, kept))).surface;
  assert.ok(standInSurfaceCache.standIn);
  return standInSurfaceCache;
}

test("a saved `fit --law chinchilla --json` carries the laws' comparison: allocate --from it gives kaplan-nd's plan as from the sweep, beside Chinchilla's (OPT to 1e22) or in its place (OPT to 1e23)", async () => {
  for (const cut of [1e22, 1e23]) {
    const file = optSweep(cut);
    const saved = join(dirname(file), 'fit.json');
    writeFileSync(saved, JSON.stringify(await fitJson([file, '--law', 'chinchilla', '--json'])));
    const [fromFit, fromSweep] = [JSON.parse(await cliRun(saved, 1e24, true)) as AllocateJson, JSON.parse(await cliRun(file, 1e24, true)) as AllocateJson];
    assert.equal(fromFit.backTests?.text, fromSweep.backTests?.text, `cut ${cut}`);
    assert.equal(fromFit.backTests?.better?.law, 'kaplan-nd');
    assert.deepEqual(fromFit.backTests?.better, fromSweep.backTests?.better);
    assert.equal(fromFit.backTests?.better?.chinchillaNoPlan === undefined, cut === 1e22);
  }
});

test('a sweep with a unique-tokens column: chinchilla-dc is back-tested beside Chinchilla and kaplan-nd, in the panel and by allocate --from alike (read from the header, as fit --law chinchilla-dc finds it)', async () => {
  // 5 sizes × 4 token counts, each on all-fresh data and on a quarter as many unique tokens (4 epochs), on Muennighoff et al.'s surface, ±0.2%
  const rows: string[] = [];
  for (const n of [1e8, 3e8, 1e9, 3e9, 1e10]) {
    for (const d of [1e10, 3e10, 1e11, 3e11]) {
      for (const u of [d, d / 4]) {
        const y = dataConstrainedLaw.predict({ ...PUBLISHED, RD: 15.4, RN: 5.3 }, n, d, u) * (1 + 0.002 * Math.sin(12.9898 * rows.length));
        rows.push([n, d, u, y.toFixed(5)].join(','));
      }
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'sl-plan-dc-')), 'repeats.csv');
  writeFileSync(file, `N,D,unique_tokens,loss\n${rows.join('\n')}\n`);
  const [panel, cli] = [await panelPlan(file, 1e23), await cliPlan(file, 1e23)];
  assertSamePlan(panel, cli);
  assert.deepEqual(cli.backTests?.laws.map((t) => t.law), ['chinchilla', 'kaplan-nd', 'chinchilla-dc']);
  assert.match(panel.lawBackTests?.text ?? '', /^Back-tested on the \d+ largest runs: Chinchilla [\d.]+%, kaplan-nd [\d.]+%, chinchilla-dc [\d.]+% mean error\./);
  // and fit --law chinchilla-dc takes the same column without --u
  const dc = await fitJson([file, '--law', 'chinchilla-dc', '--quick', '--json']);
  assert.ok(Math.abs(dc.params.RD! / 15.4 - 1) < 0.3, JSON.stringify(dc.params));
  assert.ok(dc.warnings.some((w) => /taken from the header: .*--u unique_tokens/.test(w)), dc.warnings.join('\n'));
});

test('a unique-tokens column some runs leave blank: chinchilla-dc is not compared, and the panel and fit --law chinchilla say so once, with the count', async () => {
  // 4 sizes × 3 token counts on the published surface; 3 of the 12 runs give no unique tokens
  const rows: string[] = [];
  for (const n of [1e8, 3e8, 1e9, 3e9]) {
    for (const d of [3e9, 3e10, 3e11]) {
      const u = rows.length % 4 === 1 ? '' : String(d);
      rows.push([n, d, u, dataConstrainedLaw.predict({ ...PUBLISHED, RD: 15.4, RN: 5.3 }, n, d, d).toFixed(5)].join(','));
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'sl-plan-dc-part-')), 'partial.csv');
  writeFileSync(file, `N,D,unique_tokens,loss\n${rows.join('\n')}\n`);
  const said = 'chinchilla-dc not compared: 3 of 12 runs give no unique tokens';
  const cli = await fitJson([file, '--law', 'chinchilla', '--quick', '--json']);
  assert.deepEqual(cli.lawBackTests?.backTests.map((t) => t.law), ['chinchilla', 'kaplan-nd']);
  assert.deepEqual(cli.warnings.filter((w) => w.includes('chinchilla-dc')), [said]);
  const source = await readSource(file);
  const all = surfaceData(source)!;
  const swept = fitSweepSurface('chinchilla', surfaceObservations(all), { seed: 1, quick: true });
  const { surface } = sweepPlanSurface(file, basename(file), all, swept, sweepReaderNotes(source));
  assert.deepEqual(surface.notes?.filter((n) => n.includes('chinchilla-dc')), [said]);
});
