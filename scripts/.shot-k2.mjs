// ad-hoc (not committed): the panel on K2.csv and the sizes sweep
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launchBrowser, linkExtension, startServer, waitForTheme } from './vscode-runtime.mjs';
import { prepareShot, workbenchDriver } from './workbenchDriver.mjs';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const { sandbox, workspace } = prepareShot(process.argv.slice(2), 'shotk2');
cpSync(join(ROOT, 'data', 'trajectories', 'K2.csv'), join(workspace, 'K2.csv'));
cpSync('/tmp/ux/sweep_sizes.csv', join(workspace, 'sweep_sizes.csv'));
cpSync('/tmp/ux/epoch_like.csv', join(workspace, 'epoch_like.csv'));
linkExtension(join(sandbox, 'ext'));
const server = await startServer({ workspace, sandbox, settings: { 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false } });
const browser = await launchBrowser(sandbox);
const page = browser.pages()[0] ?? (await browser.newPage());
const { runCommand, openFile, panelFrame } = workbenchDriver(page);
try {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await waitForTheme(page, 'dark');
  await sleep(2000);
  await page.keyboard.press('Escape');
  for (const f of ['epoch_like.csv']) {
    await runCommand('View: Close All Editors');
    await sleep(500);
    await openFile(f);
    await runCommand('Scaling Lens: Fit Learning Curve');
    await panelFrame('table.compare').catch((e) => console.log(f, 'no compare table', e.message));
    await sleep(4000);
    await runCommand('View: Close Other Editors in Group');
    await runCommand('View: Maximize Editor Group');
    await sleep(1500);
    await page.screenshot({ path: `/tmp/ux/shot-${f}.png` });
    console.log('saved', f);
  }
} finally {
  await browser.close().catch(() => {});
  server.stop?.();
  process.exit(0);
}
