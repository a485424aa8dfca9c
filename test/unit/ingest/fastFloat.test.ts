// The double-double tier of fastFloat (16–19 significant digits, exponents past Clinger's range):
// wherever it answers it must equal Number(), most of all beside rounding midpoints, where it has
// to decline rather than guess; and it must answer the float reprs loggers print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAsciiNumber, parseAsciiNumberString } from '../../../src/ingest/text/fastFloat';
import { prng } from './helpers';

const enc = new TextEncoder();

/** parseAsciiNumber's answer, checked against Number() and the string twin; NaN when it declined. */
function answer(t: string): number {
  const b = enc.encode(t);
  const got = parseAsciiNumber(b, 0, b.length);
  assert.ok(Object.is(parseAsciiNumberString(t, 0, t.length), got), `string and byte versions agree on ${t}`);
  if (!Number.isNaN(got)) assert.ok(Object.is(got, Number(t)), `${t}: ${got} vs Number() ${Number(t)}`);
  return got;
}

/** The exact decimal halfway between double x > 0 and the next double up. */
function midpointAbove(x: number): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const bits = dv.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn) - 1075;
  const m = 2n * ((bits & ((1n << 52n) - 1n)) | (1n << 52n)) + 1n; // value = m * 2^(e-1)
  if (e - 1 >= 0) return (m << BigInt(e - 1)).toString();
  const sh = 1 - e;
  const digits = (m * 5n ** BigInt(sh)).toString().padStart(sh + 1, '0');
  return `${digits.slice(0, digits.length - sh)}.${digits.slice(digits.length - sh)}`;
}

/** `s` cut to `n` significant digits (no rounding). */
function cut(s: string, n: number): string {
  let count = 0;
  let k = 0;
  let started = false;
  for (; k < s.length && count < n; k++) {
    if (s[k] === '.') continue;
    if (s[k] !== '0') started = true;
    if (started) count++;
  }
  return s.slice(0, k);
}

test('17-digit float64 and float32 reprs are answered, exactly as Number()', () => {
  const rand = prng(17);
  let answered = 0;
  let total = 0;
  for (let k = 0; k < 20000; k++) {
    const v = (rand() - 0.5) * 10 ** Math.floor(rand() * 30 - 15);
    for (const t of [String(v), String(Math.fround(v)), v.toPrecision(19), v.toExponential(18)]) {
      total++;
      if (!Number.isNaN(answer(t))) answered++;
    }
  }
  // declining is reserved for near-midpoints: practically never on real reprs
  assert.ok(answered > total * 0.999, `answered ${answered} of ${total}`);
  for (const t of ['0.0010000000474974513', '3.0000123456789012', '-1.2345678901234567e-7', '9.999999999999999e22', '1.2345678901234567e+40']) assert.ok(!Number.isNaN(answer(t)), t);
});

test('beside a rounding midpoint it equals Number() or declines', () => {
  const rand = prng(0x3d);
  let declined = 0;
  const dv = new DataView(new ArrayBuffer(8));
  for (let k = 0; k < 5000; k++) {
    dv.setUint32(0, 0x3c000000 + Math.floor(rand() * 0x0fe00000)); // exponents about 2^-63 .. 2^190
    dv.setUint32(4, Math.floor(rand() * 2 ** 32));
    const mid = midpointAbove(dv.getFloat64(0));
    for (const n of [16, 17, 18, 19]) {
      const t = cut(mid, n);
      if (Number.isNaN(answer(t))) declined++;
      const last = t.charCodeAt(t.length - 1);
      if (last >= 49 && last <= 56) answer(t.slice(0, -1) + String.fromCharCode(last + 1)); // just above
    }
  }
  // a midpoint short enough to be cut whole (an integer near 2^54..2^63) is an exact tie and must
  // go to Number(); the rest, within 2^-10 ulp of a midpoint, must be answered right
  assert.ok(declined > 100 && declined < 5000, `declined ${declined} of 20000`);
  // exact ties: 2^53 + 1 and its scaled forms go to Number()
  for (const t of ['9007199254740993', '9007199254740993e-3', '900719925474099.3', '9007199254740993e5']) answer(t);
  // more than 19 significant digits: always Number()
  assert.ok(Number.isNaN(answer('1.2345678901234567891')));
  assert.ok(Number.isNaN(answer('12345678901234567890123')));
});
