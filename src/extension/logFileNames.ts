// Which files look like training logs to the commands run from the palette: the names the
// explorer and editor-title menus offer Fit on (package.json's when-clauses; an MLflow metric file
// by its path). A palette command uses the active editor's file only when it is one of these; a
// source file focused (main.ts, README.md) is not read as a log, the user is asked for one instead.
import * as path from 'node:path';

export const LOG_EXTENSIONS = ['csv', 'tsv', 'json', 'jsonl', 'log', 'txt', 'wandb'] as const;

/**
 * Tool folders, well-known config JSON, and the files beside a log in an ML repository or a Hugging
 * Face checkpoint folder that are no log (model and tokenizer configs, vocabularies, requirements),
 * which the menus leave out too.
 */
export const NOT_LOGS = /^(node_modules|\.git|\.vscode|(package(-lock)?|tsconfig.*|jsconfig.*|composer|settings|launch|tasks|extensions|keybindings|devcontainer|\.eslintrc|\.prettierrc|\.babelrc|lerna|nx|turbo|vercel|renovate|deno|config|generation_config|preprocessor_config|adapter_config|tokenizer(_config)?|special_tokens_map|added_tokens|vocab|.*\.index)\.json|(requirements.*|constraints|LICENSE|NOTICE|CMakeLists|merges|vocab)\.txt)$/;

/** An MLflow FileStore metric file, mlruns/<experiment>/<run>/metrics/<key>: no extension to go by. */
export const MLFLOW_METRIC_FILE = /[\\/]mlruns[\\/][^\\/]+[\\/][^\\/]+[\\/]metrics[\\/]/;

export function looksLikeTrainingLog(file: string): boolean {
  const name = path.basename(file);
  const ext = path.extname(name).slice(1).toLowerCase();
  if (NOT_LOGS.test(name)) return false;
  return (LOG_EXTENSIONS as readonly string[]).includes(ext) || /tfevents/.test(name) || /^mlflow.*\.db$/.test(name) || MLFLOW_METRIC_FILE.test(file);
}
