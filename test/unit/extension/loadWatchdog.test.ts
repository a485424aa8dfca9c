// A panel that comes up blank (its script never loaded, so it never says "ready") is reloaded,
// at deadlines that double, a bounded number of times; a panel that loads, or is hidden, is left
// alone. Timers are node:test's mock clock.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { LoadWatchdog } from '../../../src/extension/panel/loadWatchdog';

beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
afterEach(() => mock.timers.reset());

function watched(opts: { visible?: () => boolean } = {}) {
  const reloads: number[] = [];
  const gaveUp: number[] = [];
  const dog = new LoadWatchdog(opts.visible ?? (() => true), (a) => reloads.push(a), (a) => gaveUp.push(a), { firstDeadlineMs: 1000, maxReloads: 3 });
  return { dog, reloads, gaveUp };
}

test('a silent panel is reloaded at 1, 1+2, 1+2+4 s, then given up on once', () => {
  const { dog, reloads, gaveUp } = watched();
  dog.loading();
  mock.timers.tick(999);
  assert.deepEqual(reloads, []);
  mock.timers.tick(1);
  assert.deepEqual(reloads, [1]);
  mock.timers.tick(1999);
  assert.deepEqual(reloads, [1], 'the second deadline is twice the first');
  mock.timers.tick(1);
  assert.deepEqual(reloads, [1, 2]);
  mock.timers.tick(4000);
  assert.deepEqual(reloads, [1, 2, 3]);
  mock.timers.tick(8000);
  assert.deepEqual(gaveUp, [3]);
  mock.timers.tick(60_000);
  assert.deepEqual(reloads, [1, 2, 3], 'no reload after giving up');
  assert.deepEqual(gaveUp, [3], 'said once');
  dog.dispose();
});

test('a panel that says ready in time is not reloaded; shown again later it gets a fresh count', () => {
  const { dog, reloads } = watched();
  dog.loading();
  mock.timers.tick(1000);
  assert.deepEqual(reloads, [1]);
  dog.loaded();
  mock.timers.tick(60_000);
  assert.deepEqual(reloads, [1]);
  dog.hidden();
  dog.loading();
  mock.timers.tick(999);
  assert.deepEqual(reloads, [1], 'the first deadline again, not the doubled one');
  mock.timers.tick(1);
  assert.deepEqual(reloads, [1, 1]);
  dog.dispose();
  mock.timers.tick(60_000);
  assert.deepEqual(reloads, [1, 1], 'nothing after dispose');
});

test('a hidden panel is not reloaded (a hidden webview is torn down; it loads again when shown)', () => {
  let visible = true;
  const { dog, reloads, gaveUp } = watched({ visible: () => visible });
  dog.loading();
  dog.hidden();
  mock.timers.tick(60_000);
  assert.deepEqual(reloads, []);
  dog.loading();
  visible = false;
  mock.timers.tick(60_000);
  assert.deepEqual(reloads, [], 'not visible when the deadline passed');
  assert.deepEqual(gaveUp, []);
});

test('told again and again that the page is loading (a panel clicked while blank), the deadline stands', () => {
  const { dog, reloads } = watched();
  dog.loading();
  for (let t = 0; t < 3; t++) {
    mock.timers.tick(300);
    dog.loading();
  }
  mock.timers.tick(100);
  assert.deepEqual(reloads, [1], 'reloaded at 1 s, not postponed by the calls');
  dog.loading();
  mock.timers.tick(2000);
  assert.deepEqual(reloads, [1, 2], 'nor the count reset: the second deadline is the doubled one');
  dog.dispose();
});
