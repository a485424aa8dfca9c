// Item 13: the CSP nonce comes from the OS's random source; a restored panel re-reads only paths
// inside the workspace or opened by the user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeNonce } from '../../../src/extension/panel/nonce';
import { isInside, mayReopen, rememberOpened } from '../../../src/extension/panel/restorePolicy';
import { panelStateOf, type PanelData } from '../../../src/shared/protocol';
import { readFileSync } from 'node:fs';

test('nonce: 128 bits, URL-safe, never repeated; the host no longer uses Math.random', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const n = makeNonce();
    assert.match(n, /^[A-Za-z0-9_-]{22}$/);
    seen.add(n);
  }
  assert.equal(seen.size, 1000);
  assert.doesNotMatch(readFileSync('src/extension/panel/html.ts', 'utf8'), /Math\.random/);
});

test('restore policy: inside a workspace folder or opened by the user; never ../ escapes or relative paths', () => {
  const ws = ['/home/u/proj'];
  assert.equal(mayReopen('/home/u/proj/logs/a.csv', ws, []), true);
  assert.equal(mayReopen('/home/u/proj', ws, []), true);
  assert.equal(mayReopen('/home/u/proj/../secret/a.csv', ws, []), false);
  assert.equal(mayReopen('/home/u/project2/a.csv', ws, []), false, 'a sibling with the same prefix is not inside');
  assert.equal(mayReopen('/etc/passwd', ws, []), false);
  assert.equal(mayReopen('/tmp/run/log.csv', ws, ['/tmp/run/log.csv']), true);
  assert.equal(mayReopen('logs/a.csv', ws, ['logs/a.csv']), false);
  assert.equal(isInside('/a/b/c', '/a/b/'), true);
});

test('restore policy: the remembered list is most-recent-first, de-duplicated and capped', () => {
  let list: string[] = [];
  for (let i = 0; i < 5; i++) list = rememberOpened(list, `/f${i}`, 3);
  assert.deepEqual(list, ['/f4', '/f3', '/f2']);
  assert.deepEqual(rememberOpened(list, '/f2', 3), ['/f2', '/f4', '/f3']);
});

test('the saved panel state names the source, the watch and the compare view', () => {
  const data: PanelData = { title: 't', source: '/w/log.csv', curves: [], selected: ['0:loss'], tables: [], targetText: '10x', warnings: [], watching: true };
  assert.deepEqual(panelStateOf(data), { source: '/w/log.csv', selected: ['0:loss'], target: '10x', watching: true });
  // the forecast's schedule spec is restored with the panel
  assert.equal(panelStateOf({ ...data, forecast: { curve: 'loss', spec: 'constant:warmup=0,total=10,peak=1', warnings: [] } }).schedule, 'constant:warmup=0,total=10,peak=1');
});
