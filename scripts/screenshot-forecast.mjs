// The panel's schedule-aware forecast in a real VS Code (code-server + headless chromium): the
// first half of a 72k-step cosine run (data/lr-schedules/25M, with an elapsed-time column added at
// 0.5 s/step so the ETA shows wall time), watched; its schedule typed into the palette command
// "Set Learning-Rate Schedule…"; a target loss from the settings. Saves media/forecast.png.
//
//   node scripts/screenshot-forecast.mjs [--no-build] [--light]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscode-runtime.mjs';
import { prepareShot, runShotScene, startShotWorkbench, workbenchDriver } from './workbenchDriver.mjs';

const argv = process.argv.slice(2);
const light = argv.includes('--light');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SPEC = 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5';

const { sandbox, workspace } = prepareShot(argv, 'fshot');
{
  const [, ...body] = readFileSync(join(ROOT, 'data', 'lr-schedules', '25M', 'cosine_72000.csv'), 'utf8').trim().split('\n');
  const half = body.slice(0, Math.floor(body.length / 2));
  writeFileSync(join(workspace, 'cosine_run.csv'), `step,lr,loss,elapsed\n${half.map((l) => `${l},${(0.5 * Number(l.split(',')[0])).toFixed(1)}`).join('\n')}\n`);
}

const { server, browser, page, open } = await startShotWorkbench({
  sandbox,
  workspace,
  light,
  settings: {
    'scalingLens.targetLoss': 3.25,
    // the laws' extrapolations end where the schedule does, beside the forecast
    'scalingLens.target': '72000',
  },
});

const { runCommand, openFile, panelFrame } = workbenchDriver(page);

const out = join(ROOT, 'media', `forecast${light ? '-light' : ''}.png`);
await runShotScene({ server, browser, sandbox }, async () => {
  await open();
  await openFile('cosine_run.csv');
  await runCommand('Scaling Lens: Watch Training Log');
  await panelFrame('table.compare', 180_000);
  await runCommand('Scaling Lens: Set Learning-Rate Schedule…', SPEC);
  const frame = await panelFrame('.callout.forecast:not(.stale) .note, .callout.forecast:not(.stale) div', 180_000);
  await frame.waitForFunction(() => document.querySelector('.callout.forecast')?.textContent?.includes('end of schedule'), null, { timeout: 180_000 });
  await runCommand('View: Focus First Editor Group');
  await sleep(300);
  await runCommand('View: Close All Editors in Group');
  await sleep(1500);
  await frame.locator('#header').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await sleep(800);
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
  console.log(await frame.locator('.callout.forecast').innerText());
}, () => page.screenshot({ path: join(ROOT, 'media', 'forecast-error.png') }));
