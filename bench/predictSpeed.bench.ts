// Bootstrap intervals on ordinary per-step logs: this build's CLI against another build's, in the
// same run on the same inputs, interleaved (which build goes first alternates by repetition), each
// call a cold process as a user runs it. Cases: `predict --at 10x` (200 resamples, the default) on
// 1,200- and 5,000-row logs, and `fit --bootstrap 200` on a 300,000-row log. Also says whether the
// two builds printed the same --json output (same seed, so it should be, bit for bit).
// Usage: npm run bench predictSpeed -- --old DIR [--reps N] [--also ARGS…]   (DIR: the other build's
// dist/, e.g. `git worktree add /tmp/old main && cd /tmp/old && npm run build`, then --old
// /tmp/old/dist; everything after --also is one more case, `predict ARGS…`, e.g. a real log)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { scratchDir, writeStepCsv } from './stepCsvFile';

const alsoAt = process.argv.indexOf('--also');
const argv = process.argv.slice(2, alsoAt < 0 ? undefined : alsoAt);
const also = alsoAt < 0 ? [] : process.argv.slice(alsoAt + 1);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const oldDist = opt('old');
const reps = Number(opt('reps') ?? 3);
if (!oldDist) {
  console.log('usage: npm run bench predictSpeed -- --old DIST_DIR [--reps N] (compares against another build; nothing to do without one)');
  process.exit(0);
}

const dir = scratchDir('sl-bench-predict-');
const stepCsv = (rows: number): string => writeStepCsv(dir, rows);

const cases = [
  { name: 'predict, 1,200 rows', args: ['predict', stepCsv(1_200), '--at', '10x'] },
  { name: 'predict, 5,000 rows', args: ['predict', stepCsv(5_000), '--at', '10x'] },
  { name: 'fit --bootstrap 200, 300,000 rows', args: ['fit', stepCsv(300_000), '--bootstrap', '200'] },
  ...(also.length > 0 ? [{ name: `predict ${also.join(' ')}`, args: ['predict', ...also] }] : []),
];
const builds = { old: join(oldDist, 'cli.js'), new: join('dist', 'cli.js') };
type Build = keyof typeof builds;

function run(build: Build, args: readonly string[]): { seconds: number; output: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [builds[build], ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`${build} ${args.join(' ')}: ${r.stderr}`);
  return { seconds, output: r.stdout };
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

console.log(`${reps} repetitions, interleaved; old = ${oldDist}, new = dist/`);
for (const c of cases) {
  const times: Record<Build, number[]> = { old: [], new: [] };
  const outputs: Record<Build, string> = { old: '', new: '' };
  for (let rep = 0; rep < reps; rep++) {
    const order: Build[] = rep % 2 === 0 ? ['old', 'new'] : ['new', 'old'];
    for (const b of order) {
      const r = run(b, c.args);
      times[b].push(r.seconds);
      outputs[b] = r.output;
    }
  }
  const [o, n] = [median(times.old), median(times.new)];
  const same = outputs.old === outputs.new ? 'same output' : 'OUTPUT DIFFERS';
  console.log(`  ${c.name}\n    old ${o.toFixed(2)} s, new ${n.toFixed(2)} s (medians): ×${(o / n).toFixed(2)} faster; ${same}`);
}
