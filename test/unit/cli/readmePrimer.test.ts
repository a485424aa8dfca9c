// Every line of the README's "The CLI in one minute" runs as written (through the same dispatch as
// `node dist/cli.js`), exits 0 and prints what its comment promises. A line added to the primer
// without a check here fails, and so does a check whose line left the primer.
// Made for the run: the two lines on "your sweep" get test/fixtures/workspace/sweep.csv; `watch`
// follows a copy of its log that grows while it runs, and is stopped as Ctrl-C would; `benchmark`
// runs on one curve per domain of its two files (its 92 curves take ~8 s; the rest of the line is as written).
// The other lines run as written (~10 s in all here, most of it the two predict lines' auto fits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../../src/cli/dispatch';
import { runWatch } from '../../../src/cli/commands/watch';
import { printed } from './printed';
import { scratchTree } from '../ingest/helpers';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface PrimerLine {
  readonly text: string;
  readonly argv: string[];
  /** `> FILE`: stdout goes there. */
  readonly into?: string;
}

/** The README's primer: its sh block's lines, continuations joined, comments cut off. */
function primerLines(): PrimerLine[] {
  const section = readme.split('\n## The CLI in one minute\n')[1]?.split('\n## ')[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const lines = block.replace(/\\\n\s*/g, '').split('\n').filter((l) => l.trim() !== '');
  return lines.map((l) => {
    const text = l.replace(/\s+#.*$/, '').trim();
    const m = /^node dist\/cli\.js (.*?)(?:\s*>\s*(\S+))?$/.exec(text);
    assert.ok(m, `a primer line that is not "node dist/cli.js …": ${l}`);
    assert.doesNotMatch(m[1]!, /["'`$|&;<]/, `quoting or shell syntax this test does not read: ${l}`);
    return { text, argv: m[1]!.split(/\s+/), ...(m[2] ? { into: m[2] } : {}) };
  });
}

const scratch = scratchTree('sl-primer-');
/** The two files of "your sweep", in the scratch folder; README paths (data/…) read from the repository. */
const made = new Map<string, string>([['sweep.csv', scratch.put('sweep.csv', readFileSync(join(root, 'test', 'fixtures', 'workspace', 'sweep.csv')))], ['fit.json', join(scratch.root, 'fit.json')]]);
const resolve = (arg: string): string => made.get(arg) ?? (existsSync(join(root, arg)) ? join(root, arg) : arg);

/** A benchmark file cut to its first curve of each domain (a curve: Domain, Task, Model; then Seen Examples, Loss, Training). */
function oneCurvePerDomain(path: string): string {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const first = new Map<string, string>();
  const kept = rows.filter((r) => {
    const cells = r.split(',');
    // the key cells may be quoted with commas inside ("6 Enc, 6 Dec"); the last three are numbers
    const curve = cells.slice(0, -3).join(',');
    if (!first.has(cells[0]!)) first.set(cells[0]!, curve);
    return first.get(cells[0]!) === curve;
  });
  return scratch.put(`bench-${path.split('/').pop()}`, `${head}\n${kept.join('\n')}\n`);
}

const numbers = (s: string): number[] => [...s.matchAll(/-?\d[\d.]*(?:e[+-]?\d+)?/g)].map((m) => Number(m[0]));

type Check = (out: string, err: string) => void;

/** What each line's comment promises, by the line's words. */
const CHECKS: [RegExp, Check][] = [
  [/^inspect \S+t5_pile\.csv$/, (out) => {
    // format, runs, series and their x
    assert.match(out, /^format: csv$/m);
    assert.match(out, /^runs: 4$/m);
    assert.match(out, /^ {2}series\s+split\s+points\s+x$/m);
    assert.match(out, /^ {2}loss\s+train\s+\d+.*\bstep$/m);
  }],
  [/^fit \S+cosine_24000\.csv --holdout-frac 0\.5$/, (out) => {
    // auto's law, its back-tests, held-out error
    assert.match(out, /^avg\([a-z0-9+-]+\) {2}\(\d+ fit points; converged\)$/m);
    assert.match(out, /auto's choice: /);
    assert.match(out, /^ {2}candidate\s+back-test RMSLE$/m);
    assert.match(out, /^ {2}held-out RMSLE [\d.]+ on \d+ points$/m);
  }],
  [/^predict \S+cosine_24000\.csv --at 2x$/, (out) => {
    // the loss at 2x the data, its 95% interval (and how far a 2× extrapolation missed on this curve)
    assert.match(out, /predicted y\s+95% lo\s+95% hi/);
    const row = out.split('\n').find((l) => /^-\s/.test(l));
    assert.ok(row, out);
    const [x, y, lo, hi] = numbers(row.replace(/^-\s+\S+/, ''));
    assert.equal(x, 2 * 23920, 'twice the last logged step');
    assert.ok(lo! < y! && y! < hi!, row);
    assert.match(row, /a 2× extrapolation missed by [\d.]+%$/);
  }],
  [/^predict \S+cosine_24000\.csv --reach 3\.25$/, (out) => {
    // the step where the loss reaches 3.25
    assert.match(out, /^loss = 3\.25 at x ≈ [\d.]+K, [\d.]+× the data \(95%: .+\)$/m);
  }],
  [/^forecast \S+cosine_72000\.csv --schedule cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5 --target-loss 3\.2$/, (out) => {
    // the loss at the schedule's end, P(final < 3.2)
    assert.match(out, /^forecast\s+step\s+loss\s+95% lo\s+95% hi$/m);
    assert.match(out, /^LR-annealing law[a-z ,]*\s+72000\s+[\d.]+\s+[\d.]+\s+[\d.]+$/m);
    assert.match(out, /^target 3\.2: .*P\(final < target\) = \d+%$/m);
  }],
  [/^allocate --budget 1e23 --preset chinchilla$/, (out) => {
    // compute-optimal N, D and loss for 1e23 FLOPs
    assert.match(out, /^budget \(FLOPs\)\s+N_opt \(params\)\s+D_opt \(tokens\)\s+tokens\/param\s+L\*$/m);
    assert.match(out, /^1\.000e23\s+[\d.]+e\d+\s+[\d.]+e\d+\s+[\d.]+\s+[\d.]+$/m);
  }],
  [/^allocate --n 7B --d 1T --preset chinchilla$/, (out) => {
    // the loss of 7B params on 1T tokens
    assert.match(out, /^N = 7\.000e9 on D = 1\.000e12 tokens \(.*\): loss [\d.]+; optimal split of the same budget/m);
  }],
  [/^fit sweep\.csv --law chinchilla --n N --d D --y loss --json$/, (out) => {
    // L(N, D) from your sweep (into fit.json)
    const fit = JSON.parse(out) as { law: string; params: Record<string, number>; converged: boolean };
    assert.equal(fit.law, 'chinchilla');
    assert.deepEqual(Object.keys(fit.params).sort(), ['A', 'B', 'E', 'alpha', 'beta']);
    assert.ok(Object.values(fit.params).every(Number.isFinite) && fit.converged);
  }],
  [/^allocate --budget 1e23 --from fit\.json$/, (out) => {
    // ...and its plan, back-tested on its largest runs
    assert.match(out, /^surface: fit in \S*fit\.json$/m);
    assert.match(out, /Fitted to the \d+ runs up to \S+ FLOPs, the surface predicted the \d+ larger runs .* within [\d.]+% on average/);
    assert.match(out, /^ {2}Back-tested on the \d+ largest runs: Chinchilla [\d.]+%/m);
    assert.match(out, /^1\.000e23\s+[\d.]+e\d+\s+[\d.]+e\d+\s+[\d.]+\s+[\d.]+$/m);
  }],
  [/^benchmark \S+benchmark\.vision\.csv \S+benchmark\.lang\.csv$/, (out) => {
    // the RNSL extrapolation benchmark
    assert.match(out, /^mean held-out RMSLE per domain/);
    assert.match(out, /^\s+domain\s+curves\s+M1\s+M2\s+M3\s+M4\s+BNSL-0.*\bauto$/m);
    for (const domain of ['IC', 'NMT', 'LM', 'BB']) assert.match(out, new RegExp(`^\\s+${domain}\\s+1\\s+[\\d.]+`, 'm'));
  }],
];

const WATCH = /^watch \S+cosine_24000\.csv --reach 3\.25$/;

test("README's CLI primer: every line has a check here, and every check a line", () => {
  const lines = primerLines().map((l) => l.argv.join(' '));
  assert.equal(lines.length, 11);
  for (const l of lines) assert.equal([...CHECKS.map(([re]) => re), WATCH].filter((re) => re.test(l)).length, 1, `one check for: ${l}`);
  for (const [re] of [...CHECKS, [WATCH]] as [RegExp][]) assert.ok(lines.some((l) => re.test(l)), `no primer line for ${re}`);
});

test("README's CLI primer: each line exits 0 and prints what its comment says", { timeout: 60_000 }, async () => {
  for (const line of primerLines()) {
    const words = line.argv.join(' ');
    if (WATCH.test(words)) continue;
    const check = CHECKS.find(([re]) => re.test(words))![1];
    const argv = line.argv.map(resolve).map((a) => (a.endsWith('/data/benchmark.vision.csv') || a.endsWith('/data/benchmark.lang.csv') ? oneCurvePerDomain(a) : a));
    const { code, out, err } = await printed(() => dispatch(argv));
    assert.equal(code, 0, `${line.text}\n${err}`);
    assert.doesNotMatch(err, /^scaling-lens:/m, line.text);
    if (line.into) writeFileSync(resolve(line.into), `${out}\n`);
    check(out, err);
  }
});

test("README's CLI primer: watch refits as the log grows, and stops (as on Ctrl-C) with exit 0", { timeout: 60_000 }, async () => {
  const line = primerLines().find((l) => WATCH.test(l.argv.join(' ')))!;
  const source = resolve(line.argv[1]!);
  // the log as a run that is half way: its first rows, then the rest appended while watched
  const [head, ...rows] = readFileSync(source, 'utf8').trim().split('\n');
  const half = Math.floor(rows.length / 2);
  const log = scratch.put('cosine_24000.csv', `${[head, ...rows.slice(0, half)].join('\n')}\n`);
  const argv = [log, ...line.argv.slice(2), '--poll', '20'];

  const lines: string[] = [];
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50_000).unref(); // never leave a watcher running if the test fails
  let refits = 0;
  const code = await runWatch(argv, {
    signal: ac.signal,
    print: (l) => {
      lines.push(l);
      if (!/ loss = 3\.25 /.test(l)) return;
      refits++;
      if (refits === 1) appendFileSync(log, `${rows.slice(half).join('\n')}\n`);
      else ac.abort();
    },
    printErr: () => undefined,
  });
  assert.equal(code, 0);
  assert.match(lines[0] ?? '', /^watching .*cosine_24000\.csv \(poll 20 ms; Ctrl-C to stop\)$/);
  const counts = lines.map((l) => / loss: (\d+) points/.exec(l)?.[1]).filter((n) => n !== undefined).map(Number);
  assert.ok(counts.length >= 2 && counts[counts.length - 1]! > counts[0]!, `refitted on more points as the log grew:\n${lines.join('\n')}`);
  assert.ok(lines.some((l) => /^ {2}auto → \S+; loss = 3\.25 at x ≈ [\d.]+K step/.test(l)), lines.join('\n'));
});

