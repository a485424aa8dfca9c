import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fingerprint } from '../../../src/extension/model/fingerprint';

test('a file fingerprint changes when the log grows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-fp-'));
  try {
    const f = join(dir, 'log.csv');
    writeFileSync(f, 'step,loss\n1,2\n');
    const a = await fingerprint(f);
    assert.equal(await fingerprint(f), a);
    appendFileSync(f, '2,1.5\n');
    assert.notEqual(await fingerprint(f), a);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder fingerprint changes when a file deep inside grows or a run appears', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-fp-'));
  try {
    mkdirSync(join(dir, 'run-a', 'logs'), { recursive: true });
    writeFileSync(join(dir, 'run-a', 'logs', 'metrics.csv'), 'step,loss\n1,2\n');
    const a = await fingerprint(dir);
    appendFileSync(join(dir, 'run-a', 'logs', 'metrics.csv'), '2,1\n');
    const b = await fingerprint(dir);
    assert.notEqual(b, a);
    mkdirSync(join(dir, 'run-b'));
    writeFileSync(join(dir, 'run-b', 'metrics.csv'), 'x');
    assert.notEqual(await fingerprint(dir), b);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing path rejects (the poller retries on the next tick)', async () => {
  await assert.rejects(fingerprint(join(tmpdir(), 'sl-does-not-exist-4711')));
});
