// An MLflow file-store run's meta.yaml: the name the UI shows, and whether the run was deleted.
// mlflow.delete_run (and the UI's delete) only sets `lifecycle_stage: deleted` there, leaving the
// run's folder and metrics in place until `mlflow gc`: the UI no longer lists it, so neither do we
// (the SQLite store reader skips such runs too).
import { readFile } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';

export interface MlflowRunMeta {
  readonly name: string;
  readonly deleted: boolean;
}

function field(line: string, key: string): string | undefined {
  if (!line.startsWith(`${key}:`)) return undefined;
  return line.slice(key.length + 1).trim().replace(/^['"]|['"]$/g, '');
}

export async function mlflowRunMeta(runDir: string): Promise<MlflowRunMeta> {
  let name = '';
  let deleted = false;
  try {
    const meta = await readFile(join(runDir, 'meta.yaml'), 'utf8');
    for (const line of meta.split(/\r?\n/)) {
      name = field(line, 'run_name') ?? name;
      if (field(line, 'lifecycle_stage') === 'deleted') deleted = true;
    }
  } catch {
    // no meta.yaml: the run's tag, else the run id, is the name
  }
  // older MLflow writes the name only as the run's mlflow.runName tag (a file holding the value)
  if (!name) name = await readFile(join(runDir, 'tags', 'mlflow.runName'), 'utf8').then((t) => t.trim(), () => '');
  return { name: name || basename(runDir), deleted };
}

/** The run folder of an MLflow metric file (<run>/metrics/<key…>), or undefined. */
export function mlflowRunDir(p: string): string | undefined {
  const norm = p.split(sep).join('/');
  const i = norm.lastIndexOf('/metrics/');
  return i >= 0 ? norm.slice(0, i) : undefined;
}

/**
 * The name the MLflow UI shows for the run of one metric file opened on its own (its meta.yaml's
 * run_name, else the run id), as a folder of runs names it; undefined outside a run's metrics/.
 */
export async function mlflowRunNameOf(metricFile: string): Promise<string | undefined> {
  const runDir = mlflowRunDir(metricFile);
  return runDir === undefined ? undefined : (await mlflowRunMeta(runDir)).name;
}
