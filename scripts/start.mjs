// `npm start`: build, make sure code-server is installed (first use installs it, with progress),
// start it on 127.0.0.1 with a free port and the data/ folder open, Scaling Lens installed (linked
// to this checkout), print the URL and run until Ctrl-C.
//
//   npm start [-- --port 8080] [-- --folder some/dir]
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ROOT, ensureRuntime, linkExtension, makeSandbox, startServer } from './vscode-runtime.mjs';

const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const port = opt('--port') ? Number(opt('--port')) : undefined;
const folder = resolve(opt('--folder') ?? join(ROOT, 'data'));

console.log('Scaling Lens: building…');
const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

try {
  ensureRuntime();
} catch (err) {
  console.error(`Scaling Lens: cannot start VS Code: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

// one kept profile, so settings and open editors survive restarts
const profile = makeSandbox('start-profile', { fixed: true });
linkExtension(join(profile, 'ext'));
const server = await startServer({
  workspace: folder,
  sandbox: profile,
  port,
  keepSettings: true,
  stdio: ['ignore', 'ignore', 'inherit'],
  settings: { 'workbench.colorTheme': 'Default Dark Modern' },
});

const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
console.log(`\nScaling Lens is running in VS Code (code-server) at:\n\n  ${url}\n`);
console.log('Right-click a CSV in the Explorer → "Scaling Lens: Fit Learning Curve", or press F1 and type "Scaling Lens".');
console.log('Press Ctrl-C to stop.');

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  server.stop();
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server exited (code ${code})`);
    process.exit(code ?? 1);
  }
});
