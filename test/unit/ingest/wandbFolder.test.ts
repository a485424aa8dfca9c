// A project's wandb/ folder as the SDK leaves it: run-<time>-<id> folders, the latest-run link to
// the newest, and its own Python logs (wandb/debug*.log links, each run's logs/debug*.log).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { fixturePath } from './helpers';

const root = mkdtempSync(join(tmpdir(), 'sl-wandb-folder-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SDK_LOG = '2024-01-02 12:00:00,000 INFO    MainThread:811 [wandb_init.py:init():610] starting backend\n';

test('wandb/: latest-run and the SDK logs are not runs; a resumed run stitches under its folders\' names', async () => {
  const wandb = join(root, 'proj', 'wandb');
  const bytes = readFileSync(fixturePath('run-abc123xy.wandb'));
  const folders = ['run-20240101_120000-abc123xy', 'run-20240102_120000-abc123xy'];
  for (const f of folders) {
    mkdirSync(join(wandb, f, 'logs'), { recursive: true });
    writeFileSync(join(wandb, f, 'run-abc123xy.wandb'), bytes);
    writeFileSync(join(wandb, f, 'logs', 'debug.log'), SDK_LOG);
    writeFileSync(join(wandb, f, 'logs', 'debug-internal.log'), SDK_LOG);
  }
  symlinkSync(folders[1]!, join(wandb, 'latest-run'));
  symlinkSync(join(folders[1]!, 'logs', 'debug.log'), join(wandb, 'debug.log'));
  symlinkSync(join(folders[1]!, 'logs', 'debug-internal.log'), join(wandb, 'debug-internal.log'));
  const s = await readSource(join(root, 'proj'));
  assert.equal(s.format, 'wandb');
  assert.deepEqual(s.runs.map((r) => r.name), ['wandb/run-20240101_120000-abc123xy (resumed in run-20240102_120000-abc123xy)']);
  assert.ok(!s.warnings.some((w) => /symbolic link/.test(w.message)), s.warnings.map((w) => w.message).join('\n'));
});

test("a W&B run's files/requirements.txt (and a project's) is no run of package versions", async () => {
  const run = join(root, 'proj2', 'wandb', 'run-20240101_120000-abc123xy');
  mkdirSync(join(run, 'files'), { recursive: true });
  writeFileSync(join(run, 'run-abc123xy.wandb'), readFileSync(fixturePath('run-abc123xy.wandb')));
  writeFileSync(join(run, 'files', 'requirements.txt'), 'torch==2.1.0\nnumpy==1.26.0\nwandb==0.16.1\n');
  writeFileSync(join(root, 'proj2', 'requirements-dev.txt'), 'pytest==7.4.0\n');
  const s = await readSource(join(root, 'proj2'));
  assert.equal(s.format, 'wandb');
  assert.deepEqual(s.runs.map((r) => r.name), ['wandb/run-20240101_120000-abc123xy']);
});
