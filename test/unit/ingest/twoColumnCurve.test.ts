// A two-column table of a loss against tokens or FLOPs is one run's learning curve: it was read
// and labelled as a sweep ("format: sweep", "loss vs tokens (sweep, 1 run)"). Only a model size as
// its x makes each row another model.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { command as fit } from '../../../src/cli/commands/fit';
import { printed } from '../cli/printed';

const root = mkdtempSync(join(tmpdir(), 'sl-twocol-'));
after(() => rmSync(root, { recursive: true, force: true }));

function table(name: string, header: string): string {
  const p = join(root, name);
  const rows = Array.from({ length: 12 }, (_, i) => `${(i + 1) * 1e8},${(2 + 30 * ((i + 1) * 1e8) ** -0.15).toFixed(4)}`);
  writeFileSync(p, `${header}\n${rows.join('\n')}\n`);
  return p;
}

test('tokens,loss and flops,loss read as one learning curve; params,loss and N,D,loss stay sweeps', async () => {
  assert.equal((await readSource(table('tokens.csv', 'tokens,loss'))).format, 'csv');
  assert.equal((await readSource(table('flops.csv', 'flops,val_loss'))).format, 'csv');
  assert.equal((await readSource(table('params.csv', 'params,loss'))).format, 'sweep');
  const nd = join(root, 'nd.csv');
  writeFileSync(nd, 'N,D,loss\n1e8,2e9,3.1\n2e8,4e9,2.9\n4e8,8e9,2.7\n');
  assert.equal((await readSource(nd)).format, 'sweep');
});

test("fit's headline calls a tokens,loss table what it is", async () => {
  const { out } = await printed(() => fit.run([table('curve.csv', 'tokens,loss'), '--law', 'm2']));
  assert.match(out, /^loss vs tokens \(csv, 1 run\)$/m);
});
