// A screen reader hears the headline's prediction when a refit changes it, and only then: a watched
// run sends the panel two messages per poll (the points, with the old fit marked stale, then the
// refit), and the visible headline is rebuilt at each. The chart's accessible name begins with the
// same sentence; the table's colour toggles, which show only a swatch, carry a name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PanelData } from '../../../src/shared/protocol';
import type { PredictionView } from '../../../src/shared/fitView';
import { Announcer, predictionNews } from '../../../webview/announce';
import { describeChart, predictionSentence } from '../../../webview/chartDescription';
import { FakeNode, useFakeDom } from './fakeDom';

const prediction = (y: number): PredictionView => ({ curve: 'run 0', targetText: '10x', targetLabel: '10x (5.12B samples)', x: 5.12e9, y, lo: y - 0.02, hi: y + 0.02, level: 0.95, law: 'auto', lawName: 'Mix (geometric mean of M3 and M4)' });
const panel = (p: PredictionView | undefined, stale?: string): PanelData => ({ prediction: p, ...(stale ? { stale } : {}), columns: { x: ['tokens'], y: ['loss'], selectedX: 'tokens', selectedY: 'loss' } }) as unknown as PanelData;

test('the prediction is said in the headline numbers: value, interval, law, curve', () => {
  assert.equal(predictionSentence(prediction(0.3353), 'loss'), 'Prediction: loss at 10x (5.12B samples) 0.3353, 95% interval 0.3153 to 0.3553, by Mix (geometric mean of M3 and M4), for run 0.');
  assert.match(predictionSentence(prediction(0.3353), 'loss', true), /^Prediction \(previous fit\): /);
  const view = { id: 'c', title: 'run 0', xLabel: 'tokens', yLabel: 'loss', xLog: true, yLog: true, series: [], markers: [] };
  assert.match(describeChart(view, undefined, predictionSentence(prediction(0.3353), 'loss')), /^Chart run 0: loss against tokens \(log tokens, log loss\)\. Prediction: loss at 10x/);
});

test('a watched run: announced once per new prediction, never for the stale message between, nor for a refit to the same number', () => {
  const said: string[] = [];
  const region = {
    set textContent(t: string) {
      said.push(t);
    },
  } as unknown as HTMLElement;
  const announcer = new Announcer(region);
  const polls = [panel(prediction(0.3353)), panel(prediction(0.3353), 'Fit from 20 points; refitting with the newest 40…'), panel(prediction(0.3353)), panel(prediction(0.3353), 'Fit from 40 points; refitting with the newest 60…'), panel(prediction(0.331)), panel(undefined)];
  for (const data of polls) announcer.say(predictionNews(data));
  assert.deepEqual(said, [predictionSentence(prediction(0.3353), 'loss'), predictionSentence(prediction(0.331), 'loss')]);
});

test("an estimator's colour toggle, a swatch alone, is named for what it draws and says whether it is drawn", async () => {
  useFakeDom();
  // the swatch is styled and the button listened to: the least of both
  (globalThis as unknown as { document: { createElement: (tag: string) => FakeNode } }).document.createElement = (tag) => Object.assign(new FakeNode(tag), { style: {}, addEventListener: () => undefined });
  const { renderTables } = await import('../../../webview/tables');
  const root = new FakeNode('section') as FakeNode & { firstChild: null };
  root.firstChild = null;
  const row = { law: 'm2', name: 'M2 (power law + limit)', formula: 'y', params: [['beta', 0.2]] as const, backtestRmsle: 0.1, auto: false, converged: true, color: 1, chartGroup: 'g:m2' };
  const theme = { series: ['#3794ff'] } as never;
  renderTables(root as unknown as HTMLElement, [{ curve: 'c', label: 'run', rows: [row], warnings: [] }], { theme, single: true, targetText: '10x', toggle: { visible: () => false, set: () => undefined } });
  const find = (n: FakeNode | string): FakeNode | undefined => (typeof n === 'string' ? undefined : n.tag === 'button' ? n : n.children.map(find).find(Boolean));
  const button = find(root);
  assert.ok(button, 'a toggle button');
  assert.equal(button.attrs['aria-label'], 'Draw M2 (power law + limit) on the chart');
  assert.equal(button.attrs['aria-pressed'], 'false');
});
