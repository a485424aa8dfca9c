// Opens the Scaling Lens panel in a real VS Code (code-server + headless chromium) the way a
// person would — open a file, F1, type the command title, Enter — and saves PNGs of the window
// to media/screenshot-*.png.
//
//   node scripts/screenshot.mjs [--no-build] [--light]
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscode-runtime.mjs';
import { prepareShot, runShotScene, startShotWorkbench, trainRows, workbenchDriver, writeShotSweeps } from './workbenchDriver.mjs';

const argv = process.argv.slice(2);
const light = argv.includes('--light');
const debug = !!process.env.SCALING_LENS_DEBUG;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { sandbox, workspace } = prepareShot(argv, 'shot');
cpSync(join(ROOT, 'data'), workspace, { recursive: true });
cpSync(join(ROOT, 'test', 'fixtures', 'workspace', 'sweep.csv'), join(workspace, 'sweep.csv'));
// an accuracy that rises: fitted as its error, drawn and answered as the accuracy
cpSync(join(ROOT, 'test', 'fixtures', 'units', 'accuracy.csv'), join(workspace, 'accuracy.csv'));
// a run whose loss bends (one broken power law), to show the BNSL decomposition
{
  let csv = 'step,tokens,val_loss\n';
  for (let i = 0; i < 40; i++) {
    const x = 1e6 * Math.pow(10, i / 8);
    const y = 1.2 + 8 * Math.pow(x, -0.08) * Math.pow(1 + Math.pow(x / 3e8, 1 / 0.3), -0.45 * 0.3);
    csv += `${(i + 1) * 1000},${Math.round(x)},${(y * (1 + 0.004 * Math.sin(i * 12.9898))).toFixed(5)}\n`;
  }
  writeFileSync(join(workspace, 'broken_run.csv'), csv);
}

// a size sweep (one curve per size) and an IsoFLOP sweep (the plan fits its surface and reads its profiles)
writeShotSweeps(workspace);

// half of a 25M run as an HF Trainer logs it, its TrainingArguments in config.yaml: the config
// under the title, and the forecast to the end of the schedule it states (followed from half the run)
{
  const dir = join(workspace, 'gpt-25m');
  mkdirSync(dir, { recursive: true });
  const rows = readFileSync(join(ROOT, 'data', 'lr-schedules', '25M', 'cosine_24000.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  const half = rows.slice(0, Math.floor(rows.length / 2));
  writeFileSync(join(dir, 'metrics.csv'), `step,loss\n${half.map((r) => `${r[0]},${r[2]}`).join('\n')}\n`);
  writeFileSync(join(dir, 'config.yaml'), 'n_layer: 8\nn_embd: 512\nmax_steps: 24000\nlearning_rate: 0.0003\nwarmup_steps: 2160\nper_device_train_batch_size: 32\nlr_scheduler_type: cosine_with_min_lr\nlr_scheduler_kwargs:\n  min_lr: 0.00003\n');
}

const { server, browser, page, open } = await startShotWorkbench({ sandbox, workspace, light });
page.on('console', (msg) => {
  if (debug || msg.type() === 'error') {
    const text = msg.text();
    if (!/open-vsx|serviceWorker\.js|Failed to load resource|ENOTFOUND|\[lifecycle\]|IndexedDB|fetching the script|^\s+at /.test(text)) console.log(`[browser ${msg.type()}] ${text}`);
  }
});

const { runCommand, openFile, panelFrame, fitMaximised, fitAlone, planAlone, watchAlone } = workbenchDriver(page);

/** Waits until the panel's header line contains every one of `texts`. */
async function frameWithText(...texts) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    for (const frame of page.frames()) {
      const live = await frame.$eval('.live', (el) => el.textContent ?? '').catch(() => '');
      if (texts.every((t) => live.includes(t))) return frame;
    }
    if (Date.now() > deadline) throw new Error(`the panel never showed ${texts.join(' + ')}`);
    await sleep(500);
  }
}

async function shot(name) {
  const path = join(ROOT, 'media', `screenshot-${name}${light ? '-light' : ''}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

await runShotScene({ server, browser, sandbox }, async () => {
  await open();

  const frame = await fitMaximised('benchmark.lang.csv');
  await shot('fit');

  // the panel talks back: a target typed in it refits and the table follows
  const target = frame.locator('#target input');
  await target.fill('100x');
  await target.press('Enter');
  await frame.waitForFunction(() => [...document.querySelectorAll('th')].some((th) => th.textContent?.includes('100x')), null, { timeout: 120_000 });
  console.log('a target typed in the panel refitted it (table shows "Predicted at 100x")');

  // the other way round: where the loss gets to a value, asked in the panel's target field (the
  // Predict box takes the same question; the integration tests drive that one)
  await target.fill('when does the loss reach 0.336?');
  await target.press('Enter');
  await frame.waitForFunction(() => document.querySelector('.headline')?.textContent?.includes('the data'), null, { timeout: 120_000 });
  await sleep(1500);
  await shot('reach');

  await fitAlone('broken_run.csv', 1500);
  await shot('bnsl');

  await fitAlone('accuracy.csv', 1500);
  await shot('accuracy');

  // a per-step log of 44k noisy losses: thinned to bin medians over the bins' range
  await fitAlone(join(workspace, 'trajectories', 'llm360Mamba3B.csv'), 3000);
  await shot('perstep');

  // a sweep table: one curve per model size, side by side
  await fitAlone('size_sweep.csv', 3000);
  await shot('sweep');

  // runs of six sizes (OPT · 125m … 175b): against N, one curve per shared D
  await fitAlone(join(workspace, 'trajectories', 'opt_trajectories.csv'), 1500);
  const runsFrame = await panelFrame('table.compare');
  await runsFrame.evaluate(() => {
    const x = document.getElementById('x-column');
    x.value = 'params';
    x.dispatchEvent(new Event('change'));
  });
  // an overlay heads each curve's table with its name
  await runsFrame.waitForFunction(() => [...document.querySelectorAll('h3')].some((el) => el.textContent?.startsWith('D = ')), null, { timeout: 120_000 });
  await sleep(3000);
  await shot('across');

  // a run with its config: the config under the title, the forecast following the schedule it states
  await fitAlone(join(workspace, 'gpt-25m', 'metrics.csv'), 6000);
  await shot('config');

  // a reload restores the panel (webview state + WebviewPanelSerializer)
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await panelFrame('table.compare');
  console.log('panel restored after a window reload');
  await sleep(1000);

  // the plan of an IsoFLOP sweep with limited unique data: its fitted surface and the
  // data-constrained split, then its IsoFLOP profiles further down
  const planFrame = await planAlone('isoflop_sweep.csv', '1e22 with 50B unique tokens');
  await shot('plan');
  await planFrame.locator('#isoflop-chart').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await sleep(800);
  await shot('isoflop');

  // Compare Estimators: the back-test view (each law's error against how far it extrapolated)
  await runCommand('View: Close All Editors');
  await sleep(500);
  await openFile('benchmark.lang.csv');
  await runCommand('Scaling Lens: Compare Estimators');
  const compare = await panelFrame('table.backtest');
  await runCommand('View: Focus First Editor Group');
  await sleep(300);
  await runCommand('View: Close All Editors in Group');
  await sleep(1500);
  await compare.locator('#backtest h2').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await sleep(500);
  await shot('compare');

  // watching a log that grows: points first (the previous fit stays, marked stale), then the refit
  const log = join(workspace, 'live_train.csv');
  await watchAlone(log, 20);
  appendFileSync(log, trainRows(21, 400));
  const stale = await panelFrame('#status.stale');
  await shot('watch-stale');
  await stale.waitForFunction(() => document.getElementById('status')?.className !== 'stale', null, { timeout: 120_000 });
  await frameWithText('Watching', '→');
  await sleep(800);
  await shot('watch');
  await runCommand('Scaling Lens: Stop Watching');

  await runCommand('View: Close All Editors');
  await sleep(500);
  await runCommand('Scaling Lens: Run Benchmark');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(500);
  await page.keyboard.press('Enter'); // Language
  await panelFrame('#plan table.compare');
  await sleep(1500);
  await shot('benchmark');
}, () => shot('error'));
