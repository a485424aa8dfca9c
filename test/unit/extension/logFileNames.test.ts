// Fit / Watch / Compare / Predict from the palette with main.ts focused read main.ts as a log and
// failed ("found no learning curve in main.ts") or, for Watch, watched it; they now use the
// active file only when its name is one the menus offer Fit on, and ask for a file otherwise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LOG_EXTENSIONS, MLFLOW_METRIC_FILE, NOT_LOGS, looksLikeTrainingLog } from '../../../src/extension/logFileNames';

test('training-log names are recognised, source files are not', () => {
  for (const f of ['/r/train.csv', '/r/metrics.JSONL', '/r/out.log', '/r/events.out.tfevents.1700000000.host', '/r/mlflow.db', '/r/run.wandb', '/r/notes.txt']) assert.equal(looksLikeTrainingLog(f), true, f);
  for (const f of ['/r/main.ts', '/r/README.md', '/r/model.py', '/r/other.db', '/r/csv', '/r/package.json', '/r/.vscode/settings.json']) assert.equal(looksLikeTrainingLog(f), false, f);
});

test('an MLflow metric file is recognised by its path (it has no extension); a file named like one elsewhere is not', () => {
  for (const f of ['/r/mlruns/0/3f2a/metrics/loss', '/r/mlruns/12/abc/metrics/train/loss', 'C:\\r\\mlruns\\0\\abc\\metrics\\val_loss']) assert.equal(looksLikeTrainingLog(f), true, f);
  for (const f of ['/r/mlruns/0/3f2a/params/lr', '/r/metrics/loss', '/r/mlruns/0/metrics']) assert.equal(looksLikeTrainingLog(f), false, f);
});

test('the names are the ones the Fit menus offer (package.json when-clauses)', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
  const fitMenu = manifest.contributes.menus['editor/title']!.find((m) => m.command === 'scalingLens.fit')!;
  const exts = /resourceExtname =~ \/\^\\\.\(([^)]*)\)\$\//.exec(fitMenu.when!)?.[1]?.split('|');
  assert.deepEqual(exts, [...LOG_EXTENSIONS]);
  assert.match(fitMenu.when!, /resourceFilename =~ \/tfevents\//);
  assert.match(fitMenu.when!, /resourceFilename =~ \/\^mlflow\.\*\\\.db\$\//);
  assert.ok(fitMenu.when!.includes(`resourcePath =~ ${String(MLFLOW_METRIC_FILE)}`), 'the menus offer MLflow metric files by the same path');
  assert.ok(fitMenu.when!.includes(`!(resourceFilename =~ ${String(NOT_LOGS)})`), 'the menus leave out the same names');
});
