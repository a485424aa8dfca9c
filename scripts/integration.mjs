// Runs the integration suite (test/integration → dist/test/integration.js) inside a real VS Code
// extension host: code-server serves the workbench, headless chromium drives it, and the
// workbench's extensionTestsPath payload makes the extension host run our mocha index exactly
// as @vscode/test-electron would. Prints the extension host log and ends with
// "N passed, N failed"; exits non-zero on failure.
//
//   node scripts/integration.mjs [--grep <pattern>] [--no-build]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import {
  ROOT, ensureRuntime, launchBrowser, makeSandbox, removeSandbox, startServer, workbenchUrl,
} from './vscode-runtime.mjs';

// 45 tests took 241 s on a 2-core machine at load 8 (other jobs running): room for that
const TIMEOUT_MS = Number(process.env.SCALING_LENS_IT_TIMEOUT_MS ?? 420_000);
const argv = process.argv.slice(2);
const grepAt = argv.indexOf('--grep');
const grep = grepAt >= 0 ? argv[grepAt + 1] : undefined;

function finish(passed, failed, code) {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

if (!argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) finish(0, 1, 1);
}
const testIndex = join(ROOT, 'dist', 'test', 'integration.js');
if (!existsSync(testIndex)) {
  console.error('dist/test/integration.js is missing (test/integration/index.ts not built)');
  finish(0, 1, 1);
}

try {
  ensureRuntime();
} catch (err) {
  console.error(`cannot run the integration suite: ${err instanceof Error ? err.message : err}`);
  finish(0, 1, 1);
}

const sandbox = makeSandbox('it');
// The tests write (append to a watched log, export files) only inside this copy.
const workspace = join(sandbox, 'workspace');
mkdirSync(workspace, { recursive: true });
cpSync(join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
// an MLflow SQLite store (binary; kept once, beside its generator)
cpSync(join(ROOT, 'test', 'fixtures', 'mlflow-sqlite', 'mlflow.db'), join(workspace, 'mlflow.db'));

let server;
let browser;
let exitCode = 1;
let summary;
const started = Date.now();
try {
  server = await startServer({
    workspace,
    sandbox,
    // The scratch folder is where the tests may write; the index reads these.
  });
  browser = await launchBrowser(sandbox);
  const page = browser.pages()[0] ?? (await browser.newPage());
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // console.log arguments, printf-style like Node's console
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      if (/open-vsx\.org|^\s+at (async )?\S+ \(.*workbench\.js/.test(line)) continue; // no gallery offline: noise
      process.stdout.write(`  ${line}\n`);
      const m = /^\s*\[integration\] (\d+) passed, (\d+) failed/.exec(line);
      if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
    }
  });
  // the panel's own console (webview frames): errors and CSP violations show up here
  page.on('console', (msg) => {
    const url = msg.location()?.url ?? '';
    const ours = (msg.type() === 'error' || msg.type() === 'warning') && /webview|vscode-cdn|vscode-resource/.test(url + msg.text());
    if (process.env.SCALING_LENS_IT_DEBUG || (ours && !/allow-scripts and allow-same-origin/.test(msg.text()))) {
      process.stdout.write(`  [webview ${msg.type()}] ${msg.text()}${url ? ` (${url})` : ''}\n`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  const url = workbenchUrl({
    url: server.url,
    port: server.port,
    workspace,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: testIndex,
  });
  // The test index reads its options from the workspace: a grep pattern, when given.
  if (grep) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(workspace, '.it-grep'), grep);
  }
  console.log(`code-server ${server.url}, running ${testIndex}`);
  await page.goto(url);
  const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS));
  const result = await Promise.race([exited, timeout]);
  if (result === 'timeout') {
    console.error(`integration suite did not finish within ${TIMEOUT_MS / 1000} s`);
    await page.screenshot({ path: join(ROOT, '.vscode-test', 'integration-timeout.png') }).catch(() => {});
    exitCode = 1;
  } else {
    exitCode = result;
  }
} catch (err) {
  console.error(`integration run failed: ${err instanceof Error ? err.stack : err}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
  if (exitCode === 0) removeSandbox(sandbox);
  else console.error(`kept the run folder for inspection: ${sandbox}`);
}
console.error(`integration suite took ${Math.round((Date.now() - started) / 1000)} s`);
const passed = summary?.passed ?? 0;
const failed = summary ? summary.failed + (exitCode !== 0 && summary.failed === 0 ? 1 : 0) : exitCode === 0 ? 0 : 1;
finish(passed, failed, exitCode === 0 && failed === 0 ? 0 : 1);
