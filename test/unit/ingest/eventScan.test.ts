// The event fast path must agree with the general walker or decline: it recognises the common
// layouts and answers false (or undefined) for anything else, never a different value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventFields, ValueFields, scanEvent, scanFloatTensor, scanValue } from '../../../src/ingest/records/eventScan';
import { ProtoReader } from '../../../src/ingest/records/protobuf';
import { TensorScalarReader } from '../../../src/ingest/records/tensorScalar';

const u8 = (...b: number[]): Uint8Array => Uint8Array.from(b);
const dv = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

test('scanEvent reads wall time, step and summary bounds; declines other fields and long steps', () => {
  const f = new EventFields();
  const ev = u8(0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xac, 0x02, 0x2a, 0x02, 0x0a, 0x00);
  assert.equal(scanEvent(ev, dv(ev), 0, ev.length, f), true);
  assert.deepEqual([f.wallTime, f.step, f.summaryStart, f.summaryEnd], [1, 300, 14, 16]);
  const session = u8(0x3a, 0x02, 0x08, 0x01);
  assert.equal(scanEvent(session, dv(session), 0, session.length, f), false);
  const negative = u8(0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  assert.equal(scanEvent(negative, dv(negative), 0, negative.length, f), false);
  const overrun = u8(0x2a, 0x05, 0x0a);
  assert.equal(scanEvent(overrun, dv(overrun), 0, overrun.length, f), false);
});

test('scanValue reads tag and simple_value; declines unknown fields', () => {
  const v = new ValueFields();
  const b = u8(0x0a, 0x01, 0x61, 0x15, 0, 0, 0x80, 0x3f);
  assert.equal(scanValue(b, dv(b), 0, b.length, v), true);
  assert.deepEqual([v.tagStart, v.tagEnd, v.hasSimple, v.simple, v.tensorStart], [2, 3, true, 1, -1]);
  const other = u8(0x0a, 0x01, 0x61, 0x1a, 0x00);
  assert.equal(scanValue(other, dv(other), 0, other.length, v), false);
});

test('scanFloatTensor agrees with TensorScalarReader on the layouts it accepts, and only those', () => {
  const general = (b: Uint8Array): number | undefined => new TensorScalarReader().read(new ProtoReader().reset(b, dv(b), 0, b.length), dv(b));
  const floatVal = u8(0x08, 0x01, 0x2a, 0x04, 0, 0, 0x20, 0x40);
  const content = u8(0x08, 0x01, 0x12, 0x00, 0x22, 0x04, 0, 0, 0xc0, 0x3f);
  for (const b of [floatVal, content]) assert.equal(scanFloatTensor(b, dv(b), 0, b.length), general(b));
  assert.equal(scanFloatTensor(floatVal, dv(floatVal), 0, floatVal.length), 2.5);
  const double = u8(0x08, 0x02, 0x2a, 0x04, 0, 0, 0x20, 0x40);
  assert.equal(scanFloatTensor(double, dv(double), 0, double.length), undefined);
  const twoFloats = u8(0x08, 0x01, 0x2a, 0x08, 0, 0, 0x20, 0x40, 0, 0, 0x20, 0x40);
  assert.equal(scanFloatTensor(twoFloats, dv(twoFloats), 0, twoFloats.length), undefined);
});
