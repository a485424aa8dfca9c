import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PanelData } from '../../../src/shared/protocol';
import { ProtocolError, validateFromWebview, validateToWebview } from '../../../src/shared/validate';

const data: PanelData = {
  title: 'a.csv',
  source: '/x/a.csv',
  curves: [{ id: '0:loss', label: 'run', points: 3 }],
  selected: ['0:loss'],
  columns: { x: ['step', 'tokens'], y: ['loss'], selectedX: 'tokens', selectedY: 'loss' },
  chart: {
    id: '0:loss',
    title: 'run',
    xLabel: 'tokens',
    yLabel: 'loss',
    xLog: true,
    yLog: true,
    series: [
      { id: 'f', label: 'fit points', role: 'fit', group: 'g', curve: 'run', color: 0, points: [{ x: 1, y: 2 }] },
      { id: 'b', label: 'band', role: 'band', group: 'm4', curve: 'run', estimator: 'm4', color: 1, points: [{ x: 1, y: 2 }], band: [{ x: 1, lo: 1.5, hi: 2.5 }] },
    ],
    markers: [{ kind: 'target', label: 'target', x: 10, color: 101 }],
  },
  tables: [{ curve: '0:loss', label: 'run', rows: [{ law: 'm1', name: 'M1', formula: 'y = β·x^c', params: [['beta', 2]], auto: true, converged: true, color: 1, backtestRmsle: 0.01 }], warnings: [] }],
  targetText: '10x',
  warnings: [],
};

test('a well-formed data message passes and keeps its content', () => {
  const msg = validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data })));
  assert.deepEqual(msg, { type: 'data', data });
});

test('host messages with a wrong field are rejected, naming the field', () => {
  const bad = JSON.parse(JSON.stringify({ type: 'data', data })) as { data: { chart: { series: { role: string; points: { x: unknown }[] }[] } } };
  bad.data.chart.series[0]!.role = 'scatter';
  assert.throws(() => validateToWebview(bad), (e: unknown) => e instanceof ProtocolError && e.path === 'message.data.chart.series[0].role');
  const nan = JSON.parse(JSON.stringify({ type: 'data', data })) as typeof bad;
  nan.data.chart.series[0]!.points[0]!.x = null; // NaN becomes null in JSON
  assert.throws(() => validateToWebview(nan), (e: unknown) => e instanceof ProtocolError && /points\[0\]\.x/.test(e.path));
  assert.throws(() => validateToWebview({ type: 'explode' }), ProtocolError);
  assert.throws(() => validateToWebview(null), ProtocolError);
  assert.throws(() => validateToWebview({ type: 'busy' }), /message\.busy/);
});

test('optional fields may be absent; unknown extra fields are dropped', () => {
  const minimal = { title: 't', source: '', curves: [], selected: [], tables: [], targetText: '', warnings: [], extra: 1 };
  const msg = validateToWebview({ type: 'data', data: minimal });
  assert.equal(msg.type, 'data');
  assert.ok(msg.type === 'data' && !('extra' in msg.data));
});

test('webview messages: every kind validates, malformed ones are rejected', () => {
  assert.deepEqual(validateFromWebview({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(validateFromWebview({ type: 'ready', load: 3 }), { type: 'ready', load: 3 });
  assert.throws(() => validateFromWebview({ type: 'ready', load: 'x' }), ProtocolError);
  assert.deepEqual(validateFromWebview({ type: 'selectCurves', ids: ['a', 'b'] }), { type: 'selectCurves', ids: ['a', 'b'] });
  assert.deepEqual(validateFromWebview({ type: 'setTarget', text: '10x' }), { type: 'setTarget', text: '10x' });
  assert.deepEqual(validateFromWebview({ type: 'export', format: 'csv' }), { type: 'export', format: 'csv' });
  assert.deepEqual(validateFromWebview({ type: 'image', requestId: 3, dataUrl: 'data:image/png;base64,AAAA' }), { type: 'image', requestId: 3, dataUrl: 'data:image/png;base64,AAAA' });
  assert.deepEqual(validateFromWebview({ type: 'noImage', requestId: 4 }), { type: 'noImage', requestId: 4 });
  assert.throws(() => validateFromWebview({ type: 'selectCurves', ids: [1] }), /message\.ids\[0\]/);
  assert.throws(() => validateFromWebview({ type: 'export', format: 'exe' }), /message\.format/);
  assert.throws(() => validateFromWebview({ type: 'image', requestId: 1, dataUrl: 'javascript:alert(1)' }), /PNG data URL/);
  assert.throws(() => validateFromWebview({ type: 'setTarget', text: 'x'.repeat(201) }), /message\.text/);
  assert.throws(() => validateFromWebview({ type: 'runShell', cmd: 'rm' }), ProtocolError);
  assert.throws(() => validateFromWebview('ready'), ProtocolError);
});

test("a forecast marked undetermined passes; a mark that is not a boolean is rejected, naming the field", () => {
  const pt = { step: 24000, y: 0.39, lo: 0.034, hi: 4.4 };
  const forecast = { curve: 'run', warnings: [], result: { law: 'tissue', lawName: 'LR-annealing law', mode: 'prefix', final: pt, undetermined: true, powerLaw: { final: pt }, lastValue: { step: 2400, y: 3.68 }, fittedTo: 2400 } };
  const ok = validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data: { ...data, forecast } })));
  assert.equal(ok.type === 'data' && ok.data.forecast?.result?.undetermined, true);
  const bad = { ...forecast, result: { ...forecast.result, undetermined: 'yes' } };
  assert.throws(() => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data: { ...data, forecast: bad } }))), (e: unknown) => e instanceof ProtocolError && /forecast\.result\.undetermined/.test(e.path));
});

test("a forecast's own-history back-test passes, a number or a reason; a miss that is not a finite number is rejected, naming the field", () => {
  const pt = { step: 24000, y: 3.3, lo: 3.2, hi: 3.4 };
  const result = { law: 'tissue', lawName: 'LR-annealing law, two memories', mode: 'prefix', final: pt, powerLaw: { final: pt }, lastValue: { step: 12000, y: 3.4 }, fittedTo: 12000 };
  const own = { askedReach: 2, fromStep: 6000, toStep: 11900, reach: 1.98, missedBy: 0.006, beforeDecay: true };
  const send = (ownHistory: unknown) => validateToWebview(JSON.parse(JSON.stringify({ type: 'data', data: { ...data, forecast: { curve: 'run', warnings: [], result: { ...result, ownHistory } } } })));
  const ok = send(own);
  assert.deepEqual(ok.type === 'data' && ok.data.forecast?.result?.ownHistory, own);
  const why = send({ askedReach: 4, why: 'too short a log' });
  assert.equal(why.type === 'data' && why.data.forecast?.result?.ownHistory?.why, 'too short a log');
  assert.throws(() => send({ ...own, missedBy: 'small' }), (e: unknown) => e instanceof ProtocolError && /forecast\.result\.ownHistory\.missedBy/.test(e.path));
  assert.throws(() => send({ fromStep: 6000 }), (e: unknown) => e instanceof ProtocolError && /ownHistory\.askedReach/.test(e.path));
});
