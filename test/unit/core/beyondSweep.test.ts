// A plan at a budget far past the sweep it was fitted on says how far: test/fixtures' sweep reaches
// 3e19 FLOPs, and "best N and D for 1e23 FLOPs?" is 3,333× that, which the plan's intervals (the
// sweep's noise) do not cover.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beyondPresetNote, beyondSweepNote, pointBeyondSweepNote, sweepSpan } from '../../../src/core/beyondSweep';
import { PRESETS } from '../../../src/core/presets';
import { planNotes } from '../../../src/extension/model/sweepPlan';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocateOutput, fitJson } from '../surfaces/surfaceCli';

const sweep = { N: [44e6, 180e6, 800e6], D: [113636363636, 27777777778, 6250000000] };

test('a budget thousands of times the largest run of the sweep is named with its factor', () => {
  const note = beyondSweepNote(1e23, sweep, 'sweep.csv');
  assert.match(note ?? '', /^1e23 FLOPs is 3,333× the compute of the largest run in sweep\.csv \(6·N·D ≈ 3e19 FLOPs\)/);
});

test('within a decade of the sweep nothing is said; past a million times the factor is short', () => {
  assert.equal(beyondSweepNote(2e20, sweep, 'sweep.csv'), undefined);
  assert.match(beyondSweepNote(3e26, sweep, 'sweep.csv') ?? '', / 10M× /);
  assert.equal(beyondSweepNote(1e23, { N: [], D: [] }, 'empty.csv'), undefined);
});

test("a preset planned far past the runs it was fitted on says so, in the panel's Plan and in allocate --preset (walkthrough: 1e50 FLOPs on Chinchilla, no caution)", async () => {
  for (const p of Object.values(PRESETS)) assert.equal(p.fittedOn.flops[1], 1.3e22, `${p.id}: the digitised runs' largest compute (reference/log-formats.md)`);
  const chinchilla = PRESETS.chinchilla!;
  assert.match(beyondPresetNote(1e50, chinchilla) ?? '', /^1e50 FLOPs is 7\.69e27× the compute of the largest run the chinchilla preset was fitted on \(≈ 1\.3e22 FLOPs, Hoffmann et al\.'s runs as Epoch AI digitised them\)/);
  assert.equal(beyondPresetNote(1e23, chinchilla), undefined, 'within a decade of its runs');
  // the panel's Plan of a preset (commands/plan.ts resolveSurface) and the CLI say the same
  const panel = planNotes({ params: chinchilla.params, id: 'chinchilla', label: chinchilla.label, preset: chinchilla }, 1e50);
  assert.deepEqual(panel, [beyondPresetNote(1e50, chinchilla)]);
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await allocate.run(['--budget', '1e50', '1e21', '--preset', 'chinchilla', '--json']), 0);
  } finally {
    console.log = orig;
  }
  assert.deepEqual(JSON.parse(lines.join('\n')).notes, panel);
});

/** What `allocate ARGS --json` prints as its notes. */
async function allocateNotes(args: string[]): Promise<string[] | undefined> {
  return (JSON.parse(await allocateOutput([...args, '--json'])) as { notes?: string[] }).notes;
}

test('a budget far under the smallest run is as far from the sweep as one past its largest, and says so (a 1e14-FLOP plan from runs of 6e18 said nothing)', async () => {
  // test/fixtures' sweep starts at 6e18 FLOPs (44M parameters on 22.7B tokens)
  const fixture = { N: [44e6, 90e6], D: [22727272727, 11111111111] };
  assert.match(beyondSweepNote(1e14, fixture, 'sweep.csv') ?? '', /^1e14 FLOPs is 60,000× below the compute of the smallest run in sweep\.csv \(6·N·D ≈ 6e18 FLOPs\): this split is the surface carried that far down/);
  assert.equal(beyondSweepNote(1e18, fixture, 'sweep.csv'), undefined, 'within a decade of it');
  const chinchilla = PRESETS.chinchilla!;
  assert.match(beyondPresetNote(1e16, chinchilla) ?? '', /^1e16 FLOPs is 140× below the compute of the smallest run the chinchilla preset was fitted on \(≈ 1\.4e18 FLOPs, Hoffmann et al\.'s runs as Epoch AI digitised them\)/);
  // the panel's Plan, allocate --from the sweep and allocate --from its fit's JSON say the same
  const file = 'test/fixtures/workspace/sweep.csv';
  const panel = planNotes({ params: chinchilla.params, id: file, label: 'sweep', runs: { file: 'sweep.csv', ...fixture } }, 1e14);
  assert.deepEqual(await allocateNotes(['--budget', '1e14', '--from', file]), panel);
  const dir = mkdtempSync(join(tmpdir(), 'sl-below-'));
  const fitted = await fitJson([file, '--law', 'chinchilla', '--json']);
  assert.ok(Math.abs(fitted.smallestRunFlops! / 6e18 - 1) < 1e-9, String(fitted.smallestRunFlops));
  writeFileSync(join(dir, 'fit.json'), JSON.stringify(fitted));
  assert.deepEqual(await allocateNotes(['--budget', '1e14', '--from', join(dir, 'fit.json')]), panel);
});

test('a size or token count far outside the sweep\'s is said even when its 6·N·D is not (100M on 10T tokens: 10× the compute, D 18× any run\'s)', async () => {
  const span = sweepSpan({ N: [44e6, 800e6], D: [1.25e9, 113636363636] })!;
  assert.deepEqual(span, { N: [44e6, 800e6], D: [1.25e9, 113636363636] });
  assert.match(pointBeyondSweepNote(100e6, 10e12, span, 'sweep.csv') ?? '', /^D = 10T tokens is 88× the most tokens of any run in sweep\.csv \(114B\): the loss there is the fitted surface carried that far along D/);
  assert.match(pointBeyondSweepNote(70e9, 1e6, span, 'sweep.csv') ?? '', /^N = 70B is 88× the largest model in sweep\.csv \(800M\); D = 1M tokens is 1,250× below the fewest tokens of any run .* along both/);
  assert.equal(pointBeyondSweepNote(1e9, 1e11, span, 'sweep.csv'), undefined, 'within a decade of both');
  // the panel's Plan, allocate --from the sweep and allocate --from its fit's JSON say it alike
  const file = 'test/fixtures/workspace/sweep.csv';
  const { planForQuery } = await import('../../../src/extension/model/planForQuery');
  const { parsePlanQuery } = await import('../../../src/core/units');
  const chinchilla = PRESETS.chinchilla!;
  // the fixture's smallest and largest N and D (its runs in between change neither note)
  const fixture = { N: [44e6, 1.6e9], D: [1041666667, 113636363636] };
  const panel = planForQuery({ params: chinchilla.params, id: file, label: 'sweep', runs: { file: 'sweep.csv', ...fixture } }, parsePlanQuery('100M params on 10T tokens')).notes ?? [];
  const said = panel.filter((n) => n.startsWith('D = 10T'));
  assert.equal(said.length, 1, panel.join('\n'));
  assert.ok((await allocateNotes(['--n', '100M', '--d', '10T', '--from', file]))?.includes(said[0]!));
  const dir = mkdtempSync(join(tmpdir(), 'sl-point-'));
  writeFileSync(join(dir, 'fit.json'), JSON.stringify(await fitJson([file, '--law', 'chinchilla', '--json'])));
  assert.ok((await allocateNotes(['--n', '100M', '--d', '10T', '--from', join(dir, 'fit.json')]))?.includes(said[0]!));
});
