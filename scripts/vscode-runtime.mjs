// A real VS Code for tests, screenshots and `npm start` on machines that reach only npm and Debian:
// code-server (VS Code 1.100.3 served to a browser) installed from npm into .vscode-test/, driven
// by Debian's chromium through playwright-core. README: Quick start and Development.
//
//   node scripts/vscode-runtime.mjs install   installs what is missing, with progress
//   import { ensureRuntime, startServer, launchBrowser } from './vscode-runtime.mjs'
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const RUNTIME_DIR = join(ROOT, '.vscode-test');
const CS_VERSION = '4.100.3';
const CS_DIR = join(RUNTIME_DIR, `code-server-${CS_VERSION}`);
export const CS_ENTRY = join(CS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const RG_CACHE_NAME = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';
const RG_CACHE_DIR_NAME = 'vscode-ripgrep-cache-1.15.11';

const log = (msg) => process.stderr.write(`[vscode-runtime] ${msg}\n`);

export function chromiumPath() {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function hasKrb5Headers() {
  return existsSync('/usr/include/gssapi/gssapi.h') || existsSync('/usr/include/krb5.h');
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Runs a command with its output streamed, as a visible step; throws when it fails. */
function step(title, cmd, args, opts = {}) {
  log(`${title}…`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status ?? r.signal}): ${cmd} ${args.join(' ')}`);
  log(`${title}: done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function ensureDebianPackages() {
  const missing = [];
  if (!chromiumPath()) missing.push('chromium');
  if (!hasKrb5Headers()) missing.push('libkrb5-dev');
  if (!hasCommand('rg')) missing.push('ripgrep');
  if (missing.length === 0) return;
  if (!isRoot() || !hasCommand('apt-get')) {
    throw new Error(
      `missing system packages: ${missing.join(' ')}.\n` +
        `Install them, e.g. "sudo apt-get install -y ${missing.join(' ')}", then run this again.`,
    );
  }
  step('apt-get update', 'apt-get', ['update']);
  step(`apt-get install ${missing.join(' ')} (chromium takes about 80 s)`, 'apt-get', ['install', '-y', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** @vscode/ripgrep's postinstall downloads from GitHub unless its cache holds the tarball: put Debian's rg there. */
function seedRipgrepCache(tmp) {
  const cache = join(tmp, RG_CACHE_DIR_NAME);
  mkdirSync(cache, { recursive: true });
  const tarball = join(cache, RG_CACHE_NAME);
  if (existsSync(tarball)) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const stage = mkdtempSync(join(tmp, 'rg-'));
  copyFileSync(rg, join(stage, 'rg'));
  spawnSync('chmod', ['+x', join(stage, 'rg')]);
  step('packing Debian ripgrep for @vscode/ripgrep', 'tar', ['-czf', tarball, '-C', stage, 'rg']);
}

function ensureCodeServer() {
  if (existsSync(CS_ENTRY)) return;
  mkdirSync(CS_DIR, { recursive: true });
  const tmp = join(RUNTIME_DIR, 'tmp');
  mkdirSync(tmp, { recursive: true });
  seedRipgrepCache(tmp);
  writeFileSync(join(CS_DIR, 'package.json'), JSON.stringify({ name: 'scaling-lens-vscode-runtime', private: true }, null, 2));
  step(
    `npm install code-server@${CS_VERSION} into ${CS_DIR} (about 1–2 min)`,
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=http', `code-server@${CS_VERSION}`],
    {
      cwd: CS_DIR,
      env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
    },
  );
  if (!existsSync(CS_ENTRY)) throw new Error(`code-server installed but ${CS_ENTRY} is missing`);
}

/** Installs whatever is missing (Debian packages when root, code-server into .vscode-test/). */
export function ensureRuntime() {
  ensureDebianPackages();
  ensureCodeServer();
  const chromium = chromiumPath();
  if (!chromium) throw new Error('chromium not found after install');
  return { entry: CS_ENTRY, chromium };
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** A scratch home for one code-server + chromium run, so nothing lands in /tmp or ~. */
export function makeSandbox(label, { fixed = false } = {}) {
  const base = join(RUNTIME_DIR, 'runs');
  mkdirSync(base, { recursive: true });
  const dir = fixed ? join(RUNTIME_DIR, label) : mkdtempSync(join(base, `${label}-`));
  for (const d of ['tmp', 'xdg-runtime', 'config', 'data', 'cache', 'ud', 'ext', 'chromium']) mkdirSync(join(dir, d), { recursive: true });
  return dir;
}

/**
 * Starts code-server detached in its own process group. Returns { url, port, stop() }; stop() kills
 * the whole group (killing only the PID orphans its file-watcher child).
 */
export async function startServer({ workspace, sandbox, extensionsDir, port, stdio = 'ignore', settings, keepSettings = false } = {}) {
  const p = port ?? (await freePort());
  const env = {
    ...process.env,
    TMPDIR: join(sandbox, 'tmp'),
    XDG_RUNTIME_DIR: join(sandbox, 'xdg-runtime'),
    XDG_CONFIG_HOME: join(sandbox, 'config'),
    XDG_DATA_HOME: join(sandbox, 'data'),
    // VS Code's device id and other caches go to ~/.cache unless told otherwise
    XDG_CACHE_HOME: join(sandbox, 'cache'),
  };
  const ud = join(sandbox, 'ud');
  mkdirSync(join(ud, 'User'), { recursive: true });
  const userSettings = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...settings,
  };
  const settingsFile = join(ud, 'User', 'settings.json');
  // a kept profile (npm start) keeps the user's own settings
  if (!(keepSettings && existsSync(settingsFile))) writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
  const args = [
    CS_ENTRY,
    '--bind-addr', `127.0.0.1:${p}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', ud,
    '--extensions-dir', extensionsDir ?? join(sandbox, 'ext'),
    workspace,
  ];
  const child = spawn(process.execPath, args, { env, detached: true, stdio });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error('code-server did not answer /healthz within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, port: p, child, stop };
}

/** The workbench URL with an Extension Development Host payload (and optionally a test index). */
export function workbenchUrl({ url, port, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${extensionDevelopmentPath}`]];
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${extensionTestsPath}`]);
  return `${url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser(sandbox, { headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium is not installed; run "node scripts/vscode-runtime.mjs install"');
  const args = [
    '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  ];
  if (isRoot()) args.push('--no-sandbox');
  const context = await chromium.launchPersistentContext(join(sandbox, 'chromium'), {
    executablePath,
    headless,
    args,
    // chromium keeps crash reports and caches under ~/.config and ~/.cache: keep them in the sandbox
    env: { ...process.env, HOME: sandbox, XDG_CONFIG_HOME: join(sandbox, 'config'), XDG_CACHE_HOME: join(sandbox, 'cache') },
    viewport: { width: 1400, height: 1000 },
  });
  // code-server's own PWA service worker claims the whole origin, webview frames included, and
  // the webview then waits forever for its own worker ("unexpected service worker controller").
  await context.route('**/_static/out/browser/serviceWorker.js', (route) => route.abort());
  return context;
}

/**
 * Makes the extension at `extensionPath` an installed extension of `extensionsDir` (a symlink
 * named publisher.name-version), so the workbench loads it like one installed from a .vsix.
 */
export function linkExtension(extensionsDir, extensionPath = ROOT) {
  const pkg = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const link = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(extensionsDir, { recursive: true });
  rmSync(link, { force: true, recursive: false });
  symlinkSync(extensionPath, link, 'dir');
  return link;
}

/** Waits until the workbench has applied its colour theme (settings load a few seconds after paint). */
/** `kind`: 'light', 'dark', or the workbench's own class for a High Contrast theme ('hc-black', 'hc-light'). */
export async function waitForTheme(page, kind, timeoutMs = 60_000) {
  const cls = kind === 'light' ? 'vs' : kind === 'dark' ? 'vs-dark' : kind;
  await page.waitForFunction((c) => document.querySelector('.monaco-workbench')?.classList.contains(c) && document.querySelector('.monaco-workbench')?.classList.contains('file-icons-enabled'), cls, { timeout: timeoutMs });
}

export function removeSandbox(dir) {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

export function packageJson() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2] ?? 'install';
  if (cmd !== 'install') {
    console.error('usage: node scripts/vscode-runtime.mjs install');
    process.exit(2);
  }
  try {
    const { entry, chromium } = ensureRuntime();
    console.log(`code-server: ${entry}\nchromium: ${chromium}`);
  } catch (err) {
    console.error(`[vscode-runtime] ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
