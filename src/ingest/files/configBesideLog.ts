// The config of a log opened by itself (not as part of a folder): the same rule as a folder's read,
// a config in a folder that holds other logs too describes none of them.
import { dirname } from 'node:path';
import type { FormatId } from '../model/model';
import { hasSiblingLogs } from './discover';
import { readRunConfig, type RunConfig } from './runConfigFiles';

export async function configBesideLog(path: string, format: FormatId): Promise<RunConfig> {
  const read = await readRunConfig(path, format);
  if (read.meta && read.file && dirname(read.file) === dirname(path) && (await hasSiblingLogs(path))) return { warnings: read.warnings };
  return read;
}
