// Runs every test: unit tests (node:test via tsx) and, unless --unit, the integration suite in a
// real VS Code. Ends with one "N passed, N failed" line that sums both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const unitOnly = process.argv.includes('--unit');
const filter = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

function runUnit() {
  const files = findTests('test/unit').filter((f) => filter.length === 0 || filter.some((s) => f.includes(s)));
  const tap = join(mkdtempSync(join(tmpdir(), 'sl-test-')), 'unit.tap');
  const r = spawnSync(process.execPath, [
    '--import', 'tsx', '--test', '--test-concurrency=2',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${tap}`,
    ...files,
  ], { stdio: 'inherit' });
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)`, 'm')) ?? [])[1] ?? 0);
  return { passed: count('pass'), failed: count('fail') + (r.status !== 0 && count('fail') === 0 ? 1 : 0) };
}

function runIntegration() {
  if (!existsSync('scripts/integration.mjs')) return { passed: 0, failed: 0 };
  const r = spawnSync(process.execPath, ['scripts/integration.mjs'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const m = /^(?:\w+: )?(\d+) passed, (\d+) failed/m.exec(r.stdout ?? '');
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 0;
  return { passed, failed: failed + (r.status !== 0 && failed === 0 ? 1 : 0) };
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const unit = runUnit();
const integ = unitOnly ? { passed: 0, failed: 0 } : runIntegration();
const passed = unit.passed + integ.passed;
const failed = unit.failed + integ.failed;
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed`);
if (!unitOnly) console.log(`integration: ${integ.passed} passed, ${integ.failed} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
