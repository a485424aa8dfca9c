// An MLflow file-store run's meta.yaml: the name the UI shows, and whether the run was deleted.
// mlflow.delete_run (and the UI's delete) only sets `lifecycle_stage: deleted` there, leaving the
// run's folder and metrics in place until `mlflow gc`: the UI no longer lists it, so neither do we
// (the SQLite store reader skips such runs too).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

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
    // no meta.yaml: the run id is the name
  }
  return { name: name || basename(runDir), deleted };
}
