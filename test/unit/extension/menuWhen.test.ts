// The Fit / Watch / Compare menu items (and Fit's icon on the editor title bar) showed on every
// .json file, package.json and tsconfig.json included, and on every folder, node_modules and .git
// included. The when-clauses now leave out well-known config JSON and those tool folders; run logs
// (metrics.json, trainer_state.json, …) and run folders keep them. Checked with the clauses' own regexes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

interface MenuItem { command: string; when?: string }
const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { menus: Record<string, MenuItem[]> } };
const fileMenus = Object.entries(manifest.contributes.menus)
  .filter(([where]) => where !== 'commandPalette')
  .flatMap(([where, items]) => items.filter((m) => m.command !== 'scalingLens.export').map((m) => ({ where, ...m })));

/** The regex literal after `key =~` inside a `!(…)` group of `when`. */
function excluded(when: string, key: string): RegExp {
  const m = new RegExp(`!\\(${key} =~ /(.*?)/\\)`).exec(when);
  assert.ok(m, `no !(${key} =~ /…/) in: ${when}`);
  return new RegExp(m[1]!);
}

test('config JSON files are left out of every Scaling Lens file menu; run logs are not', () => {
  for (const m of fileMenus) {
    const re = excluded(m.when!, 'resourceFilename');
    for (const name of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'jsconfig.json', 'settings.json', 'launch.json', 'tasks.json', 'extensions.json', 'devcontainer.json', '.eslintrc.json', 'composer.json']) assert.ok(re.test(name), `${m.where} ${m.command}: ${name}`);
    for (const name of ['metrics.json', 'trainer_state.json', 'results.json', 'train.jsonl', 'events.json']) assert.ok(!re.test(name), `${m.where} ${m.command}: ${name}`);
  }
});

test('the node_modules, .git and .vscode folders are left out', () => {
  for (const m of fileMenus) {
    const re = excluded(m.when!, 'resourceFilename');
    for (const name of ['node_modules', '.git', '.vscode']) assert.ok(re.test(name), `${m.where} ${m.command}: ${name}`);
    for (const name of ['runs', 'lightning_logs', 'node_modules_backup', 'my.git']) assert.ok(!re.test(name), `${m.where} ${m.command}: ${name}`);
  }
});
