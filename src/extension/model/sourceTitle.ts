// The panel's title for a file or folder: its name, with its folder when the name says nothing of
// the run (ten Lightning runs are ten tabs called "metrics.csv" otherwise).
import { baseName, dirName, isGenericLogName } from '../../ingest/model/keys';

export function sourceTitle(fsPath: string): string {
  const base = baseName(fsPath);
  const parent = baseName(dirName(fsPath));
  return isGenericLogName(base) && parent ? `${parent}/${base}` : base;
}
