// The schedule a run's config states (HF TrainingArguments, nanoGPT): read as the spec a user would
// type, or refused with the reason; the panel suggests it, `forecast` follows it, `fit` points to it.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheduleOfConfig } from '../../../src/ingest/model/configSchedule';
import { plannedStepsOf } from '../../../src/ingest/model/plannedSteps';
import { readSource } from '../../../src/ingest/files/read';
import { LensSession } from '../../../src/extension/session';
import { testDeps, testSettings } from '../extension/sessionFixture';
import { command as forecastCommand } from '../../../src/cli/commands/forecast';
import { runForecastJob } from '../../../src/extension/forecastJob';
import { inspectJson, inspectText } from '../../../src/cli/commands/inspect';
import { rows, SPECS } from './lrData';
import { panelStateOf } from '../../../src/shared/protocol';
import { formatSchedule, lrAt, parseSchedule } from '../../../src/core/schedule/spec';

/** Luo et al.'s cosine_24000 spec in canonical text form. */
const COSINE_24000 = formatSchedule(parseSchedule(SPECS.cosine_24000));

const dir = mkdtempSync(join(tmpdir(), 'sl-config-schedule-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const text = (meta: Record<string, string | number>, planned?: number) => {
  const s = scheduleOfConfig(meta, planned);
  return s === undefined ? undefined : s.ok ? s.text : `refused: ${s.why}`;
};

test('HF TrainingArguments: each scheduler type as its spec; warmup_steps before warmup_ratio; max_steps = -1 takes the planned length or refuses', () => {
  const args = { 'args.learning_rate': 3e-4, 'args.warmup_steps': 2160, 'args.warmup_ratio': 0.1, 'args.max_steps': 24000 };
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'cosine' }), 'cosine:warmup=2160,total=24000,peak=0.0003,end=0');
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'linear' }), 'linear:warmup=2160,total=24000,peak=0.0003,end=0');
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'constant_with_warmup' }), 'constant:warmup=2160,total=24000,peak=0.0003');
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'constant' }), 'constant:warmup=0,total=24000,peak=0.0003');
  // Luo et al.'s cosine_24000 (peak 3e-4 to 3e-5), as an HF user would configure it
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'cosine_with_min_lr', 'args.lr_scheduler_kwargs.min_lr': 3e-5 }), COSINE_24000);
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'cosine_with_min_lr', 'args.lr_scheduler_kwargs.min_lr_rate': 0.1 }), 'cosine:warmup=2160,total=24000,peak=0.0003,end=0.00003');
  assert.equal(text({ ...args, 'args.lr_scheduler_type': 'warmup_stable_decay', 'args.lr_scheduler_kwargs.num_decay_steps': 4000, 'args.lr_scheduler_kwargs.decay_type': '1-sqrt' }), 'wsd:warmup=2160,decay=20000,total=24000,peak=0.0003,end=0,shape=sqrt');
  assert.equal(text({ ...args, 'args.warmup_steps': 0, 'args.lr_scheduler_type': 'cosine' }), 'cosine:warmup=2400,total=24000,peak=0.0003,end=0');
  const byEpochs = { ...args, 'args.max_steps': -1, 'args.lr_scheduler_type': 'cosine' };
  assert.match(text(byEpochs) ?? '', /^refused: max_steps is not set/);
  assert.equal(text(byEpochs, 30000), 'cosine:warmup=2160,total=30000,peak=0.0003,end=0');
  assert.match(text({ ...args, 'args.lr_scheduler_type': 'polynomial' }) ?? '', /^refused: lr_scheduler_type "polynomial"/);
  assert.match(text({ ...args, 'args.warmup_steps': 30000, 'args.lr_scheduler_type': 'cosine' }) ?? '', /^refused: bad schedule .*warmup must be/);
  assert.equal(text({ n_layer: 6, lr: 0.001 }), undefined, 'a config without a scheduler says nothing of one');
});

test("nanoGPT's config: cosine to min_lr at lr_decay_iters, held there to max_iters; constant without decay_lr", () => {
  const cfg = { learning_rate: 6e-4, warmup_iters: 2000, lr_decay_iters: 600000, max_iters: 600000, min_lr: 6e-5, decay_lr: 'true' };
  assert.equal(text(cfg), 'cosine:warmup=2000,total=600000,peak=0.0006,end=0.00006');
  assert.equal(text({ ...cfg, decay_lr: 'false' }), 'constant:warmup=2000,total=600000,peak=0.0006');
  // nanoGPT holds min_lr past lr_decay_iters
  const early = parseSchedule(text({ ...cfg, lr_decay_iters: 500000 })!);
  assert.equal(formatSchedule(early), 'cosine:warmup=2000,total=600000,peak=0.0006,end=0.00006,until=500000');
  assert.equal(lrAt(early, 550000), 6e-5);
  assert.match(text({ ...cfg, lr_decay_iters: 'None' }) ?? '', /^refused: lr_decay_iters is not set/);
});

test("Megatron-LM's arguments: lr_decay_style to min_lr at lr_decay_iters (held to train_iters), warmup by iterations or fraction, WSD's decay at the end", () => {
  const args = { lr_decay_style: 'cosine', lr: 3e-4, min_lr: 3e-5, lr_warmup_iters: 2000, lr_decay_iters: 'None', lr_warmup_fraction: 'None', train_iters: 500000 };
  assert.equal(text(args), 'cosine:warmup=2000,total=500000,peak=0.0003,end=0.00003');
  assert.equal(text({ ...args, lr_decay_style: 'linear', lr_warmup_fraction: 0.01 }), 'linear:warmup=5000,total=500000,peak=0.0003,end=0.00003');
  assert.equal(text({ ...args, lr_decay_style: 'constant' }), 'constant:warmup=2000,total=500000,peak=0.0003');
  assert.equal(text({ ...args, lr_decay_style: 'WSD', lr_wsd_decay_style: 'minus_sqrt', lr_wsd_decay_iters: 50000 }), 'wsd:warmup=2000,decay=450000,total=500000,peak=0.0003,end=0.00003,shape=sqrt');
  // Megatron's default WSD decay, "exponential": 2·0.5^f − 1 from lr to min_lr
  const exp2 = parseSchedule(text({ ...args, lr_decay_style: 'WSD', lr_wsd_decay_iters: 50000 })!);
  assert.equal(formatSchedule(exp2), 'wsd:warmup=2000,decay=450000,total=500000,peak=0.0003,end=0.00003,shape=exp2');
  assert.ok(Math.abs(lrAt(exp2, 475000) - (3e-5 + 2.7e-4 * (2 * Math.SQRT1_2 - 1))) < 1e-15);
  assert.ok(Math.abs(lrAt(exp2, 500000) - 3e-5) < 1e-15);
  assert.match(text({ ...args, lr_decay_style: 'WSD', lr_wsd_decay_iters: 50000, lr_wsd_decay_style: 'step' }) ?? '', /^refused: WSD needs .*a linear, cosine, exponential or minus_sqrt lr_wsd_decay_style/);
  // Megatron holds min_lr past lr_decay_iters (BLOOM's lr_decay_samples before train_samples)
  assert.equal(text({ ...args, lr_decay_iters: 400000 }), 'cosine:warmup=2000,total=500000,peak=0.0003,end=0.00003,until=400000');
  assert.match(text({ ...args, lr_decay_style: 'WSD', lr_wsd_decay_style: 'linear', lr_wsd_decay_iters: 50000, lr_decay_iters: 400000 }) ?? '', /^refused: lr_decay_iters \(400000\) is not train_iters \(500000\): a WSD decay/);
  assert.match(text({ ...args, train_iters: 'None' }) ?? '', /^refused: neither train_iters nor train_samples/);
  // training by samples: counts in samples, turned into iterations at the constant global batch
  const bySamples = { lr_decay_style: 'cosine', lr: 3e-4, min_lr: 3e-5, lr_warmup_samples: 1024000, lr_decay_samples: 'None', train_iters: 'None', train_samples: 256000000, global_batch_size: 512 };
  assert.equal(text(bySamples), 'cosine:warmup=2000,total=500000,peak=0.0003,end=0.00003');
  const read = scheduleOfConfig(bySamples);
  assert.equal(read?.ok && read.from, 'lr_decay_style cosine, lr 0.0003, min_lr 0.00003, lr_warmup_samples 1024000, train_samples 256000000, global_batch_size 512');
  assert.equal(plannedStepsOf({ meta: bySamples }), 500000);
  assert.match(text({ ...bySamples, rampup_batch_size: '[32, 32, 1000000]' }) ?? '', /^refused: neither train_iters nor train_samples at a constant global_batch_size/);
  // the inverse square root: lr·√(warmup/s), held at min_lr
  const rsqrt = parseSchedule(text({ ...args, lr_decay_style: 'inverse-square-root' })!);
  assert.equal(formatSchedule(rsqrt), 'rsqrt:warmup=2000,total=500000,peak=0.0003,end=0.00003');
  assert.ok(Math.abs(lrAt(rsqrt, 8000) - 1.5e-4) < 1e-15);
  assert.equal(lrAt(rsqrt, 400000), 3e-5, 'held at min_lr past √(2000/s) = 0.1');
  assert.match(text({ ...args, lr_decay_style: 'inverse-square-root', lr_decay_iters: 400000 }) ?? '', /^refused: lr_decay_iters \(400000\) is not train_iters/);
  assert.match(text({ ...args, lr_decay_style: 'cyclic' }) ?? '', /^refused: lr_decay_style "cyclic" is not one of the schedules here \(constant, linear, cosine, inverse-square-root, WSD\)/);
});

test("fairseq's Namespace: inverse_sqrt, cosine, polynomial_decay (power 1), fixed, to max_update; refused with the reason otherwise", () => {
  const args = { lr_scheduler: 'inverse_sqrt', lr: 5e-4, warmup_updates: 4000, warmup_init_lr: 1e-7, max_update: 50000 };
  const rsqrt = parseSchedule(text(args)!);
  assert.equal(formatSchedule(rsqrt), 'rsqrt:warmup=4000,total=50000,peak=0.0005,end=0');
  // fairseq: decay_factor = lr·√warmup_updates, lr = decay_factor/√num_updates
  for (const u of [4000, 9000, 16000, 50000]) assert.ok(Math.abs(lrAt(rsqrt, u) - (5e-4 * Math.sqrt(4000)) / Math.sqrt(u)) < 1e-15, `update ${u}`);
  const read = scheduleOfConfig(args);
  assert.equal(read?.ok && read.from, 'lr_scheduler inverse_sqrt, lr 0.0005, warmup_updates 4000, max_update 50000');
  assert.equal(text({ ...args, lr_scheduler: 'cosine', min_lr: 1e-5 }), 'cosine:warmup=4000,total=50000,peak=0.0005,end=0.00001');
  assert.equal(text({ ...args, lr_scheduler: 'polynomial_decay', total_num_update: 50000, end_learning_rate: 0 }), 'linear:warmup=4000,total=50000,peak=0.0005,end=0');
  assert.equal(text({ ...args, lr_scheduler: 'fixed' }), 'constant:warmup=4000,total=50000,peak=0.0005');
  assert.match(text({ ...args, lr_scheduler: 'polynomial_decay', power: 2 }) ?? '', /^refused: polynomial_decay with power 2/);
  assert.match(text({ ...args, lr_scheduler: 'cosine', lr_period_updates: 10000 }) ?? '', /^refused: a cosine with lr_period_updates 10000 restarts/);
  assert.match(text({ ...args, lr_scheduler: 'tri_stage' }) ?? '', /^refused: lr_scheduler "tri_stage" is not one of the schedules here/);
  assert.match(text({ ...args, max_update: 0 }) ?? '', /^refused: .*no lr or max_update \(training by epochs\)/);
  assert.equal(plannedStepsOf({ meta: args }), 50000);
  assert.equal(plannedStepsOf({ meta: { ...args, max_update: 0 } }), undefined, 'max_update 0: no limit');
});

test("HF's inverse_sqrt: the timescale is the warmup, or lr_scheduler_kwargs.timescale, or 10,000 without a warmup", () => {
  const args = { 'args.learning_rate': 1e-3, 'args.lr_scheduler_type': 'inverse_sqrt', 'args.max_steps': 100000 };
  assert.equal(text({ ...args, 'args.warmup_steps': 1000 }), 'rsqrt:warmup=1000,total=100000,peak=0.001,end=0');
  const noWarmup = parseSchedule(text(args)!);
  assert.equal(formatSchedule(noWarmup), 'rsqrt:warmup=0,timescale=10000,total=100000,peak=0.001,end=0');
  // transformers: lr·1/√((s + shift)/timescale), shift = timescale − warmup
  assert.ok(Math.abs(lrAt(noWarmup, 30000) - 1e-3 / Math.sqrt(40000 / 10000)) < 1e-15);
  assert.equal(text({ ...args, 'args.lr_scheduler_kwargs.timescale': 500 }), 'rsqrt:warmup=0,timescale=500,total=100000,peak=0.001,end=0');
});

test("a Megatron log's argument dump gives its schedule: the words of the dump are kept with its numbers", async () => {
  const dump = Object.entries({ lr: '0.0003', lr_decay_style: 'cosine', lr_warmup_iters: '2000', min_lr: '3e-05', train_iters: '500000', tokenizer_type: 'GPT2BPETokenizer' }).map(([k, v]) => `  ${k} ${'.'.repeat(48 - k.length)} ${v}`);
  const steps = [10, 20, 30].map((it) => ` iteration ${it}/ 500000 | learning rate: 1.5E-06 | lm loss: ${(8 - it / 100).toExponential(6)} |`);
  const file = join(dir, 'megatron.log');
  writeFileSync(file, ['------------------------ arguments ------------------------', ...dump, ...steps].join('\n') + '\n');
  const { runs } = await readSource(file);
  assert.equal(runs[0].meta?.tokenizer_type, 'GPT2BPETokenizer');
  assert.equal(runs[0].meta?.lr_decay_style, 'cosine');
  const s = scheduleOfConfig(runs[0].meta);
  assert.ok(s?.ok);
  assert.equal(s.text, 'cosine:warmup=2000,total=500000,peak=0.0003,end=0.00003');
  assert.match(s.from, /^lr_decay_style cosine, lr 0.0003, min_lr 0.00003, lr_warmup_iters 2000, train_iters 500000$/);
  const json = inspectJson(await readSource(file));
  assert.equal(json.runs[0].plannedSteps, 500000);
  assert.equal(json.runs[0].schedule, 'cosine:warmup=2000,total=500000,peak=0.0003,end=0.00003');
  const shown = inspectText(await readSource(file)).answer;
  assert.match(shown, /\n {2}planned length: 500000 steps\n/);
  assert.match(shown, /\n {2}schedule \(config\): cosine:warmup=2000,total=500000,peak=0\.0003,end=0\.00003; `forecast` follows it\n/);
});

/** Half of Luo et al.'s 25M cosine_24000 run as an HF run would log it, with its TrainingArguments in config.yaml. */
function hfRun(upTo?: number): string {
  const run = rows('25M', 'cosine_24000');
  const half = upTo ?? Math.floor(run.steps.length / 2);
  const folder = join(dir, `hf-run-${half}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'metrics.csv'), ['step,loss', ...run.steps.slice(0, half).map((s, i) => `${s},${run.loss[i]}`)].join('\n') + '\n');
  writeFileSync(join(folder, 'config.yaml'), 'learning_rate: 0.0003\nwarmup_steps: 2160\nmax_steps: 24000\nlr_scheduler_type: cosine_with_min_lr\nlr_scheduler_kwargs:\n  min_lr: 0.00003\n');
  return join(folder, 'metrics.csv');
}

test("the panel and forecast follow the config's schedule and say so, to within 2% of the run's final loss; cleared, it is offered instead", async () => {
  const file = hfRun();
  const session = new LensSession(file, 'metrics.csv', testDeps(testSettings(['m1']), { forecast: async (data, options) => runForecastJob(data, { ...options, bootstrap: 10 }) }));
  const src = await readSource(file);
  assert.match(inspectText(src).answer, /^  schedule \(config\): cosine:warmup=2160,total=24000,peak=0\.0003,end=0\.00003; `forecast` follows it$/m);
  session.setSource(src);
  await session.refit();
  const truth = rows('25M', 'cosine_24000').loss.at(-1)!;
  const data = session.panelData();
  assert.equal(data.forecast?.spec, COSINE_24000);
  assert.match(data.forecast?.specFrom ?? '', /^the run's config \(lr_scheduler_type cosine_with_min_lr, learning_rate 0\.0003, warmup_steps 2160, max_steps 24000\)$/);
  assert.equal(data.forecast?.result?.final.step, 24000);
  assert.ok(Math.abs(data.forecast!.result!.final.y - truth) / truth < 0.02, `panel forecast ${data.forecast!.result!.final.y} vs the run's final ${truth}`);
  assert.equal(panelStateOf(data).schedule, undefined, "the config's schedule is read again with the run, not saved as typed");
  // the 10x headline (step 1.29e5) is past the run's planned end, and says so
  assert.match(data.prediction?.caution ?? '', /planned to end at step 24K \(its config's schedule\); the target is past that end/);
  // cleared: offered, not followed, and so after a reload
  session.forecast.setSchedule('');
  await session.refit();
  const cleared = session.panelData();
  assert.equal(cleared.forecast?.result, undefined);
  assert.equal(cleared.forecast?.suggestedSpec, COSINE_24000);
  assert.equal(cleared.forecast?.configDeclined, true);
  assert.match(cleared.forecast?.hint ?? '', /config states its learning-rate schedule, cosine:warmup=2160,total=24000.*\(lr_scheduler_type cosine_with_min_lr, learning_rate 0\.0003, warmup_steps 2160, max_steps 24000\)/);
  assert.equal(panelStateOf(cleared).scheduleOff, true);
  session.forecast.setSchedule(COSINE_24000);
  assert.equal(session.forecast.configDeclined, false, 'set again: followed, as typed');
  const lines: string[] = [];
  const log = console.log;
  console.log = (s: string) => lines.push(s);
  try {
    assert.equal(await forecastCommand.run([file, '--json', '--bootstrap', '10']), 0);
  } finally {
    console.log = log;
  }
  const out = JSON.parse(lines.join('\n'));
  assert.equal(out.final.step, 24000);
  assert.match(out.warnings[0], /^schedule from the run's config \(lr_scheduler_type cosine_with_min_lr, .*\): cosine:warmup=2160/);
  assert.ok(Math.abs(out.final.y - truth) / truth < 0.02, `forecast ${out.final.y} vs the run's final ${truth}`);
});

test("a run that has logged less than half its schedule is offered the config's schedule, not forecast to its end unasked; from half on it is followed", async () => {
  const run = rows('25M', 'cosine_24000');
  const early = run.steps.findIndex((st) => st > 4800);
  const session = new LensSession(hfRun(early), 'metrics.csv', testDeps(testSettings(['m1']), { forecast: async (data, options) => runForecastJob(data, { ...options, bootstrap: 10 }) }));
  session.setSource(await readSource(hfRun(early)));
  await session.refit();
  const offered = session.panelData().forecast;
  assert.equal(offered?.result, undefined);
  assert.equal(offered?.suggestedSpec, COSINE_24000);
  assert.match(offered?.hint ?? '', /The forecast follows it by itself from step 12K \(half the run\) on: from less of the run alone it can be far off \(now at step 4(\.\d+)?K\)/);
  // offered, a click away: the forecast then runs as asked
  session.forecast.setSchedule(offered!.suggestedSpec!);
  await session.refit();
  assert.equal(session.panelData().forecast?.result?.final.step, 24000);
  assert.equal(session.panelData().forecast?.specFrom, undefined, 'typed (set from the field), not followed from the config');
  const later = run.steps.findIndex((st) => st >= 12000);
  const fresh = new LensSession(hfRun(later + 1), 'metrics.csv', testDeps(testSettings(['m1']), { forecast: async (data, options) => runForecastJob(data, { ...options, bootstrap: 10 }) }));
  fresh.setSource(await readSource(hfRun(later + 1)));
  await fresh.refit();
  assert.equal(fresh.panelData().forecast?.result?.final.step, 24000);
  assert.match(fresh.panelData().forecast?.specFrom ?? '', /^the run's config/);
});
