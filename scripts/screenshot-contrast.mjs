// The panel in VS Code's High Contrast themes (code-server + headless chromium), for looking at
// what is readable there: a fit (data/benchmark.lang.csv) with a control focused by Tab, an overlay
// of a size sweep, and the Plan view of an IsoFLOP sweep. Also walks the fit panel with Tab and
// prints each stop (what it is, its accessible name, its focus outline), so keyboard order can be
// read. PNGs go outside git (a temporary folder unless --out DIR), named <view>-<hc|hc-light>[-TAG].
//
//   node scripts/screenshot-contrast.mjs [--no-build] [--light] [--out DIR] [--tag before]
import { appendFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './vscode-runtime.mjs';
import { prepareShot, runShotScene, startShotWorkbench, trainRows, workbenchDriver, writeShotSweeps } from './workbenchDriver.mjs';

const argv = process.argv.slice(2);
const light = argv.includes('--light');
const arg = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const outDir = arg('--out') ?? join(tmpdir(), 'scaling-lens-contrast');
const tag = arg('--tag');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
mkdirSync(outDir, { recursive: true });

const { sandbox, workspace } = prepareShot(argv, 'hcshot');
cpSync(join(ROOT, 'data', 'benchmark.lang.csv'), join(workspace, 'benchmark.lang.csv'));
writeShotSweeps(workspace);

const { server, browser, page, open } = await startShotWorkbench({ sandbox, workspace, light, highContrast: true });
const { runCommand, openFile, panelFrame, fitMaximised, fitAlone, planAlone, watchAlone } = workbenchDriver(page);

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

await runShotScene({ server, browser, sandbox }, async () => {
  await open();
  const frame = await fitMaximised('benchmark.lang.csv');
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

  await fitAlone('size_sweep.csv', 3000);
  await shot('overlay');

  const planFrame = await planAlone('isoflop_sweep.csv', '1e22 with 50B unique tokens');
  await shot('plan');
  await planFrame.locator('#isoflop-chart').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await sleep(800);
  await shot('isoflop');

  // a watched log that grows three times: how often the headline is rebuilt, and how often a
  // screen reader is told something (the polite live region and #status, role=status)
  const log = join(workspace, 'live_train.csv');
  await watchAlone(log, 40);
  const watched = await panelFrame('table.compare');
  await watched.evaluate(() => {
    const counts = { headline: 0, announced: [], status: [] };
    window.__a11yCounts = counts;
    new MutationObserver(() => counts.headline++).observe(document.getElementById('prediction'), { childList: true });
    const live = document.getElementById('prediction-live');
    if (live) new MutationObserver(() => counts.announced.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    const status = document.getElementById('status');
    new MutationObserver(() => counts.status.push(`${status.getAttribute('aria-live') === 'off' ? '(not announced) ' : ''}${status.textContent}`)).observe(status, { childList: true });
  });
  for (const [from, to] of [[41, 80], [81, 120], [121, 160]]) {
    appendFileSync(log, trainRows(from, to));
    await sleep(8000);
  }
  const counts = await watched.evaluate(() => window.__a11yCounts);
  console.log(`watch, 3 appends: headline rebuilt ${counts.headline} times; live region said ${counts.announced.length}: ${JSON.stringify(counts.announced)}`);
  console.log(`#status changed ${counts.status.length} times: ${JSON.stringify(counts.status)}`);
  await runCommand('Scaling Lens: Stop Watching');
}, () => shot('error'));
