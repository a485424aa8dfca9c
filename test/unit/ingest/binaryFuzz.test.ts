// Seeded mutation fuzzing (5,000 inputs per decoder here; 100,000 in bench/binaryFuzz.bench.ts):
// no input may throw, hang, move `consumed` backwards, or break the series/x alignment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tfeventsFormat } from '../../../src/ingest/formats/tfevents';
import { wandbFormat } from '../../../src/ingest/formats/wandb';
import { fuzz, fuzzInput, runOne } from './binaryFuzz';
import { tfeventsCorpus, wandbCorpus } from './binaryCorpus';
import { decodeAll, prng } from './helpers';

const COUNT = 5000;

for (const [name, format, corpus] of [
  ['tfevents', tfeventsFormat, tfeventsCorpus()],
  ['wandb', wandbFormat, wandbCorpus()],
] as const) {
  test(`${name}: ${COUNT} mutated inputs decode without throwing and keep the invariants`, () => {
    const report = fuzz(format, corpus, COUNT, prng(0x5eed + name.length));
    const first = report.failures[0];
    assert.equal(report.failures.length, 0, first ? `input #${first.iteration} (${first.input.length} bytes): ${first.error}` : '');
  });

  test(`${name}: the corpus is valid before mutation and payload mutations still reach the decoder`, () => {
    for (const f of corpus.files) {
      const d = decodeAll(format, '/fuzz/run/x', f);
      assert.deepEqual(d.warnings().filter((w) => !/^restart/.test(w.message)), []);
      assert.ok(d.runs()[0].series.length > 0);
    }
    // re-framed mutated payloads pass the CRCs, so some of them must produce protobuf-level warnings
    const rand = prng(42);
    let protoWarnings = 0;
    for (let i = 0; i < 300; i++) {
      const d = decodeAll(format, '/fuzz/run/x', fuzzInput(corpus, rand));
      protoWarnings += d.warnings().filter((w) => /malformed/.test(w.message)).length;
    }
    assert.ok(protoWarnings > 0);
    // the harness itself catches a throwing decoder
    const throwing = { ...format, createDecoder: () => ({ ...format.createDecoder('x'), push: () => { throw new Error('boom'); } }) };
    assert.match(runOne(throwing, new Uint8Array(3), rand) ?? '', /threw: Error: boom/);
  });
}
