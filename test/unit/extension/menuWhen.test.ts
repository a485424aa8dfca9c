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

test("a Hugging Face checkpoint folder's and an ML repository's files that are no log are left out; the logs beside them are not", () => {
  // an output_dir holds trainer_state.json (a log) beside the model's and tokenizer's files
  const notLogs = ['config.json', 'generation_config.json', 'preprocessor_config.json', 'adapter_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'added_tokens.json', 'vocab.json', 'model.safetensors.index.json', 'pytorch_model.bin.index.json', 'merges.txt', 'vocab.txt', 'requirements.txt', 'requirements-dev.txt', 'constraints.txt', 'LICENSE.txt', 'CMakeLists.txt'];
  const logs = ['trainer_state.json', 'all_results.json', 'train_results.json', 'metrics.json', 'log.txt', 'train_log.txt', 'output.txt', 'notes.txt', 'run_config.json.log', 'config.jsonl', 'events.json'];
  for (const m of fileMenus) {
    const re = excluded(m.when!, 'resourceFilename');
    for (const name of notLogs) assert.ok(re.test(name), `${m.where} ${m.command}: ${name}`);
    for (const name of logs) assert.ok(!re.test(name), `${m.where} ${m.command}: ${name}`);
  }
});
