// The CLI docs' "Options" table (docs/cli.md, linked from the README) lists every option each
// command's parser takes, and nothing else: an option added to a command and left out of the docs
// (or the other way round) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURVE_FIT_BOOLEANS, CURVE_FIT_VALUED } from '../../../src/cli/curveRequest';
import { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } from '../../../src/cli/commands/fitSurface';
import { ALLOCATE_BOOLEANS, ALLOCATE_VALUED } from '../../../src/cli/commands/allocate';
import { WATCH_BOOLEANS, WATCH_VALUED } from '../../../src/cli/commands/watch';
import { BENCHMARK_BOOLEANS } from '../../../src/cli/commands/benchmark';
import { INSPECT_BOOLEANS, INSPECT_VALUED } from '../../../src/cli/commands/inspect';
import { FORECAST_BOOLEANS, FORECAST_VALUED } from '../../../src/cli/commands/forecast';
import { SCHEDULE_BOOLEANS, SCHEDULE_FIT_VALUED, SCHEDULE_PREDICT_VALUED } from '../../../src/cli/commands/schedule';

const cliDoc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'cli.md'), 'utf8');

/** docs/cli.md's Options table: each row's command (as written in its first cell) and its options. */
function optionsTable(): Map<string, string[]> {
  const section = cliDoc.split('\n## Options\n')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (m) rows.set(m[1]!, [...m[2]!.matchAll(/`--([a-z-]+)`/g)].map((x) => x[1]!).sort());
  }
  return rows;
}

const sorted = (...lists: readonly (readonly string[])[]): string[] => lists.flat().sort();

test("docs/cli.md's Options table is each command's parser options, both ways", () => {
  const expected = new Map<string, string[]>([
    ['inspect PATH', sorted(INSPECT_VALUED, INSPECT_BOOLEANS)],
    ['fit PATH', sorted(CURVE_FIT_VALUED.filter((f) => f !== 'at'), CURVE_FIT_BOOLEANS)],
    ['fit PATH --law chinchilla…', sorted(SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS)],
    ['predict PATH', sorted(CURVE_FIT_VALUED.filter((f) => f !== 'target'), CURVE_FIT_BOOLEANS)],
    ['allocate', sorted(ALLOCATE_VALUED, ALLOCATE_BOOLEANS)],
    ['watch PATH', sorted(WATCH_VALUED, WATCH_BOOLEANS)],
    ['benchmark FILE…', sorted(BENCHMARK_BOOLEANS)],
    ['schedule fit RUN…', sorted(SCHEDULE_FIT_VALUED, SCHEDULE_BOOLEANS)],
    ['schedule predict RUN…', sorted(SCHEDULE_PREDICT_VALUED, SCHEDULE_BOOLEANS)],
    ['forecast RUN', sorted(FORECAST_VALUED, FORECAST_BOOLEANS)],
  ]);
  assert.deepEqual(optionsTable(), expected);
});
