// A run's config beside its log (Lightning hparams.yaml, W&B config.yaml, MLflow params/, an HF
// config.json) becomes the run's metadata: its size makes runs of several sizes a sweep across
// sizes, its planned length the end of a schedule read off the logged LR. Read-only; a broken
// config is a warning, never a lost run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flattenConfig, numberUnder, parseJsonConfig, parseYamlConfig } from '../../../src/ingest/model/runConfig';
import { readSource } from '../../../src/ingest/files/read';
import { watchSource } from '../../../src/ingest/files/watch';
import { plannedStepsOf } from '../../../src/ingest/model/plannedSteps';
import { acrossSizesCaution, DERIVED_SIZE_KEY, isSizeSweep, withSizeSweep } from '../../../src/ingest/model/sizeSweep';
import type { SourceData } from '../../../src/ingest/model/model';
import { runConfigLine } from '../../../src/extension/model/runConfigText';
import { validateToWebview } from '../../../src/shared/validate';
import { eventFile, valueSimple } from './binaryWriters';

const dir = mkdtempSync(join(tmpdir(), 'sl-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'logformats');

function put(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const CSV = 'step,train_loss\n100,3.2\n200,3.0\n300,2.9\n';

test("Lightning's hparams.yaml (the fixture) reads as typed values", () => {
  const { meta, problem } = parseYamlConfig(readFileSync(join(FIXTURE, 'hparams.yaml'), 'utf8'));
  assert.equal(problem, undefined);
  assert.deepEqual(meta, { batch_size: 32, block_size: 256, dropout: 0.1, learning_rate: 0.0003, n_embd: 384, n_layer: 6, optimizer: 'AdamW' });
});

test('nested maps become dotted keys, W&B {value, desc} entries their value, bookkeeping and nulls are dropped', () => {
  const { meta } = flattenConfig({ wandb_version: 1, _wandb: { value: { cli_version: '0.17' } }, lr: { desc: null, value: 6e-4 }, model: { n_layer: 12, act: 'gelu', dims: [64, 128], drop: null }, warmup: '2000', amp: true });
  assert.deepEqual(meta, { lr: 6e-4, 'model.n_layer': 12, 'model.act': 'gelu', 'model.dims': '[64, 128]', warmup: 2000, amp: 'true' });
});

test('Python tags yaml.dump writes are read as plain values; broken YAML and JSON say why', () => {
  const tagged = parseYamlConfig('args: !!python/object:argparse.Namespace\n  lr: 0.001\n  max_iters: 5000\nbetas: !!python/tuple\n- 0.9\n- 0.95\n');
  assert.equal(tagged.meta['args.lr'], 0.001);
  assert.equal(tagged.meta['args.max_iters'], 5000);
  assert.equal(tagged.meta['betas'], '[0.9, 0.95]');
  assert.match(parseYamlConfig('a: [1, 2\nb: {').problem ?? '', /not valid YAML/);
  assert.match(parseJsonConfig('{"a": 1').problem ?? '', /not valid JSON/);
  // a billion laughs stops at the alias limit; a document that is not a map holds no config
  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdef'[i]}`).join(', ')}]`)].join('\n');
  assert.match(parseYamlConfig(laughs).problem ?? '', /alias/);
  assert.deepEqual(parseYamlConfig('- 1\n- 2\n').meta, {});
  assert.deepEqual(parseYamlConfig('just text').meta, {});
  const many = flattenConfig(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, i])));
  assert.equal(Object.keys(many.meta).length, 300);
  assert.match(many.problem ?? '', /first 300/);
});

test('a Lightning run folder, a W&B run, an MLflow run and an HF checkpoint each carry their config; nothing is written', async () => {
  const root = join(dir, 'trackers');
  const hp = put(join(root, 'lightning_logs', 'version_0', 'hparams.yaml'), 'n_layer: 6\nn_embd: 384\nmax_steps: 5000\n');
  put(join(root, 'lightning_logs', 'version_0', 'metrics.csv'), CSV);
  put(join(root, 'wandb', 'run-20240101_000000-abc', 'files', 'config.yaml'), 'wandb_version: 1\nlr:\n  desc: null\n  value: 0.0006\n');
  put(join(root, 'wandb', 'run-20240101_000000-abc', 'files', 'wandb-history.jsonl'), '{"_step": 1, "loss": 3.1}\n{"_step": 2, "loss": 2.9}\n');
  const run = join(root, 'mlruns', '1', 'f00d');
  put(join(run, 'meta.yaml'), 'run_name: small\n');
  put(join(run, 'metrics', 'loss'), '1700000000000 3.1 1\n1700000001000 2.9 2\n');
  put(join(run, 'params', 'n_params'), '124M');
  put(join(run, 'params', 'optim', 'lr'), '3e-4');
  put(join(root, 'hf', 'trainer_state.json'), JSON.stringify({ max_steps: 10, log_history: [{ step: 1, loss: 3 }, { step: 2, loss: 2.5 }] }));
  put(join(root, 'hf', 'config.json'), JSON.stringify({ model_type: 'gpt2', n_layer: 12, n_embd: 768 }));
  const before = statSync(hp).mtimeMs;
  const { inspectJson } = await import('../../../src/cli/commands/inspect');
  const src = await readSource(root);
  const meta = (name: string) => src.runs.find((r) => r.name.startsWith(name))?.meta;
  assert.deepEqual(meta('lightning_logs'), { n_layer: 6, n_embd: 384, max_steps: 5000 });
  assert.equal(meta('wandb')?.['lr'], 0.0006);
  assert.deepEqual(meta('small'), { n_params: '124M', 'optim/lr': 3e-4 });
  assert.equal(numberUnder(meta('small'), new Set(['lr']))?.value, 3e-4, "an MLflow param's folders nest it as dots do");
  // the log's own facts win over its config's
  assert.equal(meta('hf')?.['max_steps'], 10);
  assert.equal(meta('hf')?.['n_layer'], 12);
  assert.equal(statSync(hp).mtimeMs, before);
  assert.deepEqual(inspectJson(src).runs.find((r) => r.name.startsWith('lightning_logs'))?.meta, { n_layer: 6, n_embd: 384, max_steps: 5000 });
  assert.deepEqual(src.warnings, []);
});

test('a log opened by itself finds its config beside it; a broken config is a warning and the run is still read', async () => {
  const good = put(join(dir, 'single', 'metrics.csv'), CSV);
  put(join(dir, 'single', 'hparams.yaml'), 'max_iters: 600000\n');
  const one = await readSource(good);
  assert.equal(plannedStepsOf(one.runs[0]!), 600000);
  const bad = put(join(dir, 'broken', 'metrics.csv'), CSV);
  put(join(dir, 'broken', 'hparams.yaml'), 'lr: [0.1\n');
  const read = await readSource(bad);
  assert.equal(read.runs[0]!.series[0]!.y.length, 3);
  assert.equal(read.runs[0]!.meta, undefined);
  assert.match(read.warnings.map((w) => w.message).join('\n'), /run config not read: not valid YAML/);
});

test("a watched folder's runs carry their configs", async () => {
  const root = join(dir, 'watched');
  put(join(root, 'a', 'metrics.csv'), CSV);
  put(join(root, 'a', 'config.yaml'), 'model:\n  n_layer: 2\n');
  let last: SourceData | undefined;
  const w = watchSource(root, (s) => (last = s), { pollMs: 60_000, rescanMs: 0 });
  try {
    await w.refresh();
    assert.equal(last?.runs[0]?.meta?.['model.n_layer'], 2);
    // Lightning may write hparams.yaml after the first metrics: the run picks it up
    put(join(root, 'b', 'metrics.csv'), CSV);
    await w.refresh();
    assert.equal(last?.runs.find((r) => r.name === 'b')?.meta, undefined);
    put(join(root, 'b', 'hparams.yaml'), 'max_steps: 900\n');
    await w.refresh();
    assert.equal(plannedStepsOf(last!.runs.find((r) => r.name === 'b')!), 900);
  } finally {
    w.dispose();
  }
});

test('runs of a sweep whose configs give depth and width form a family sized 12·n_layer·d_model², and the caution says so', async () => {
  const root = join(dir, 'depths');
  const law = (n: number, d: number) => 1.69 + 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
  const shapes = [[4, 256], [6, 384], [8, 512], [12, 768]] as const;
  shapes.forEach(([layers, width], i) => {
    const rows = ['step,tokens,val_loss'];
    for (let s = 100; s <= 5000; s += 100) rows.push(`${s},${s * 65536},${law(12 * layers * width * width, s * 65536)}`);
    put(join(root, 'lightning_logs', `version_${i}`, 'metrics.csv'), rows.join('\n') + '\n');
    put(join(root, 'lightning_logs', `version_${i}`, 'hparams.yaml'), `model:\n  n_layer: ${layers}\n  n_embd: ${width}\n`);
  });
  const src = withSizeSweep(await readSource(root));
  const across = src.runs.find(isSizeSweep);
  assert.ok(across, 'a sweep across sizes is built');
  const sizes = [...new Set(across.series[0]!.x.params)].sort((a, b) => a - b);
  assert.deepEqual(sizes, shapes.map(([l, w]) => 12 * l * w * w));
  assert.match(acrossSizesCaution(across, 'tokens', 'D'), new RegExp(`N is ${DERIVED_SIZE_KEY} from each run's config`));
  // a config without both depth and width states no size
  const plain = withSizeSweep(await readSource(join(dir, 'trackers')));
  assert.equal(plain.runs.some(isSizeSweep), false);
});

test("the panel's config line names what the run records, not what its name already says, and the protocol carries it", async () => {
  const src = await readSource(join(dir, 'trackers'));
  const lightning = src.runs.find((r) => r.name.startsWith('lightning_logs'));
  assert.equal(runConfigLine(lightning), 'n_layer 6 · n_embd 384 · max_steps 5000');
  // an HF Trainer's hundred args: what tells runs apart comes first
  const hf = { name: 'gpt2', origin: 'e', format: 'tfevents' as const, series: [], meta: { 'args.output_dir': 'out', 'args.overwrite_output_dir': 'false', 'args.learning_rate': 5e-5, 'args.max_steps': 5000, 'model_config.n_layer': 12 } };
  assert.equal(runConfigLine(hf), 'model_config.n_layer 12 · args.max_steps 5000 · args.learning_rate 5e-5 · args.output_dir out · args.overwrite_output_dir false');
  // a Megatron run: its length and tokens per step early, the derivation of the tokens axis not at all
  const megatron = { name: 'gpt', origin: 'g.log', format: 'text' as const, series: [], meta: { iteration_total: 500000, micro_batch_size: 4, seq_length: 2048, global_batch_size: 512, lr_decay_style: 'cosine', train_iters: 500000, tokens_per_step: 1048576, tokens_from: 'step × 1048576 (global_batch_size 512 × seq_length 2048)' } };
  assert.equal(runConfigLine(megatron), 'train_iters 500000 · tokens_per_step 1048576 · global_batch_size 512 · lr_decay_style cosine · micro_batch_size 4 · seq_length 2048');
  assert.equal(runConfigLine({ ...megatron, meta: { step_total: 19560 } }), 'step_total 19560');
  const rnsl = { name: 'NMT/log_perplexity/6 Enc, 6 Dec', origin: 'b.csv', format: 'rnsl-benchmark' as const, series: [], meta: { domain: 'NMT', task: 'log_perplexity', model: '6 Enc, 6 Dec' } };
  assert.equal(runConfigLine(rnsl), undefined);
  const long = { ...rnsl, name: 'r', meta: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i === 0 ? 0.00025 : i])) };
  assert.match(runConfigLine(long) ?? '', /^k0 2\.5e-4 · k1 1 · .* \(\+3 more\)$/);
  const data = { title: 't', source: 's', curves: [{ id: '0:loss', label: 'a', points: 3, config: 'n_layer 6' }], selected: ['0:loss'], tables: [], targetText: '', warnings: [] };
  assert.ok(validateToWebview({ type: 'data', data }));
  assert.throws(() => validateToWebview({ type: 'data', data: { ...data, curves: [{ ...data.curves[0], config: 6 }] } }), /curves\[0\]\.config: expected a string/);
});

test('one config in a folder of several runs describes none of them', async () => {
  const root = join(dir, 'shared');
  put(join(root, 'a.csv'), CSV);
  put(join(root, 'b.csv'), CSV);
  put(join(root, 'hparams.yaml'), 'n_layer: 6\n');
  const src = await readSource(root);
  assert.deepEqual(src.runs.map((r) => r.meta), [undefined, undefined]);
  put(join(root, 'c', 'metrics.csv'), CSV);
  put(join(root, 'c', 'hparams.yaml'), 'n_layer: 8\n');
  const again = await readSource(root);
  assert.equal(again.runs.find((r) => r.name === 'c')?.meta?.['n_layer'], 8);
});

test("a log opened by itself beside other logs does not take their folder's config; a W&B run's console log never takes the run's", async () => {
  const shared = put(join(dir, 'mixed', 'a.csv'), CSV);
  put(join(dir, 'mixed', 'b.log'), 'step 1: loss 3.0\nstep 2: loss 2.5\nstep 3: loss 2.2\n');
  put(join(dir, 'mixed', 'notes.md'), '# not a log\n');
  put(join(dir, 'mixed', 'hparams.yaml'), 'n_layer: 6\n');
  assert.equal((await readSource(shared)).runs[0]!.meta, undefined);
  const alone = put(join(dir, 'alone', 'a.csv'), CSV);
  put(join(dir, 'alone', 'notes.md'), '# not a log\n');
  put(join(dir, 'alone', 'hparams.yaml'), 'n_layer: 6\n');
  assert.equal((await readSource(alone)).runs[0]!.meta?.['n_layer'], 6);
  const files = join(dir, 'wandb-run', 'files');
  put(join(files, 'config.yaml'), 'lr:\n  value: 0.001\n');
  const console = put(join(files, 'output.log'), 'step 1: loss 3.0\nstep 2: loss 2.5\nstep 3: loss 2.2\n');
  assert.equal((await readSource(console)).runs[0]!.meta, undefined);
});

test("an event file opened by itself keeps its folder's hparams.yaml beside the run's other event files (a restart), not beside another log", async () => {
  const folder = join(dir, 'tb', 'version_0');
  const events = (loss: number) => eventFile([{ step: 1, values: [valueSimple('train_loss', loss)] }, { step: 2, values: [valueSimple('train_loss', loss - 0.5)] }]);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'events.out.tfevents.1.host.1.0'), events(3));
  writeFileSync(join(folder, 'events.out.tfevents.2.host.1.0'), events(2.9));
  put(join(folder, 'hparams.yaml'), 'n_layer: 6\n');
  assert.equal((await readSource(join(folder, 'events.out.tfevents.2.host.1.0'))).runs[0]?.meta?.['n_layer'], 6);
  put(join(folder, 'metrics.csv'), CSV);
  assert.equal((await readSource(join(folder, 'events.out.tfevents.2.host.1.0'))).runs[0]?.meta?.['n_layer'], undefined);
});
