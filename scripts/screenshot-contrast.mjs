// The panel in VS Code's High Contrast themes (code-server + headless chromium), for looking at
// what is readable there: a fit (data/benchmark.lang.csv) with a control focused by Tab, an overlay
// of a size sweep, and the Plan view of an IsoFLOP sweep. Also walks the fit panel with Tab and
// prints each stop (what it is, its accessible name, its focus outline), so keyboard order can be
// read. PNGs go outside git (a temporary folder unless --out DIR), named <view>-<hc|hc-light>[-TAG].
//
//   node scripts/screenshot-contrast.mjs [--no-build] [--light] [--out DIR] [--tag before]
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, removeSandbox } from './vscode-runtime.mjs';
import { prepareShot, startShotWorkbench, workbenchDriver } from './workbenchDriver.mjs';

const argv = process.argv.slice(2);
const light = argv.includes('--light');
const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const outDir = arg('--out') ?? join(tmpdir(), 'scaling-lens-contrast');
const tag = arg('--tag');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
mkdirSync(outDir, { recursive: true });

const { sandbox, workspace } = prepareShot(argv, 'hcshot');
cpSync(join(ROOT, 'data', 'benchmark.lang.csv'), join(workspace, 'benchmark.lang.csv'));
{
  // the size sweep and IsoFLOP sweep screenshot.mjs draws (one curve per size; a plan with profiles)
  let csv = 'model,tokens,loss\n';
  [['pythia-160m', 160e6], ['pythia-410m', 410e6], ['pythia-1b', 1e9], ['pythia-2.8b', 2.8e9]].forEach(([name, n], k) => {
    for (const [j, d] of [2e9, 5e9, 1e10, 2e10, 5e10].entries()) {
      const y = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
      csv += `${name},${d / 1e9}B,${(y * (1 + 0.003 * Math.sin(7 * k + 3 * j))).toFixed(4)}\n`;
    }
  });
  writeFileSync(join(workspace, 'size_sweep.csv'), csv);
  csv = 'C,N,D,loss\n';
  let k = 0;
  for (const C of [6e18, 2e19, 6e19, 2e20, 6e20]) {
    const centre = 0.6 * Math.pow(C / 6, 0.46);
    for (let j = 0; j < 7; j++) {
      const N = centre * Math.pow(10, (j - 3) * 0.25 + 0.1 * Math.sin(k));
      const D = C / (6 * N);
      const y = 1.69 + 406.4 / Math.pow(N, 0.34) + 410.7 / Math.pow(D, 0.28);
      csv += `${C},${Math.round(N)},${Math.round(D)},${(y * (1 + 0.004 * Math.sin(k++ * 12.9898))).toFixed(4)}\n`;
    }
  }
  writeFileSync(join(workspace, 'isoflop_sweep.csv'), csv);
}

const { server, browser, page, open } = await startShotWorkbench({ sandbox, workspace, light, highContrast: true });
const { runCommand, openFile, panelFrame } = workbenchDriver(page);

async function shot(view) {
  const path = join(outDir, `${view}-${light ? 'hc-light' : 'hc'}${tag ? `-${tag}` : ''}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** The focused element inside the panel (through shadow roots), as "tag#id [name] outline". */
function focusStop() {
  let el = document.activeElement;
  const host = el;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return 'body';
  const name = host.getAttribute('aria-label') ?? host.getAttribute('title') ?? host.textContent?.trim().slice(0, 40) ?? '';
  const ring = (e) => {
    const s = getComputedStyle(e);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : '';
  };
  const role = host.getAttribute('role') ? ` role=${host.getAttribute('role')}` : '';
  return `${host.tagName.toLowerCase()}${host.id ? `#${host.id}` : ''}${role} "${name}" ${ring(el) || ring(host) || 'NO OUTLINE'}`;
}

let failed = false;
try {
  await open();
  await openFile('benchmark.lang.csv');
  await runCommand('Scaling Lens: Fit Learning Curve');
  const frame = await panelFrame('table.compare');
  await sleep(1500);
  await runCommand('View: Close Other Editors in Group');
  await sleep(300);
  await runCommand('View: Maximize Editor Group');
  await sleep(1500);
  await shot('fit');
  // Tab from the top of the panel: the order a keyboard user gets, and whether each stop shows it has focus
  await frame.locator('h1').click();
  const stops = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    await sleep(120);
    stops.push(await frame.evaluate(focusStop));
    // the target field, then the notice's button (a native one: Chromium's own ring unless the panel draws one)
    if (i === 2) await shot('fit-focus');
    if (stops[i].startsWith('button') && !stops.slice(0, i).some((s) => s.startsWith('button'))) await shot('fit-focus-button');
  }
  console.log(`Tab order:\n${stops.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`);
  console.log(`chart name: ${await frame.locator('#chart').getAttribute('aria-label')}`);
  console.log(`headline: ${await frame.locator('#prediction').innerText()}`);
  console.log(`announced (polite live region): ${await frame.locator('#prediction-live').textContent().catch(() => '(no live region)')}`);

  await runCommand('View: Close All Editors');
  await sleep(500);
  await openFile('size_sweep.csv');
  await runCommand('Scaling Lens: Fit Learning Curve');
  await panelFrame('table.compare');
  await sleep(1500);
  await runCommand('View: Focus First Editor Group');
  await sleep(300);
  await runCommand('View: Close All Editors in Group');
  await sleep(3000);
  await shot('overlay');

  await runCommand('View: Close All Editors');
  await sleep(500);
  await openFile('isoflop_sweep.csv');
  await sleep(1000);
  await runCommand('Scaling Lens: Plan Compute Budget…');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
  await sleep(500);
  await page.keyboard.type('Fit the sweep');
  await sleep(500);
  await page.keyboard.press('Enter');
  await sleep(500);
  await page.keyboard.type('1e22 with 50B unique tokens');
  await page.keyboard.press('Enter');
  const planFrame = await panelFrame('#isoflop-chart');
  await runCommand('View: Focus First Editor Group');
  await sleep(300);
  await runCommand('View: Close All Editors in Group');
  await sleep(2500);
  await shot('plan');
  await planFrame.locator('#isoflop-chart').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await sleep(800);
  await shot('isoflop');
} catch (err) {
  failed = true;
  console.error(`screenshot failed: ${err instanceof Error ? err.message : err}`);
  await shot('error').catch(() => {});
} finally {
  await browser.close().catch(() => {});
  server.stop();
  if (!failed) removeSandbox(sandbox);
}
process.exit(failed ? 1 : 0);
