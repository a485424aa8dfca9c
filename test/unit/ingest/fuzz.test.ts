// A quick fuzz pass per text format (the 100,000-input run per format is `npm run fuzz`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzFormat, TEXT_FORMATS } from './fuzzCore';

// small enough to keep the unit suite fast; `npm run fuzz` runs 100,000 per format
const PER_FORMAT = 300;

for (const id of TEXT_FORMATS) {
  test(`fuzz ${id}: ${PER_FORMAT} mutated inputs, no exception`, () => {
    const r = fuzzFormat(id, PER_FORMAT, 0xf00d + id.length);
    assert.deepEqual(r.failures, [], `${r.failures.length} failure(s)`);
    assert.equal(r.inputs, PER_FORMAT);
  });
}
