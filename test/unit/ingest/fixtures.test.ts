// Every fixture decodes to exactly what its text says: values compared to the fixture text with an
// independent naive parse, plus literal values read off the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvFormat } from '../../../src/ingest/formats/csv';
import { hfTrainerStateFormat } from '../../../src/ingest/formats/hfTrainerState';
import { jsonlFormat } from '../../../src/ingest/formats/jsonl';
import { kerasFormat } from '../../../src/ingest/formats/keras';
import { lightningFormat } from '../../../src/ingest/formats/lightning';
import { mlflowFormat } from '../../../src/ingest/formats/mlflow';
import { rnslBenchmarkFormat } from '../../../src/ingest/formats/rnslBenchmark';
import { sweepFormat } from '../../../src/ingest/formats/sweep';
import { textFormat } from '../../../src/ingest/formats/text';
import { plannedStepsOf } from '../../../src/ingest/model/plannedSteps';
import { yKeysOf } from '../../../src/ingest/model/columns';
import { decodeAll, fixtureBytes, fixturePath, fixtureText, naiveTable, series } from './helpers';

/** `xOffset`: what the reader adds to an x column's text (Keras's 0-based epoch read as epochs completed). */
function checkColumnsAgainstText(name: string, format: typeof csvFormat, xCols: Record<string, string>, delimiter = ',', xOffset = 0): void {
  const d = decodeAll(format, fixturePath(name), fixtureBytes(name));
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  const { header, rows } = naiveTable(fixtureText(name), delimiter);
  for (const [c, col] of header.entries()) {
    if (col in xCols || col === 'timestamp') continue;
    const cells = rows.map((r) => r[c]).filter((v) => v !== '' && v !== 'NA');
    const s = series(runs, col);
    assert.deepEqual(Array.from(s.y), cells.map(Number), `${name}: ${col} values`);
    for (const [xcol, kind] of Object.entries(xCols)) {
      const xc = header.indexOf(xcol);
      const expected = rows.filter((r) => r[c] !== '' && r[c] !== 'NA').map((r) => Number(r[xc]) + xOffset);
      assert.deepEqual(Array.from(s.x[kind as 'step']!), expected, `${name}: ${col} x ${kind}`);
    }
  }
  assert.equal(runs[0].series.length, header.length - Object.keys(xCols).length - (header.includes('timestamp') ? 1 : 0));
}

test('Lightning metrics.csv: blank cells, CRLF, step and epoch x, val split', () => {
  checkColumnsAgainstText('metrics.csv', lightningFormat, { step: 'step', epoch: 'epoch' });
  const runs = decodeAll(lightningFormat, fixturePath('metrics.csv'), fixtureBytes('metrics.csv')).runs();
  const val = series(runs, 'val_loss');
  assert.equal(val.split, 'val');
  assert.deepEqual(Array.from(val.x.step!), [99, 199]);
  assert.equal(val.y[0], 3.7007339000701904);
  assert.equal(val.y[1], 3.3368074893951416);
  assert.equal(series(runs, 'train_loss_step').split, 'train');
  assert.equal(series(runs, 'train_loss_step').y.length, 8);
  // 12 data rows: 8 step rows, 2 val rows, 2 epoch rows
  const total = runs[0].series.reduce((n, s) => n + s.y.length, 0);
  assert.equal(total, 8 + 2 * 2 + 2);
  assert.ok(runs[0].series.every((s) => !s.key.includes('\r')));
});

test('Lightning metrics.before_header_growth.csv: 3 rows under the narrow header', () => {
  checkColumnsAgainstText('metrics.before_header_growth.csv', lightningFormat, { step: 'step', epoch: 'epoch' });
});

test('Keras CSVLogger: epoch x (as epochs completed), train and val in one row', () => {
  checkColumnsAgainstText('keras_log.csv', kerasFormat, { epoch: 'epoch' }, ',', 1);
  const runs = decodeAll(kerasFormat, 'keras_log.csv', fixtureBytes('keras_log.csv')).runs();
  assert.deepEqual(Array.from(series(runs, 'val_loss').x.epoch!), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  assert.equal(series(runs, 'learning_rate').y[11], 0.00019999999494757503);
  assert.equal(series(runs, 'val_accuracy').split, 'val');
});

test('Keras NA cells are absent points, not zeros', () => {
  const text = 'epoch,loss,val_loss\r\n0,1.5,NA\r\n1,1.2,1.3\r\n';
  const runs = decodeAll(kerasFormat, 'log.csv', new TextEncoder().encode(text)).runs();
  assert.deepEqual(Array.from(series(runs, 'val_loss').y), [1.3]);
  assert.deepEqual(Array.from(series(runs, 'val_loss').x.epoch!), [2], 'the row at epoch 1 is 2 epochs completed');
  assert.deepEqual(Array.from(series(runs, 'loss').y), [1.5, 1.2]);
});

test('DVCLive TSV through generic CSV: tab sniffed, timestamp ignored', () => {
  checkColumnsAgainstText('dvclive_train_loss.tsv', csvFormat, { step: 'step' }, '\t');
});

test('generic CSV: BOM, quotes, nan/inf, blank and NA cells, semicolons', () => {
  const text = '\uFEFF"step";"train loss";note\n1;2.5;"a;b"\n2;nan;x\n3;inf;\n4;-Infinity;"multi\nline"\n5;NA;y\n';
  const d = decodeAll(csvFormat, 't.csv', new TextEncoder().encode(text));
  const runs = d.runs();
  const s = series(runs, 'train loss');
  assert.deepEqual(Array.from(s.y), [2.5, NaN, Infinity, -Infinity]);
  assert.deepEqual(Array.from(s.x.step!), [1, 2, 3, 4]);
  assert.equal(runs[0].series.length, 1, 'the text column "note" has no numbers');
  assert.deepEqual(d.warnings(), []);
});

test('HF trainer_state.json: train vs eval entries, tokens axis, compared to JSON.parse', () => {
  const d = decodeAll(hfTrainerStateFormat, fixturePath('trainer_state.json'), fixtureBytes('trainer_state.json'));
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  const doc = JSON.parse(fixtureText('trainer_state.json')) as { log_history: Record<string, number>[] };
  for (const key of ['loss', 'eval_loss', 'grad_norm']) {
    const entries = doc.log_history.filter((e) => key in e);
    const s = series(runs, key);
    assert.deepEqual(Array.from(s.y), entries.map((e) => e[key]));
    assert.deepEqual(Array.from(s.x.step!), entries.map((e) => e.step));
    assert.deepEqual(Array.from(s.x.tokens!), entries.map((e) => e.num_input_tokens_seen));
    assert.deepEqual(Array.from(s.x.epoch!), entries.map((e) => e.epoch));
  }
  assert.equal(series(runs, 'eval_loss').split, 'val');
  assert.equal(series(runs, 'loss').split, 'train');
  assert.deepEqual(Array.from(series(runs, 'eval_loss').y), [2.5912926197052, 2.451951026916504]);
  assert.equal(runs[0].meta?.global_step, 60);
});

test('HF trainer_state.json: bare NaN/Infinity accepted; half-written file warns, no throw', () => {
  const ok = '{"log_history": [{"loss": NaN, "step": 1}, {"loss": Infinity, "step": 2}, {"eval_loss": -Infinity, "step": 2}]}';
  const runs = decodeAll(hfTrainerStateFormat, 'trainer_state.json', new TextEncoder().encode(ok)).runs();
  assert.deepEqual(Array.from(series(runs, 'loss').y), [NaN, Infinity]);
  assert.deepEqual(Array.from(series(runs, 'eval_loss').y), [-Infinity]);
  const half = fixtureBytes('trainer_state.json').subarray(0, 700);
  const d = decodeAll(hfTrainerStateFormat, 'trainer_state.json', half);
  assert.equal(d.failed, true);
  assert.deepEqual(d.runs(), []);
  assert.equal(d.warnings().length, 1);
  assert.match(d.warnings()[0].message, /not complete JSON/);
});

test('HF Trainer stdout: dict lines between tqdm \\r redraws; the training bar places them at its step and gives the planned length', () => {
  const runs = decodeAll(textFormat, 'out.log', fixtureBytes('hf_trainer_stdout.log')).runs();
  const loss = series(runs, 'loss');
  assert.deepEqual(Array.from(loss.y), [2.8236928650383497, 2.6287430894121493, 2.520460398224652, 2.454400548167107, 2.4416605241165272, 2.4126823724236197]);
  assert.deepEqual(Array.from(loss.x.tokens!), [40960, 81920, 122880, 163840, 204800, 245760]);
  assert.deepEqual(Array.from(loss.x.epoch!), [0.25, 0.5, 0.75, 1, 1.25, 1.5]);
  assert.deepEqual(Array.from(loss.x.step!), [10, 20, 30, 40, 50, 60]);
  assert.equal(plannedStepsOf(runs[0]!), 120);
  const ev = series(runs, 'eval_loss');
  assert.equal(ev.split, 'val');
  assert.deepEqual(Array.from(ev.y), [2.5912926197052, 2.451951026916504]);
  assert.deepEqual(Array.from(ev.x.step!), [30, 60]);
  // the summary follows the finished bar (120/120): no step
  assert.deepEqual(Array.from(series(runs, 'train_loss').y), [2.2431901931762694]);
  assert.equal(series(runs, 'train_loss').x.step, undefined);
  // progress bars (keyless numbers) leave no series behind
  assert.ok(runs[0].series.every((s) => /^[a-z_]+$/.test(s.key)), runs[0].series.map((s) => s.key).join());
});

test("NeMo stdout: every drawing of its bar a step, read once; its logging prefix no metric; the resumed run's steps supersede the earlier run's, said once", () => {
  const d = decodeAll(textFormat, 'nemo_stdout.log', fixtureBytes('nemo_stdout.log'));
  const runs = d.runs();
  assert.deepEqual(runs[0]!.series.map((s) => s.key).sort(), ['loss', 'reduced_train_loss', 'val_loss']);
  const r = series(runs, 'reduced_train_loss');
  assert.deepEqual(Array.from(r.x.step!), Array.from({ length: 40 }, (_, st) => st));
  assert.equal(r.y[25], Number((2 + 9 * Math.pow(26, -0.3)).toFixed(3)));
  assert.deepEqual(Array.from(series(runs, 'val_loss').x.step!), [20]);
  assert.deepEqual(runs[0]!.notes, ["the run was resumed (its step went back to step 20 after step 29): the 20 point(s) the earlier run had logged from that step on (over 2 series) were dropped, the resumed run's kept"]);
  // the bar's bare `loss` is Lightning 1.x's 20-step running mean: the loss of each step leads
  assert.equal(yKeysOf({ format: 'text', runs, warnings: [] })[0], 'reduced_train_loss');
  const alone = runs.map((r) => ({ ...r, series: r.series.filter((s) => s.key !== 'reduced_train_loss') }));
  assert.equal(yKeysOf({ format: 'text', runs: alone, warnings: [] })[0], 'loss', 'without it, the bare loss leads');
});

test('detectron2 metrics.json: compared to JSON.parse per line', () => {
  const d = decodeAll(jsonlFormat, fixturePath('detectron2_metrics.json'), fixtureBytes('detectron2_metrics.json'));
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  const lines = fixtureText('detectron2_metrics.json').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
  for (const key of ['loss', 'loss_cls', 'lr', 'bbox/AP']) {
    const rows = lines.filter((l) => key in l);
    assert.deepEqual(Array.from(series(runs, key).y), rows.map((r) => r[key]));
    assert.deepEqual(Array.from(series(runs, key).x.step!), rows.map((r) => r.iteration));
  }
  assert.equal(series(runs, 'bbox/AP').y[0], 12.731);
  assert.ok(!runs[0].series.some((s) => s.key === 'eta_seconds' || s.key === 'iteration'));
});

test('wandb history JSONL: bare NaN, iter preferred over _step, _runtime as time', () => {
  const d = decodeAll(jsonlFormat, 'wandb-history.jsonl', fixtureBytes('wandb-history.jsonl'));
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  const tl = series(runs, 'train/loss');
  assert.equal(tl.y.length, 13);
  assert.ok(Number.isNaN(tl.y[12]));
  assert.equal(tl.y[0], 9.992998123168945);
  assert.equal(tl.x.step![12], 1100);
  assert.equal(tl.x.time![0], 4.16563925743103);
  assert.equal(series(runs, 'val/loss').split, 'val');
  assert.ok(!runs[0].series.some((s) => s.key.startsWith('_')));
});

test('MLflow metric file: "<ts> <value> <step>" lines compared to the text', () => {
  const d = decodeAll(mlflowFormat, '/x/mlruns/0/abc/metrics/train/loss', fixtureBytes('mlruns_metric_loss'));
  assert.deepEqual(d.warnings(), []);
  const s = series(d.runs(), 'train/loss');
  const rows = fixtureText('mlruns_metric_loss').trim().split('\n').map((l) => l.split(' ').map(Number));
  assert.deepEqual(Array.from(s.y), rows.map((r) => r[1]));
  assert.deepEqual(Array.from(s.x.step!), rows.map((r) => r[2]));
  assert.deepEqual(Array.from(s.x.time!), rows.map((r) => r[0] / 1000));
  assert.equal(s.y.length, 15);
});

test('nanoGPT log: train/val from eval lines, loss from iter lines, tokens = iter × tokens per iteration', () => {
  const runs = decodeAll(textFormat, 'train.log', fixtureBytes('nanogpt_train.log')).runs();
  assert.deepEqual(Array.from(series(runs, 'train loss').y), [10.9772, 2.2197]);
  assert.deepEqual(Array.from(series(runs, 'val loss').y), [11.0328, 2.2872]);
  assert.equal(series(runs, 'val loss').split, 'val');
  assert.deepEqual(Array.from(series(runs, 'val loss').x.tokens!), [0, 100 * 16384]);
  const loss = series(runs, 'loss');
  const iterLines = fixtureText('nanogpt_train.log').split('\n').filter((l) => l.startsWith('iter '));
  assert.equal(loss.y.length, iterLines.length);
  assert.deepEqual(Array.from(loss.y), iterLines.map((l) => Number(l.split('loss ')[1].split(',')[0])));
  assert.deepEqual(Array.from(loss.x.tokens!), Array.from(loss.x.step!, (s) => s * 16384));
  assert.equal(series(runs, 'mfu').y[0], -100);
  assert.equal(runs[0].meta?.tokens_per_iteration, 16384);
});

test('torchtitan log: ANSI colours, thousands separators, units, validate lines', () => {
  const runs = decodeAll(textFormat, 'stdout.log', fixtureBytes('torchtitan_stdout.log')).runs();
  assert.deepEqual(Array.from(series(runs, 'loss').y), [5.84899, 4.29892, 4.02607, 3.86718, 3.80093, 3.7574]);
  assert.deepEqual(Array.from(series(runs, 'loss').x.step!), [1, 10, 20, 30, 40, 50]);
  assert.deepEqual(Array.from(series(runs, 'tps').y), [6854, 6855, 6960, 6995, 6881, 6814]);
  assert.equal(series(runs, 'memory').y[0], 61.94);
  const v = series(runs, 'validate loss');
  assert.equal(v.split, 'val');
  assert.deepEqual(Array.from(v.y), [5.1432]);
  assert.deepEqual(Array.from(v.x.step!), [50]);
  assert.equal(series(runs, 'validate tps').y[0], 21344);
});

test('sweep C,N,D,loss table: one run, loss over params/tokens/flops', () => {
  const d = decodeAll(sweepFormat, 'df.csv', fixtureBytes('scaling_sweep_CNDloss.csv'));
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  assert.equal(runs.length, 1);
  const s = series(runs, 'loss');
  const { header, rows } = naiveTable(fixtureText('scaling_sweep_CNDloss.csv'));
  const col = (n: string): number[] => rows.map((r) => Number(r[header.indexOf(n)]));
  assert.deepEqual(Array.from(s.y), col('loss'));
  assert.deepEqual(Array.from(s.x.params!), col('N'));
  assert.deepEqual(Array.from(s.x.tokens!), col('D'));
  assert.deepEqual(Array.from(s.x.flops!), col('C'));
  assert.equal(s.y.length, 16);
});

test('Epoch AI layout: Model Size / Training FLOP, tokens derived as C/(6N)', () => {
  const runs = decodeAll(sweepFormat, 'e.csv', fixtureBytes('epoch_chinchilla_format.csv')).runs();
  const s = series(runs, 'loss');
  const { header, rows } = naiveTable(fixtureText('epoch_chinchilla_format.csv'));
  const n = rows.map((r) => Number(r[header.indexOf('Model Size')]));
  const c = rows.map((r) => Number(r[header.indexOf('Training FLOP')]));
  assert.deepEqual(Array.from(s.x.params!), n);
  assert.deepEqual(Array.from(s.x.flops!), c);
  assert.deepEqual(Array.from(s.x.tokens!), c.map((ci, i) => ci / (6 * n[i])));
  assert.deepEqual(Array.from(s.y), rows.map((r) => Number(r[header.indexOf('loss')])));
});

test('RNSL benchmark: one run per Domain/Task/Model, samples x, fitMask from Training', () => {
  const path = join(__dirname, '..', '..', '..', 'data', 'benchmark.lang.csv');
  const bytes = new Uint8Array(readFileSync(path));
  const d = decodeAll(rnslBenchmarkFormat, path, bytes);
  assert.deepEqual(d.warnings(), []);
  const runs = d.runs();
  // oracle: csv-parse over the whole file (Model cells are quoted and contain commas)
  const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
  const groups = new Map<string, Record<string, string>[]>();
  for (const r of rows) {
    const k = `${r.Domain}/${r.Task}/${r.Model}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  assert.equal(runs.length, groups.size);
  for (const run of runs) {
    const g = groups.get(run.name)!;
    assert.ok(g, run.name);
    const s = series([run], 'loss');
    assert.deepEqual(Array.from(s.y), g.map((r) => Number(r.Loss)));
    assert.deepEqual(Array.from(s.x.samples!), g.map((r) => Number(r['Seen Examples'])));
    assert.deepEqual(Array.from(s.fitMask!), g.map((r) => Number(r.Training)));
    assert.deepEqual(run.meta, { domain: g[0].Domain, task: g[0].Task, model: g[0].Model });
  }
});
