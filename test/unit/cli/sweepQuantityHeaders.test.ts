// A sweep whose headers say what each short column counts ("N (params)", "D (tokens)") fits the
// Chinchilla surface without --n/--d: the columns are found as N and D are, in plain counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitJson } from '../surfaces/surfaceCli';
import { scratchTree } from '../ingest/helpers';

const { root, put } = scratchTree('sl-sweep-words-');

/** A Chinchilla surface sampled on a 4×4 grid of sizes and token counts. */
function sweep(header: string): string {
  const rows = [header];
  for (const n of [1e8, 3e8, 1e9, 3e9]) for (const d of [2e9, 6e9, 2e10, 6e10]) rows.push(`${n},${d},${6 * n * d},${(1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28).toFixed(5)}`);
  return rows.join('\n') + '\n';
}

test('fit --law chinchilla on "N (params),D (tokens),C (FLOPs),loss" needs no --n and fits as the plain N,D,C table does', async () => {
  put('words.csv', sweep('N (params),D (tokens),C (FLOPs),loss'));
  put('plain.csv', sweep('N,D,C,loss'));
  const words = await fitJson([`${root}/words.csv`, '--law', 'chinchilla', '--json']);
  const plain = await fitJson([`${root}/plain.csv`, '--law', 'chinchilla', '--json']);
  assert.equal(words.points, 16);
  assert.deepEqual(words.params, plain.params);
  assert.ok(Math.abs(words.params.alpha! - 0.34) < 0.01, JSON.stringify(words.params));
});
