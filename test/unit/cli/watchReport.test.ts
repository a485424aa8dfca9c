// What `watch` says at each reading of a source: a run without the --metric series, the series it
// follows without --metric (and when that changes), a target before the data, a log that lost points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunData, SourceData } from '../../../src/ingest/model/model';
import { watchReporter, type WatchReportOptions } from '../../../src/cli/commands/watchReport';

const law = (x: number): number => 2 + 30 / Math.sqrt(x);

/** A series of `n` points of the law, every `every` x apart, against `axis`. */
function series(key: string, n: number, every = 50, axis: 'step' | 'tokens' = 'step'): RunData['series'][number] {
  const xs = Float64Array.from({ length: n }, (_, i) => (i + 1) * every);
  return { key, split: /val|eval/.test(key) ? 'val' : 'train', x: { [axis]: xs }, y: xs.map(law) };
}

function source(...series: RunData['series']): SourceData {
  return { format: 'csv', runs: [{ name: 'a', origin: 'a.csv', format: 'csv', series }], warnings: [] };
}

function reporter(opts: Partial<WatchReportOptions> = {}) {
  const lines: string[] = [];
  const errors: string[] = [];
  const events: Record<string, unknown>[] = [];
  const report = watchReporter({ laws: ['m2'], targets: [], reach: [], json: false, ...opts }, { print: (l) => lines.push(l), printErr: (l) => errors.push(l), emit: (e) => events.push(e) });
  return { report, lines, errors, events };
}

test('a log that lost points (rewritten shorter) gives its new count and the old, not a negative delta', async () => {
  const w = reporter();
  await w.report(source(series('loss', 800)));
  await w.report(source(series('loss', 200)));
  await w.report(source(series('loss', 230)));
  const counts = w.lines.filter((l) => !l.startsWith('  ')).map((l) => l.slice(9));
  assert.deepEqual(counts, ['a loss: 800 points', 'a loss: 200 points (was 800)', 'a loss: 230 points (+30)']);
});
