// Which series a log is fitted on when --y is not given: the split's own loss before a named
// evaluation set's, and never the run's machinery (LR, gradient norm, throughput) as "the loss".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMachineryKey, yKeysOf } from '../../../src/ingest/model/columns';
import type { SeriesData, SourceData } from '../../../src/ingest/model/model';
import { sourceCurves } from '../../../src/cli/sourceCurves';

const f = (v: number[]) => Float64Array.from(v);
const s = (key: string, split: SeriesData['split']): SeriesData => ({ key, split, x: { step: f([1, 2, 3, 4, 5]) }, y: f([3, 2.8, 2.7, 2.6, 2.5]) });
const source = (series: SeriesData[]): SourceData => ({ format: 'jsonl', warnings: [], runs: [{ name: 'r', origin: '/r', format: 'jsonl', series }] });

test("the split's own loss leads a named evaluation set's: val/loss before eval/wikitext_loss, eval_loss before eval_arc_loss", () => {
  assert.equal(yKeysOf(source([s('eval/wikitext_loss', 'val'), s('val/loss', 'val'), s('train/loss', 'train')]))[0], 'val/loss');
  assert.equal(yKeysOf(source([s('eval_arc_loss', 'val'), s('eval_loss', 'val')]))[0], 'eval_loss');
  // a named set alone still leads the train loss
  assert.equal(yKeysOf(source([s('train/loss', 'train'), s('eval/wikitext_loss', 'val')]))[0], 'eval/wikitext_loss');
});

test("the run's machinery (LR, gradient norm, throughput, loss scale) is told from what a curve measures (acc_norm is an accuracy)", () => {
  for (const k of ['val_loss', 'eval/wikitext_loss', 'perplexity', 'top1_err', 'val_acc', 'acc_norm', 'bpb', 'small', 'value']) assert.ok(!isMachineryKey(k), k);
  for (const k of ['lr', 'train/lr', 'grad_norm', 'param_norm', 'tokens_per_sec', 'loss_scale', 'iter_time', 'gpu_mem']) assert.ok(isMachineryKey(k), k);
});

test('fit without --y on a log of only machinery series is refused, naming the series; other series are fitted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-noloss-'));
  const rows = Array.from({ length: 30 }, (_, i) => `${(i + 1) * 10},${3e-4},${1 + 1 / (i + 1)},${5000 + i}`);
  const file = join(dir, 'stats.csv');
  writeFileSync(file, ['step,lr,grad_norm,tokens_per_sec', ...rows].join('\n') + '\n');
  await assert.rejects(sourceCurves({ path: file, groupCols: [] }), /no series is named like a loss, an error or an accuracy .*--y \(series: /);
  const one = join(dir, 'one.csv');
  writeFileSync(one, ['step,value', ...rows.map((r) => r.split(',').slice(0, 2).join(','))].join('\n') + '\n');
  assert.equal((await sourceCurves({ path: one, groupCols: [] })).yKey, 'value');
  // a table of runs by their names, and lm-eval's normalised accuracy beside an LR
  const sizes = join(dir, 'sizes.csv');
  writeFileSync(sizes, ['tokens,small,large', ...rows.map((_, i) => `${(i + 1) * 1e6},${3 - i / 100},${2.8 - i / 100}`)].join('\n') + '\n');
  assert.ok(['small', 'large'].includes((await sourceCurves({ path: sizes, groupCols: [] })).yKey!));
  const acc = join(dir, 'acc.csv');
  writeFileSync(acc, ['step,acc_norm,lr', ...rows.map((_, i) => `${(i + 1) * 10},${0.3 + i / 100},3e-4`)].join('\n') + '\n');
  assert.equal((await sourceCurves({ path: acc, groupCols: [] })).yKey, 'acc_norm');
  // a lone LR is no learning curve either
  const lr = join(dir, 'lr.csv');
  writeFileSync(lr, ['step,lr', ...rows.map((_, i) => `${(i + 1) * 10},3e-4`)].join('\n') + '\n');
  await assert.rejects(sourceCurves({ path: lr, groupCols: [] }), /the run's machinery/);
});
