// Spreadsheet sweep tables put units in their headers: "params (M)", "tokens [B]", "compute
// (PF-days)". The sweep reader takes such a column by its bare name and scales its cells to counts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSource } from '../../../src/ingest/files/read';
import { headerUnit } from '../../../src/ingest/text/headerUnit';
import { series } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'sl-units-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('headerUnit: a trailing (unit) or [unit] as a scale; unknown units have none', () => {
  const cases: [string, string, number | undefined][] = [
    ['params (M)', 'params', 1e6], ['tokens [B]', 'tokens', 1e9], ['N (millions)', 'N', 1e6], ['D (B tokens)', 'D', 1e9],
    ['compute (PF-days)', 'compute', 8.64e19], ['params (K)', 'params', 1e3], ['tokens (T)', 'tokens', 1e12],
    ['loss (nats)', 'loss', undefined], ['params', 'params', 1], ['(M)', '(M)', 1],
    // a word naming what the short name counts, not a scale
    ['N (params)', 'N', 1], ['D (tokens)', 'D', 1], ['C (FLOPs)', 'C', 1], ['N (parameters)', 'N', 1],
  ];
  for (const [text, name, scale] of cases) {
    const u = headerUnit(text);
    assert.equal(u.name, name, text);
    assert.equal(u.scale, scale, text);
  }
});

test('a European Excel sweep ("params (M)";"tokens (B)";"final loss", decimal commas) is a sweep in counts', async () => {
  const p = join(dir, 'sweep_eu.csv');
  writeFileSync(p, '"params (M)";"tokens (B)";"final loss"\r\n125;2;3,91\r\n125;20;3,42\r\n350;2;3,61\r\n350;20;3,12\r\n');
  const s = await readSource(p);
  assert.equal(s.format, 'sweep');
  const loss = series(s.runs, 'final loss');
  assert.deepEqual(Array.from(loss.y), [3.91, 3.42, 3.61, 3.12]);
  assert.deepEqual(Array.from(loss.x.params!), [125e6, 125e6, 350e6, 350e6]);
  assert.deepEqual(Array.from(loss.x.tokens!), [2e9, 20e9, 2e9, 20e9]);
  assert.equal(loss.x.flops![0], 6 * 125e6 * 2e9);
  // said, so plain counts under a unit header are not scaled in silence
  assert.ok(s.warnings.some((w) => w.message === 'column "params (M)" read in its header\'s unit: each number × 1.00e+6'), s.warnings.map((w) => w.message).join('\n'));
});

test('a unit column wins over a column of model names; a size in a cell keeps its own scale', async () => {
  const p = join(dir, 'sweep_units.tsv');
  writeFileSync(p, 'model\tparams [M]\ttokens [B]\tval_loss\nm0\t125\t2\t3.9\nm1\t1.3B\t2\t3.1\n');
  const s = await readSource(p);
  assert.equal(s.format, 'sweep');
  assert.deepEqual(Array.from(series(s.runs, 'val_loss').x.params!), [125e6, 1.3e9]);
});

test('a count column with a unit that is not a scale is not read as plain counts', async () => {
  const p = join(dir, 'sweep_gpu.csv');
  writeFileSync(p, 'params (GPU-hours),tokens,loss\n5,2e9,3.9\n7,2e10,3.4\n');
  const s = await readSource(p);
  assert.equal(series(s.runs, 'loss').x.params, undefined);
});

test('"N (params)", "D (tokens)", "C (FLOPs)" name the quantity: a sweep in plain counts, nothing scaled or said', async () => {
  const p = join(dir, 'sweep_quantity_words.csv');
  writeFileSync(p, 'N (params),D (tokens),C (FLOPs),loss\n1.25e8,2.5e9,1.875e18,3.9\n1.25e8,2.5e10,1.875e19,3.4\n3.5e8,2.5e9,5.25e18,3.6\n3.5e8,2.5e10,5.25e19,3.1\n');
  const s = await readSource(p);
  assert.equal(s.format, 'sweep');
  const loss = series(s.runs, 'loss');
  assert.deepEqual(Array.from(loss.x.params!), [1.25e8, 1.25e8, 3.5e8, 3.5e8]);
  assert.deepEqual(Array.from(loss.x.tokens!), [2.5e9, 2.5e10, 2.5e9, 2.5e10]);
  assert.deepEqual(Array.from(loss.x.flops!), [1.875e18, 1.875e19, 5.25e18, 5.25e19]);
  assert.ok(!s.warnings.some((w) => /header's unit/.test(w.message)), s.warnings.map((w) => w.message).join('\n'));
});
