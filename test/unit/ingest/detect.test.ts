// Every fixture is recognised as its format by name and content; content alone is enough for the
// specific formats; detection never throws on junk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect, detectAll } from '../../../src/ingest/formats/detect';
import { fixtureBytes } from './helpers';

const cases: [file: string, asNamed: string, format: string][] = [
  ['metrics.csv', 'lightning_logs/version_0/metrics.csv', 'lightning'],
  ['keras_log.csv', 'training.log', 'keras'],
  ['trainer_state.json', 'out/checkpoint-60/trainer_state.json', 'hf-trainer-state'],
  ['hf_trainer_stdout.log', 'stdout.log', 'text'],
  ['detectron2_metrics.json', 'output/metrics.json', 'jsonl'],
  ['wandb-history.jsonl', 'files/wandb-history.jsonl', 'jsonl'],
  ['mlruns_metric_loss', 'mlruns/0/abc/metrics/loss', 'mlflow'],
  ['nanogpt_train.log', 'train.log', 'text'],
  ['torchtitan_stdout.log', 'run.out', 'text'],
  ['dvclive_train_loss.tsv', 'dvclive/plots/metrics/train/loss.tsv', 'csv'],
  ['scaling_sweep_CNDloss.csv', 'df.csv', 'sweep'],
  ['epoch_chinchilla_format.csv', 'svg_extracted_data.csv', 'sweep'],
  ['sweep_decimal_comma.csv', 'sweep.csv', 'sweep'],
];

for (const [file, name, format] of cases) {
  test(`detect ${file} as ${format}`, () => {
    assert.equal(detect(name, fixtureBytes(file))?.id, format);
    assert.equal(detect(file, fixtureBytes(file))?.id, format, 'under its fixture name too');
  });
}

test('content alone: trainer_state under another name, Lightning under another name', () => {
  assert.equal(detect('state.json', fixtureBytes('trainer_state.json'))?.id, 'hf-trainer-state');
  assert.equal(detect('my_metrics.csv', fixtureBytes('metrics.csv'))?.id, 'lightning');
  assert.equal(detect('metric', fixtureBytes('mlruns_metric_loss'))?.id, 'mlflow');
});

test('RNSL benchmark header wins over generic CSV', () => {
  const head = new TextEncoder().encode('Domain,Task,Model,Seen Examples,Loss,Training\nIC,bird_5,MiX/B/16,7700779.0,0.97,1\n');
  assert.equal(detect('anything.csv', head)?.id, 'rnsl-benchmark');
});

test('binary junk and empty input: no throw, no text match for NUL bytes', () => {
  const junk = new Uint8Array(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 97) & 0xff;
  assert.doesNotThrow(() => detectAll('x.bin', junk));
  assert.equal(detect('x.bin', junk), undefined);
  assert.doesNotThrow(() => detectAll('', new Uint8Array(0)));
});
