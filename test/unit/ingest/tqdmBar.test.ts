// tqdm's drawings: the text reader and the byte reader of bare drawings read the same counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tqdmDrawing } from '../../../src/ingest/text/tqdmBar';
import { bareDrawing, DrawingHead, type BareDrawing } from '../../../src/ingest/text/tqdmBytes';

const enc = new TextEncoder();

test('a drawing: description, counter (with unit_scale magnitudes), total, postfix', () => {
  assert.deepEqual(tqdmDrawing('Epoch 1:  39%|███▉      | 4846/12331 [05:59<09:15, 13.47it/s, loss=0.0136, v_num=1]'), { head: 'Epoch 1:', n: 4846, total: 12331, postfix: 'loss=0.0136, v_num=1' });
  assert.deepEqual(tqdmDrawing('  5%|▌   | 1.2k/10.5M [00:10<03:20,  4.75it/s]'), { head: '', n: 1200, total: 10.5e6, postfix: '' });
  assert.deepEqual(tqdmDrawing('Map: 100%|█| 5000/? [00:01<00:00, 4000.00 examples/s]'), { head: 'Map:', n: 5000, total: undefined, postfix: '' });
  for (const not of ['loss 2.3', '50%| bar', '50%|x| 1/2 no bracket', '50%|x| a/2 [x, y]', '50%|x| 1.2.3/4 [x, y]', '50%|x| .5/4 [x, y]']) assert.equal(tqdmDrawing(not), undefined, not);
});

test('bareDrawing reads from bytes what tqdmDrawing reads of a bare drawing, and declines the rest', () => {
  const out: BareDrawing = { headEnd: 0, n: 0, total: undefined };
  const lines = [
    '  5%|▌   | 1.2k/10.5M [00:10<03:20,  4.75it/s]',
    'Training:  45%|████▌     | 450/1000 [00:30<00:37, 14.8it/s]',
    'Map: 100%|█| 5000/? [00:01<00:00, 4000.00 examples/s]',
    'ép 7%|█| 12./100 [a, b]',
  ];
  for (const line of lines) {
    const b = enc.encode(`xx${line}yy`);
    assert.ok(bareDrawing(b, 2, b.length - 2, out), line);
    const t = tqdmDrawing(line)!;
    assert.deepEqual([new DrawingHead().text(b, 2, out.headEnd), out.n, out.total], [t.head, t.n, t.total], line);
  }
  for (const line of ['Training: 45%|█| 450/1000 [00:30<00:37, 14.8it/s, loss=2.31]', '\x1b[32m 5%|█| 1/9 [a, b]', 'x - 5%|█| 1/9 [a, b]', '[NeMo I t:1] 5%|█| 1/9 [a, b]', '5%|█| 12345678901234567/9 [a, b]', 'no bar here']) {
    const b = enc.encode(line);
    assert.equal(bareDrawing(b, 0, b.length, out), false, line);
  }
});

test('DrawingHead decodes a description once while its bytes stay the same', () => {
  const head = new DrawingHead();
  const a = enc.encode('Epoch 1: 5%');
  const first = head.text(a, 0, 8);
  assert.equal(first, 'Epoch 1:');
  assert.equal(head.text(enc.encode('Epoch 1: 6%'), 0, 8), first);
  assert.equal(head.text(enc.encode('Epoch 2: 6%'), 0, 8), 'Epoch 2:');
});
