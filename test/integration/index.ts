// Mocha index run inside the VS Code extension host (code-server here, @vscode/test-electron
// elsewhere): both call `run()`. Suites are bundled in and registered after mocha's TDD globals
// exist. Prints "[integration] N passed, N failed" for scripts/integration.mjs.
import Mocha from 'mocha';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerActivationTests } from './activation.suite';
import { registerCommandTests } from './commands.suite';
import { registerFitTests } from './fit.suite';
import { registerLiveTests } from './live.suite';
import { registerWatchTests } from './watch.suite';
import { registerScaleTests } from './scale.suite';
import { registerForecastExtrasTests } from './forecastExtras.suite';
import { registerForecastTests } from './forecast.suite';
import { registerSettingsTests } from './settings.suite';
import { registerPaletteTests } from './palette.suite';
import { registerLifecycleTests } from './lifecycle.suite';
import { registerWalkthroughTests } from './walkthrough.suite';

function grepPattern(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return undefined;
  const file = path.join(folder, '.it-grep');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined;
}

function registerAll(): void {
  registerActivationTests();
  registerFitTests();
  registerCommandTests();
  registerWatchTests();
  registerScaleTests();
  registerLiveTests();
  registerForecastExtrasTests();
  registerForecastTests();
  registerSettingsTests();
  registerPaletteTests();
  registerLifecycleTests();
  registerWalkthroughTests();
}

// Loaded as a test file by @vscode/test-cli (its mocha has already defined the TDD globals).
if (typeof (globalThis as { suite?: unknown }).suite === 'function') registerAll();

/** Loaded as extensionTestsPath (@vscode/test-electron's runTests, code-server): run our own mocha. */
export function run(): Promise<void> {
  const grep = grepPattern();
  // one retry: a UI test on a loaded 2-core machine can miss a webview load once; every retry is
  // printed with its first error, so a test that needs one stays visible
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, retries: 1, reporter: 'spec', ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'scaling-lens-integration', mocha);
  registerAll();
  return new Promise((resolve, reject) => {
    let retried = 0;
    const runner = mocha.run((failures) => {
      const stats = runner.stats;
      console.log(`[integration] ${stats?.passes ?? 0} passed, ${stats?.failures ?? failures} failed${retried ? ` (${retried} passed or failed on a retry)` : ''}`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_RETRY, (test: Mocha.Test, err: unknown) => {
      retried++;
      console.log(`[integration] retrying "${test.fullTitle()}" after: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
}
