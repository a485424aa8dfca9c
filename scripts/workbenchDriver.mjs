// Drives a code-server workbench page the way a person would (F1 + command title, Ctrl+P + file
// name) and finds the Scaling Lens panel's frame: shared by the screenshot scripts, with their
// common set-up (build unless --no-build, the runtime, a sandbox with an empty workspace).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT, ensureRuntime, launchBrowser, linkExtension, makeSandbox, removeSandbox, startServer, waitForTheme } from './vscode-runtime.mjs';

/** Builds (unless `--no-build` is in argv), installs the runtime, and makes a sandbox named `name`. */
export function prepareShot(argv, name) {
  if (!argv.includes('--no-build')) {
    const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) process.exit(1);
  }
  ensureRuntime();
  const sandbox = makeSandbox(name);
  const workspace = join(sandbox, 'workspace');
  mkdirSync(workspace, { recursive: true });
  return { sandbox, workspace };
}

/**
 * Two sweeps the screenshots draw, written into `workspace`: size_sweep.csv (four model sizes as
 * people write them, one curve per size) and isoflop_sweep.csv (5 budgets × 7 sizes on the
 * published surface, 0.4% noise: a plan with its IsoFLOP profiles).
 */
export function writeShotSweeps(workspace) {
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

/** Rows `from`…`to` of a training log that a watch screenshot appends to (step, tokens, val_loss). */
export function trainRows(from, to) {
  let out = '';
  for (let step = from; step <= to; step++) out += `${step},${step * 4e6},${(2.1 + 14 * Math.pow(step * 4e6, -0.15) * (1 + 0.01 * Math.sin(step))).toFixed(5)}\n`;
  return out;
}

/**
 * The extension installed in the sandbox the way a user has it (not an Extension Development Host,
 * which ignores user settings), code-server on `workspace` with a dark or light theme and `settings`,
 * and a browser page. `open()` loads the workbench and waits until its theme and contributions are in.
 */
export async function startShotWorkbench({ sandbox, workspace, light, highContrast, settings = {} }) {
  // a High Contrast theme by name and the workbench class it sets (screenshot-contrast.mjs)
  const hc = highContrast ? (light ? { theme: 'Default High Contrast Light', cls: 'hc-light' } : { theme: 'Default High Contrast', cls: 'hc-black' }) : undefined;
  linkExtension(join(sandbox, 'ext'));
  const server = await startServer({
    workspace,
    sandbox,
    settings: {
      'workbench.colorTheme': hc?.theme ?? (light ? 'Default Light Modern' : 'Default Dark Modern'),
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      ...settings,
    },
  });
  const browser = await launchBrowser(sandbox);
  const page = browser.pages()[0] ?? (await browser.newPage());
  async function open() {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await waitForTheme(page, hc?.cls ?? (light ? 'light' : 'dark'));
    // contributions register a few seconds after the workbench paints
    await sleep(2000);
    await page.keyboard.press('Escape');
  }
  return { server, browser, page, open };
}

/**
 * Runs a screenshot script's `scene` and exits with its outcome: on a failure it says why and calls
 * `onError` (an error shot); the browser and server stop either way, and the sandbox is removed only
 * when all went well (a failed one is kept to look into).
 */
export async function runShotScene({ server, browser, sandbox }, scene, onError) {
  let failed = false;
  try {
    await scene();
  } catch (err) {
    failed = true;
    console.error(`screenshot failed: ${err instanceof Error ? err.message : err}`);
    await onError().catch(() => {});
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    if (!failed) removeSandbox(sandbox);
  }
  process.exit(failed ? 1 : 0);
}

/** @param {import('playwright-core').Page} page */
export function workbenchDriver(page) {
  const quickInput = () => page.locator('.quick-input-widget input');

  /** Runs a palette command; `then`, when given, is typed into the input box it opens. */
  async function runCommand(title, then) {
    const input = quickInput();
    // a webview that has just taken focus can swallow F1 while it loads: try again from the workbench
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await page.keyboard.press('Escape');
        await page.locator('.statusbar').click({ position: { x: 2, y: 2 } }).catch(() => undefined);
        await sleep(500);
      }
    }
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await sleep(300);
    await page.keyboard.press('Enter');
    if (then !== undefined) {
      await sleep(800);
      await input.fill(then);
      await sleep(300);
      await page.keyboard.press('Enter');
    }
  }

  /**
   * Opens a file with Quick Open (Ctrl+P): a name from the workspace's file index, or an absolute
   * path — a file written after the index was built is not in it, but Quick Open resolves an
   * absolute path on disk directly.
   */
  async function openFile(nameOrPath) {
    await page.keyboard.press('Control+P');
    const input = quickInput();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(nameOrPath);
    const base = nameOrPath.split(/[\\/]/).pop();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: base }).first().waitFor({ timeout: 10_000 });
    await sleep(400);
    await page.keyboard.press('Enter');
    await sleep(1500);
  }

  /** The panel's content frame, once `selector` is in it. */
  async function panelFrame(selector, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of page.frames()) {
        if (!frame.url().includes('fake.html') && !(await frame.$('#app').catch(() => null))) continue;
        const ok = await frame.$(selector).catch(() => null);
        if (ok) return frame;
      }
      if (Date.now() > deadline) throw new Error(`the panel did not show ${selector} within ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  }

  /** Fit Learning Curve on `file`, its panel given the whole editor area; the panel's frame. */
  async function fitMaximised(file) {
    await openFile(file);
    await runCommand('Scaling Lens: Fit Learning Curve');
    const frame = await panelFrame('table.compare');
    await sleep(1500);
    await runCommand('View: Close Other Editors in Group');
    await sleep(300);
    await runCommand('View: Maximize Editor Group');
    await sleep(1500);
    return frame;
  }

  /** A fresh editor area with only the panel of `file` (Fit Learning Curve, then the file's group closed). */
  async function fitAlone(file, settleMs) {
    await runCommand('View: Close All Editors');
    await sleep(500);
    await openFile(file);
    await runCommand('Scaling Lens: Fit Learning Curve');
    await panelFrame('table.compare');
    await sleep(1500);
    await runCommand('View: Focus First Editor Group');
    await sleep(300);
    await runCommand('View: Close All Editors in Group');
    await sleep(settleMs);
  }

  /** Plan Compute Budget on the sweep `file` at `budget` ("1e22 with 50B unique tokens"), alone in the editor area; its frame. */
  async function planAlone(file, budget) {
    await runCommand('View: Close All Editors');
    await sleep(500);
    await openFile(file);
    await sleep(1000);
    await runCommand('Scaling Lens: Plan Compute Budget…');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(500);
    await page.keyboard.type('Fit the sweep');
    await sleep(500);
    await page.keyboard.press('Enter');
    await sleep(500);
    await page.keyboard.type(budget);
    await page.keyboard.press('Enter');
    const frame = await panelFrame('#isoflop-chart');
    await runCommand('View: Focus First Editor Group');
    await sleep(300);
    await runCommand('View: Close All Editors in Group');
    await sleep(2500);
    return frame;
  }

  /** Writes the log `path` with `first` rows (trainRows), watches it, and leaves its panel alone in the editor area. */
  async function watchAlone(path, first) {
    await runCommand('View: Close All Editors');
    await sleep(500);
    writeFileSync(path, `step,tokens,val_loss\n${trainRows(1, first)}`);
    // by its absolute path: a file written just now is not in Quick Open's index yet
    await openFile(path);
    await runCommand('Scaling Lens: Watch Training Log');
    await page.locator('.statusbar-item', { hasText: '→' }).waitFor({ timeout: 120_000 });
    await runCommand('View: Focus First Editor Group');
    await sleep(300);
    await runCommand('View: Close All Editors in Group');
    await sleep(1500);
  }

  return { runCommand, openFile, panelFrame, fitMaximised, fitAlone, planAlone, watchAlone };
}
