// Where the sibling runs of a watched run are found: its own folder, else the folder above (the
// other version_N of a lightning_logs); the watched run is never its own prior; runs the user picks
// that cannot be read are named, not fatal.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { shortRunName } from '../../../src/extension/model/priorRuns';
import { readPriorRuns, siblingFolders, siblingFoldersLabel, siblingRunsOf } from '../../../src/extension/priorSources';

const D25 = join(__dirname, '..', '..', '..', 'data', 'lr-schedules', '25M');
const tmp = mkdtempSync(join(tmpdir(), 'sl-siblings-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('siblings in the same folder: the other runs, not the watched one', async () => {
  const dir = join(tmp, 'flat');
  mkdirSync(dir);
  for (const n of ['cosine_24000', 'wsdcon_9', 'cosine_72000']) copyFileSync(join(D25, `${n}.csv`), join(dir, `${n}.csv`));
  const watched = join(dir, 'cosine_72000.csv');
  const p = await readPriorRuns(siblingFolders(watched), watched, true);
  assert.deepEqual(p.names.sort(), ['cosine_24000', 'wsdcon_9']);
});

test('a run alone in its folder: the siblings are the other run folders beside it', async () => {
  const root = join(tmp, 'lightning_logs');
  for (const [v, n] of [['version_0', 'cosine_24000'], ['version_1', 'constant_24000'], ['version_2', 'cosine_72000']]) {
    mkdirSync(join(root, v!), { recursive: true });
    copyFileSync(join(D25, `${n}.csv`), join(root, v!, 'metrics.csv'));
  }
  const watched = join(root, 'version_2', 'metrics.csv');
  assert.deepEqual(siblingFolders(watched), [join(root, 'version_2'), root]);
  const p = await readPriorRuns(siblingFolders(watched), watched, true);
  assert.equal(p.runs.length, 2);
  assert.ok(p.runs.every((r) => !r.name.includes('version_2')), p.names.join());
  // watching the whole lightning_logs folder: none of its runs is its own prior
  await assert.rejects(readPriorRuns([root], root, true), /no finished run to fit a prior on/);
});

test('picked runs: an unreadable one is named among the left-out, the rest are used', async () => {
  const bad = join(tmp, 'bad.csv');
  writeFileSync(bad, 'step,grad_norm\n1,2\n2,3\n');
  const p = await readPriorRuns([join(D25, 'wsdcon_9.csv'), bad, join(tmp, 'missing.csv')], join(tmp, 'live.csv'), false);
  assert.deepEqual(p.names, ['wsdcon_9']);
  assert.equal(p.skipped.length, 2);
  assert.match(p.skipped[0]!, /bad\.csv has no loss-like series|bad\.csv has neither a loss nor a learning-rate series/);
  assert.match(p.skipped[1]!, /missing\.csv/);
});

test('never the home folder or a root as "the folder above"', () => {
  assert.deepEqual(siblingFolders(join(homedir(), 'runs', 'a.csv')), [join(homedir(), 'runs')]);
  assert.deepEqual(siblingFolders('/a.csv'), ['/']);
  assert.deepEqual(siblingFolders('/x/a.csv'), ['/x']);
});

test('a version that resumed the watched run is part of it, not a sibling for its prior', async () => {
  const root = join(tmp, 'resumed', 'lightning_logs');
  const [header, ...rows] = readFileSync(join(D25, 'cosine_24000.csv'), 'utf8').trim().split('\n');
  const half = Math.floor(rows.length / 2);
  for (const [v, lines] of [['version_0', rows.slice(0, half + 10)], ['version_1', rows.slice(half)]] as const) {
    mkdirSync(join(root, v), { recursive: true });
    writeFileSync(join(root, v, 'metrics.csv'), `${header}\n${lines.join('\n')}\n`);
  }
  mkdirSync(join(root, 'version_2'), { recursive: true });
  copyFileSync(join(D25, 'constant_24000.csv'), join(root, 'version_2', 'metrics.csv'));
  const watched = join(root, 'version_1', 'metrics.csv');
  const p = await readPriorRuns(siblingFolders(watched), watched, true);
  assert.equal(p.runs.length, 1, p.names.join());
  assert.ok(p.names[0]!.includes('version_2'), p.names.join());
});

test('the picker names both folders the siblings may come from, as they are searched', () => {
  // a cut copy alone in runs/25M/cut: its siblings are 25M's runs, which the picker must say
  assert.equal(siblingFoldersLabel(join('/data', 'runs', '25M', 'cut', 'cosine_72000_30pct.csv')), 'the other runs in cut, else in 25M');
  assert.equal(siblingFoldersLabel('/x/a.csv'), 'the other runs in x');
});

test('a reference run is offered from the folder above when the run is alone in its folder', async () => {
  const root = join(tmp, 'reference', '25M');
  mkdirSync(join(root, 'cut'), { recursive: true });
  for (const n of ['cosine_24000', 'wsdcon_9']) copyFileSync(join(D25, `${n}.csv`), join(root, `${n}.csv`));
  const watched = join(root, 'cut', 'cosine_72000.csv');
  copyFileSync(join(D25, 'cosine_72000.csv'), watched);
  const runs = await siblingRunsOf(watched, () => true);
  assert.deepEqual(runs.map((r) => shortRunName(r.name)).sort(), ['cosine_24000', 'wsdcon_9']);
  // a run with siblings in its own folder gets those, and never itself
  const own = await siblingRunsOf(join(root, 'wsdcon_9.csv'), () => true);
  assert.deepEqual(own.map((r) => shortRunName(r.name)).sort(), ['cosine_24000', 'cut/cosine_72000']);
  assert.deepEqual(await siblingRunsOf(join(root, 'cut', 'cosine_72000.csv'), () => false), []);
});
