// The Getting Started walkthrough in a real VS Code (code-server + headless chromium), the
// extension installed as a user has it: the palette lists the commands in English (package.nls.json
// resolved, no "%key%"), Welcome: Open Walkthrough… opens "Get Started with Scaling Lens", its
// "Fit the Bundled Sample" button opens the panel and ticks the step. Prints what the page shows,
// exits non-zero when one of these fails, and saves the window as PNGs (not committed).
//
//   node scripts/screenshot-walkthrough.mjs [--no-build] [--light] [--out DIR]   (default DIR: .vscode-test)
import { join } from 'node:path';
import { ROOT, removeSandbox } from './vscode-runtime.mjs';
import { prepareShot, startShotWorkbench, workbenchDriver } from './workbenchDriver.mjs';

const argv = process.argv.slice(2);
const light = argv.includes('--light');
const outAt = argv.indexOf('--out');
const outDir = outAt >= 0 ? argv[outAt + 1] : join(ROOT, '.vscode-test');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { sandbox, workspace } = prepareShot(argv, 'wshot');
const { server, browser, page, open } = await startShotWorkbench({ sandbox, workspace, light, settings: { 'workbench.startupEditor': 'none' } });
const { runCommand, panelFrame } = workbenchDriver(page);
const problems = [];

async function shot(name) {
  const path = join(outDir, `walkthrough-${name}${light ? '-light' : ''}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** The step rows of the open walkthrough: title, and whether VS Code shows it done. */
async function steps() {
  return page.locator('.getting-started-step').evaluateAll((rows) =>
    rows.map((r) => ({ title: r.querySelector('.step-title')?.textContent?.trim() ?? '', done: r.querySelector('[data-done-step-id]')?.getAttribute('aria-checked') === 'true' })),
  );
}

let failed = false;
try {
  await open();

  // the palette as a user sees it
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Scaling Lens:');
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
  await sleep(800);
  const rows = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
  console.log(`palette (${rows.length} rows): ${rows.join(' | ')}`);
  if (!rows.includes('Scaling Lens: Fit Learning Curve')) problems.push('the palette has no "Scaling Lens: Fit Learning Curve"');
  if (rows.some((r) => r.includes('%'))) problems.push(`a palette title is a raw %key%: ${rows.filter((r) => r.includes('%')).join(', ')}`);
  if (rows.includes('Scaling Lens: Fit the Bundled Sample')) problems.push('Fit the Bundled Sample is in the palette (it is the walkthrough\'s button only)');
  await page.keyboard.press('Escape');

  await runCommand('Welcome: Open Walkthrough...', 'Get Started with Scaling Lens');
  await page.locator('.getting-started-step').first().waitFor({ timeout: 20_000 });
  await sleep(2500);
  const heading = (await page.locator('.gettingStartedSlideDetails .category-title').first().textContent().catch(() => ''))?.trim();
  const tab = (await page.locator('.tabs-container .tab.active .label-name').first().textContent().catch(() => ''))?.trim();
  console.log(`tab: ${tab}\nheading: ${heading}`);
  console.log(`steps: ${JSON.stringify(await steps())}`);
  if (heading !== 'Get Started with Scaling Lens') problems.push(`the walkthrough's heading is "${heading}"`);
  await shot('page');
  // each step opened in turn, as a user reads them
  const titles = (await steps()).map((s) => s.title);
  for (const [i, title] of titles.entries()) {
    await page.locator('.getting-started-step .step-title', { hasText: title }).click();
    await sleep(1200);
    const text = await page.locator('.getting-started-step.expanded .step-description-container').first().innerText().catch(() => '');
    console.log(`step ${i + 1} "${title}": ${text.replace(/\s+/g, ' ')}`);
    if (/`|%\w/.test(text)) problems.push(`step ${i + 1} shows markup or a key as typed: ${text}`);
    if (i > 0) await shot(`step${i + 1}`);
  }
  await page.locator('.getting-started-step .step-title', { hasText: titles[0] }).click();
  await sleep(1000);
  // the first step's sample button, as a user clicks it
  const button = page.locator('.getting-started-step.expanded a, .getting-started-step.expanded .button-link', { hasText: 'Fit the Bundled Sample' }).first();
  await button.click({ timeout: 10_000 });
  await panelFrame('table.compare', 120_000);
  await sleep(1500);
  await shot('sample');
  await runCommand('View: Focus First Editor Group');
  await sleep(500);
  const after = await steps();
  console.log(`after the sample: ${JSON.stringify(after)}`);
  if (!after[0]?.done) problems.push('the first step was not ticked after Fit the Bundled Sample');
} catch (err) {
  problems.push(err instanceof Error ? err.message : String(err));
  await shot('error').catch(() => {});
} finally {
  await browser.close().catch(() => {});
  server.stop();
  failed = problems.length > 0;
  for (const p of problems) console.error(`walkthrough check failed: ${p}`);
  if (!failed) removeSandbox(sandbox);
}
process.exit(failed ? 1 : 0);
