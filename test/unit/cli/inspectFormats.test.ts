// inspect on a folder of logs in several formats names each, and which run is read in which: the
// folder's one format (the most runs') would call a trainer_state.json beside two text logs "text".
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { inspectJson, inspectText } from '../../../src/cli/commands/inspect';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'logformats');
const dir = mkdtempSync(join(tmpdir(), 'sl-inspect-formats-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function folderOf(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    copyFileSync(join(fixtures, from), join(root, to));
  }
  return root;
}

test('inspect: a folder of mixed formats lists each format and names each run\'s', async () => {
  const root = folderOf('mixed', {
    'a/train.log': 'nanogpt_train.log',
    'b/stdout.log': 'hf_trainer_stdout.log',
    'c/trainer_state.json': 'trainer_state.json',
    'd/metrics.csv': 'metrics.csv',
    'e/events.out.tfevents.1718000000.myhost.12345.0': 'events.out.tfevents.1718000000.myhost.12345.0',
  });
  const src = await readSource(root);
  const text = inspectText(src).answer;
  assert.doesNotMatch(text, /^format: /m);
  assert.match(text, /^formats: text \(2 runs\), (\S+ \(1 run\), ){2}\S+ \(1 run\); each run is read in its own format, named beside its path$/m);
  for (const f of ['hf-trainer-state', 'lightning', 'tfevents']) assert.match(text, new RegExp(`^formats: .*${f} \\(1 run\\)`, 'm'));
  assert.match(text, /^run c {2}\(.*trainer_state\.json; hf-trainer-state\)$/m);
  assert.match(text, /^run a {2}\(.*train\.log; text\)$/m);
  const json = inspectJson(src);
  assert.deepEqual(json.formats?.map((f) => f.runs), [2, 1, 1, 1]);
  assert.equal(json.runs.find((r) => r.name === 'c')?.format, 'hf-trainer-state');
});

test('inspect: a folder of one format says it once, as before', async () => {
  const root = folderOf('one', { 'a/metrics.csv': 'metrics.csv', 'b/metrics.csv': 'metrics.csv' });
  const src = await readSource(root);
  assert.match(inspectText(src).answer, /^format: lightning\nruns: 2\n\nrun a {2}\([^;]*\)$/m);
  assert.equal(inspectJson(src).formats, undefined);
});
