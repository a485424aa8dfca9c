// Scratch per-step CSV logs for benches that run the CLI on files (scale, predictSpeed).
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepCsvChunks, stepLrCsvChunks } from '../test/unit/scale/series';

/** A temporary directory removed when the bench exits (also on Ctrl-C). */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  process.on('SIGINT', () => process.exit(130));
  return dir;
}

/** Writes the `rows`-row log of test/unit/scale/series.ts (step,loss, or step,loss,lr) into `dir`; returns its path. */
export function writeStepCsv(dir: string, rows: number, withLr = false): string {
  const path = join(dir, `steps-${rows}${withLr ? '-lr' : ''}.csv`);
  const fd = openSync(path, 'w');
  for (const chunk of (withLr ? stepLrCsvChunks : stepCsvChunks)(rows)) writeSync(fd, chunk);
  closeSync(fd);
  return path;
}
