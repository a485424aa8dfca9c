// docs/cli.md "Failures, exit codes and JSON": a curve that cannot be fitted gets "error" in its JSON
// object, "with the same keys otherwise", so a CI script reads every object alike (`.level` too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitCurves } from '../../../src/cli/curveFit';

const dir = mkdtempSync(join(tmpdir(), 'sl-failedkeys-'));
const csv = join(dir, 'runs.csv');
const rows = ['run,tokens,loss'];
for (let i = 0; i < 12; i++) {
  const x = 1e6 * 2 ** i;
  rows.push(`good,${x},${1.7 + 30 * x ** -0.3}`, `flat,${x},3`);
}
writeFileSync(csv, rows.join('\n'));

test('a curve that failed has the keys of one fitted with the same request, and "error"; with --bootstrap, "level" too', async () => {
  const out = await fitCurves({ path: csv, xCol: 'tokens', yCol: 'loss', groupCols: ['run'], law: 'm2', targets: ['10x'], bootstrap: 10, level: 0.8, seed: 1 });
  const ok = out.find((r) => r.error === undefined)!;
  const bad = out.find((r) => r.error !== undefined)!;
  assert.ok(ok && bad, 'one curve fitted, one not');
  assert.deepEqual(Object.keys(bad).sort(), [...Object.keys(ok), 'error'].sort());
  assert.equal(bad.level, 0.8);
});
