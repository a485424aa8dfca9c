// npm run bench: runs every bench/*.bench.ts in its own process (so peak memory is per bench) and
// prints its report. Benchmarks report ratios measured in the same run, never absolute pass/fail.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

// bench names, then the options each chosen bench gets (`npm run bench coverageLaws -- --per-set 40`)
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('--'));
const only = firstOption < 0 ? args : args.slice(0, firstOption);
const passed = firstOption < 0 ? [] : args.slice(firstOption);
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', `bench/${f}`, ...passed], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
