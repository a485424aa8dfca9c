// A CSV written without a header row (walkthrough: watching one said "no points yet" for ever):
// Fit and the watch read it alike, its first row as the header, and both say so; the watch's live
// line says why it shows nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { watchedOnce } from './helpers';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from '../extension/sessionFixture';

const root = mkdtempSync(join(tmpdir(), 'sl-headerless-'));
after(() => rmSync(root, { recursive: true, force: true }));

const rows = Array.from({ length: 59 }, (_, i) => `${(i + 1) * 100},${(2 + 10 * ((i + 1) * 100) ** -0.3).toFixed(5)}`).join('\n') + '\n';
const NOTE = /^the first row \(100, 4\.51189\) is numbers only and was read as the header: a CSV needs a header row naming its columns first \(step,loss\)$/;

test('a headerless CSV: readSource and watchSource read it alike and both say its first row was taken for the header', async () => {
  const path = join(root, 'nohead.csv');
  writeFileSync(path, rows);
  const read = await readSource(path);
  assert.match(read.warnings[0]?.message ?? '', NOTE);
  const watched = await watchedOnce(path);
  assert.deepEqual(watched?.runs.map((r) => r.series.map((s) => s.key)), read.runs.map((r) => r.series.map((s) => s.key)));
  assert.match(watched?.warnings[0]?.message ?? '', NOTE);
  // the live line says why nothing is shown, not "no points yet"
  const session = new LensSession(path, 'nohead.csv', testDeps(testSettings(['m1'])));
  session.setSource(watched!);
  assert.equal(session.statusLine(), undefined);
  assert.match(session.noPointsLine(), /^no numeric series with an x axis \(the first row \(100, 4\.51189\) is numbers only/);
  // a table with a header is no such case
  writeFileSync(path, `step,loss\n${rows}`);
  assert.deepEqual((await readSource(path)).warnings, []);
});

test("a watch started before the run logs (an empty folder, an empty file, a header alone) says 'no points yet', not that the log has no series (walkthrough: an empty TensorBoard folder read 'no numeric series with an x axis')", async () => {
  const emptyDir = join(root, 'tb');
  mkdirSync(emptyDir);
  writeFileSync(join(root, 'empty.csv'), '');
  writeFileSync(join(root, 'header.csv'), 'step,loss\n');
  for (const path of [emptyDir, join(root, 'empty.csv'), join(root, 'header.csv')]) {
    const session = new LensSession(path, 'log', testDeps(testSettings(['m1'])));
    session.watching = true;
    session.setSource((await watchedOnce(path))!);
    assert.match(session.noPointsLine(), /^no points yet/, path);
    assert.ok(!session.panelData().warnings.some((w) => /no numeric series/i.test(w)), `${path}: the panel's warnings do not contradict it`);
  }
});
