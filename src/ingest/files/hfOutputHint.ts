// A trainer_state.json opened by itself is its checkpoint's history only. When the Trainer also
// wrote TensorBoard logs in its output folder, those run past the checkpoint: say so, and that
// opening the folder reads both as one run.
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FormatId, IngestWarning } from '../model/model';
import { isCheckpointDir } from './discover';

async function hasEventFiles(dir: string, depth: number): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) if (e.isFile() && e.name.includes('tfevents')) return true;
  if (depth === 0) return false;
  for (const e of entries) if (e.isDirectory() && (await hasEventFiles(join(dir, e.name), depth - 1))) return true;
  return false;
}

export async function hfOutputHint(path: string, format: FormatId): Promise<IngestWarning | undefined> {
  if (format !== 'hf-trainer-state') return undefined;
  const outputDir = isCheckpointDir(basename(dirname(path))) !== undefined ? dirname(dirname(path)) : dirname(path);
  if (!(await hasEventFiles(join(outputDir, 'runs'), 1))) return undefined;
  return { file: path, message: `the Trainer's TensorBoard logs in ${join(outputDir, 'runs')} hold this run too, up to its latest logged step (a checkpoint's state stops at the checkpoint): open the output folder ${outputDir} to read both as one run` };
}
