// One esbuild script for every bundle: extension host, CLI, fit worker, webview, integration tests.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const node = { platform: 'node', target: 'node20', format: 'cjs', bundle: true, sourcemap: !minify, minify };
const bundles = [
  { ...node, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...node, entryPoints: ['src/extension/fitWorker.ts'], outfile: 'dist/fitWorker.js' },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { platform: 'browser', target: 'es2022', format: 'iife', bundle: true, sourcemap: !minify, minify,
    entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
  { ...node, entryPoints: ['test/integration/index.ts'], outfile: 'dist/test/integration.js', external: ['vscode', 'mocha'] },
].filter((b) => existsSync(b.entryPoints[0]));

// sql.js's SQLite engine is loaded from disk beside the bundles (dist/cli.js, dist/extension.js)
// at run time; esbuild bundles only its JS.
function copyAssets() {
  mkdirSync('dist', { recursive: true });
  copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
}

const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

copyAssets();
if (watch) {
  for (const b of bundles) {
    const ctx = await esbuild.context({ ...b, plugins: [problemMatcher] });
    await ctx.watch();
  }
  console.log(`watching ${bundles.length} bundles`);
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...b, logLevel: 'warning' })));
}
