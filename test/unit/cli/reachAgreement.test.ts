// "When does the loss reach L?" has one rule on both sides (core/reach.ts, reachFromLog): a loss the
// log already reached is answered from the log, where it first got there and the median of its
// next points; the fit answers only a loss the log has not reached. On a bundled WSD run whose loss
// drops below the laws' curve in its decay, `fit --reach 3.29` once answered from the fit ("1.09×
// the data") while the panel answered from the log; both now say the log's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED, curveRequest } from '../../../src/cli/curveRequest';
import { fitCurves } from '../../../src/cli/curveFit';
import { reachText } from '../../../src/core/reach';
import { LensSession } from '../../../src/extension/session';
import { readSource } from '../../../src/ingest/files/read';
import { testDeps, testSettings } from '../extension/sessionFixture';

const WSD = 'data/lr-schedules/25M/wsd_20000_24000.csv';

test('a loss the WSD run reached in its decay: `fit --reach` and the panel both answer from the log, with the same facts and words', async () => {
  const [cli] = await fitCurves(curveRequest(parseArgs([WSD, '--reach', '3.29', '--law', 'm2'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  const fromCli = cli!.reach![0]!;
  const session = new LensSession(WSD, 'wsd', testDeps(testSettings(['m2'])));
  session.setSource(await readSource(WSD));
  const fromPanel = (await session.reach(session.curves[0]!.id, 3.29))!;
  assert.ok(fromCli.logged !== undefined && fromCli.logged < fromCli.dataEnd, JSON.stringify(fromCli));
  assert.deepEqual([fromPanel.logged, fromPanel.loggedLevel, fromPanel.loggedOver, fromPanel.dataEnd], [fromCli.logged, fromCli.loggedLevel, fromCli.loggedOver, fromCli.dataEnd]);
  assert.ok(fromCli.loggedLevel! <= 3.29);
  // the same words; the CLI, which fitted, adds where its fit puts it (the panel answers without a fit)
  const cliText = reachText(fromCli, 'loss', '95%');
  assert.ok(cliText.startsWith(reachText(fromPanel, 'loss', '95%')), cliText);
  // the fit's own reach stays in the JSON beside it, as before: past the data here, and said
  assert.ok(fromCli.x! > fromCli.dataEnd, `${fromCli.x}`);
  assert.match(cliText, /; the fit puts it at x ≈ [\d.]+K, [\d.]+× the data$/);
});

test('with smoothing on, the panel still answers from the values logged, not the smoothed curve', async () => {
  const session = new LensSession(WSD, 'wsd', testDeps(testSettings(['m2'], { smoothing: 0.9 })));
  session.setSource(await readSource(WSD));
  const [cli] = await fitCurves(curveRequest(parseArgs([WSD, '--reach', '3.29', '--law', 'm2'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  const fromPanel = (await session.reach(session.curves[0]!.id, 3.29))!;
  assert.deepEqual([fromPanel.logged, fromPanel.loggedLevel], [cli!.reach![0]!.logged, cli!.reach![0]!.loggedLevel]);
});

test('a loss the log has not reached is the fit\'s on both sides', async () => {
  const [cli] = await fitCurves(curveRequest(parseArgs([WSD, '--reach', '3.1', '--law', 'm2'], CURVE_FIT_VALUED, CURVE_FIT_BOOLEANS), 'target'));
  const session = new LensSession(WSD, 'wsd', testDeps(testSettings(['m2'])));
  session.setSource(await readSource(WSD));
  const fromPanel = (await session.reach(session.curves[0]!.id, 3.1))!;
  const fromCli = cli!.reach![0]!;
  assert.equal(fromCli.logged, undefined);
  assert.equal(fromPanel.logged, undefined);
  assert.ok(fromCli.x! > fromCli.dataEnd && fromPanel.x! > fromPanel.dataEnd);
});
