// The learning-rate schedule a run's config states in full: the Hugging Face Trainer's
// TrainingArguments (lr_scheduler_type, learning_rate, warmup_steps or warmup_ratio, max_steps,
// lr_scheduler_kwargs), Megatron-LM's arguments (lr_decay_style, lr, min_lr, lr_warmup_iters,
// train_iters), fairseq's (lr_scheduler, lr, warmup_updates, max_update) and nanoGPT's
// (learning_rate, warmup_iters, lr_decay_iters, min_lr, max_iters, decay_lr). A plan, not a guess
// read off the logged LR: it says where the decay goes before any of it is logged. Pure.
import { formatSchedule, parseSchedule, type ScheduleSpec } from '../../core/schedule/spec';
import { leafKey, type RunMeta } from './runConfig';
import { stepsOfSamples } from './configTokens';

export type ConfigSchedule = { readonly ok: true; readonly spec: ScheduleSpec; readonly text: string; readonly from: string } | { readonly ok: false; readonly why: string };

/** The value of the first entry whose leaf key is `leaf` (configs nest: args.learning_rate). */
function entry(meta: Readonly<RunMeta>, leaf: string): { key: string; value: string | number } | undefined {
  for (const [key, value] of Object.entries(meta)) if (leafKey(key) === leaf) return { key, value };
  return undefined;
}

function num(meta: Readonly<RunMeta>, leaf: string): number | undefined {
  const v = entry(meta, leaf)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A ratio times the peak, without float dust in the spec's text (0.1 × 3e-4 is 3e-5, not 2.9999…e-5). */
function times(ratio: number, peak: number): number {
  return Number((ratio * peak).toPrecision(12));
}

const HF_WSD_SHAPES: Readonly<Record<string, 'linear' | 'cosine' | 'sqrt'>> = { linear: 'linear', cosine: 'cosine', '1-sqrt': 'sqrt' };

/** The schedule of an HF Trainer run, from its TrainingArguments. */
function huggingFace(meta: Readonly<RunMeta>, type: string, planned: number | undefined): ConfigSchedule {
  const peak = num(meta, 'learning_rate');
  const maxSteps = num(meta, 'max_steps');
  const total = maxSteps !== undefined && maxSteps > 0 ? maxSteps : planned;
  if (!(peak !== undefined && peak > 0)) return { ok: false, why: 'the config names a scheduler but no learning_rate' };
  if (total === undefined) return { ok: false, why: 'max_steps is not set (training by epochs): the schedule\'s length is not in the config' };
  const steps = num(meta, 'warmup_steps');
  const ratio = num(meta, 'warmup_ratio');
  // HF: warmup_steps, when > 0, wins over warmup_ratio
  const warmup = steps !== undefined && steps > 0 ? steps : ratio !== undefined && ratio > 0 ? Math.ceil(ratio * total) : 0;
  const cycles = num(meta, 'num_cycles');
  if (cycles !== undefined && cycles !== 0.5) return { ok: false, why: `a cosine with num_cycles = ${cycles} is not one of the schedules here` };
  switch (type) {
    case 'linear':
      return done({ kind: 'linear', warmup, total, peak, end: 0 });
    case 'cosine':
      return done({ kind: 'cosine', warmup, total, peak, end: 0 });
    case 'cosine_with_min_lr': {
      const rate = num(meta, 'min_lr_rate');
      const min = num(meta, 'min_lr') ?? (rate !== undefined ? times(rate, peak) : undefined);
      if (min === undefined) return { ok: false, why: 'cosine_with_min_lr without min_lr or min_lr_rate in lr_scheduler_kwargs' };
      return done({ kind: 'cosine', warmup, total, peak, end: min });
    }
    case 'constant':
      return done({ kind: 'constant', warmup: 0, total, peak });
    case 'constant_with_warmup':
      return done({ kind: 'constant', warmup, total, peak });
    case 'inverse_sqrt': {
      // HF: timescale defaults to the warmup, or 10,000 without one
      const timescale = num(meta, 'timescale') ?? (warmup > 0 ? warmup : 10_000);
      return done({ kind: 'rsqrt', warmup, timescale, total, peak, end: 0 });
    }
    case 'warmup_stable_decay': {
      const decaySteps = num(meta, 'num_decay_steps');
      const shape = HF_WSD_SHAPES[String(entry(meta, 'decay_type')?.value ?? 'cosine')];
      if (decaySteps === undefined || !shape) return { ok: false, why: 'warmup_stable_decay needs num_decay_steps (and a linear, cosine or 1-sqrt decay_type) in lr_scheduler_kwargs' };
      return done({ kind: 'wsd', warmup, decay: total - decaySteps, total, peak, end: times(num(meta, 'min_lr_ratio') ?? 0, peak), shape });
    }
    default:
      return { ok: false, why: `lr_scheduler_type "${type}" is not one of the schedules here (linear, cosine, cosine_with_min_lr, constant, constant_with_warmup, inverse_sqrt, warmup_stable_decay)` };
  }
}

/** nanoGPT's get_lr: linear warmup over warmup_iters, cosine to min_lr at lr_decay_iters, or constant without decay_lr. */
function nanoGpt(meta: Readonly<RunMeta>): ConfigSchedule {
  const peak = num(meta, 'learning_rate');
  const maxIters = num(meta, 'max_iters');
  const decayIters = num(meta, 'lr_decay_iters');
  const warmup = num(meta, 'warmup_iters') ?? 0;
  if (!(peak !== undefined && peak > 0) || !(maxIters !== undefined && maxIters > 0)) return { ok: false, why: 'the config has no learning_rate or max_iters' };
  if (String(entry(meta, 'decay_lr')?.value) === 'false') return done({ kind: 'constant', warmup, total: maxIters, peak });
  const min = num(meta, 'min_lr') ?? 0;
  if (decayIters === undefined) return { ok: false, why: `lr_decay_iters is not set: where the cosine ends is not in the config` };
  // past lr_decay_iters nanoGPT holds min_lr; a longer cosine is cut at max_iters
  return done({ kind: 'cosine', warmup, total: maxIters, peak, end: min, until: decayIters });
}

const MEGATRON_WSD_SHAPES: Readonly<Record<string, 'linear' | 'cosine' | 'sqrt' | 'exp2'>> = { linear: 'linear', cosine: 'cosine', minus_sqrt: 'sqrt', exponential: 'exp2' };

/**
 * Megatron-LM's OptimizerParamScheduler, from its arguments: linear warmup over lr_warmup_iters
 * (or lr_warmup_fraction of the decay), then lr_decay_style from lr to min_lr at lr_decay_iters
 * (train_iters when unset); WSD holds lr until lr_wsd_decay_iters before the end.
 */
function megatron(meta: Readonly<RunMeta>, style: string): ConfigSchedule {
  // a count in iterations, or in samples (training by samples) at a constant global batch
  const iters = (name: string): number | undefined => {
    const stated = num(meta, `${name}_iters`);
    const samples = num(meta, `${name}_samples`);
    return stated ?? (samples !== undefined ? stepsOfSamples(meta, samples) : undefined);
  };
  const peak = num(meta, 'lr');
  const trainIters = iters('train');
  const decayIters = iters('lr_decay') ?? trainIters;
  if (!(peak !== undefined && peak > 0)) return { ok: false, why: 'the arguments name lr_decay_style but no lr' };
  if (trainIters === undefined || decayIters === undefined) return { ok: false, why: 'neither train_iters nor train_samples at a constant global_batch_size: the schedule\'s length in steps is not in the arguments' };
  // past lr_decay_iters Megatron holds min_lr: a linear or cosine decay says where it ends (until=)
  const early = decayIters !== trainIters;
  if (early && !(style === 'linear' || style === 'cosine' || style === 'constant')) return { ok: false, why: `lr_decay_iters (${decayIters}) is not train_iters (${trainIters}): a ${style} decay held at min_lr after it is not one of the schedules here` };
  const fraction = num(meta, 'lr_warmup_fraction');
  const warmup = fraction !== undefined && fraction > 0 ? Math.round(fraction * decayIters) : iters('lr_warmup') ?? 0;
  const end = num(meta, 'min_lr') ?? 0;
  switch (style) {
    case 'constant':
      return done({ kind: 'constant', warmup, total: trainIters, peak });
    case 'linear':
    case 'cosine':
      return done({ kind: style, warmup, total: trainIters, peak, end, until: decayIters });
    case 'inverse-square-root':
      // Megatron takes a warmup of at least 1 step as the timescale
      return done({ kind: 'rsqrt', warmup, timescale: Math.max(warmup, 1), total: trainIters, peak, end });
    case 'WSD': {
      const decaySteps = iters('lr_wsd_decay');
      const shape = MEGATRON_WSD_SHAPES[String(entry(meta, 'lr_wsd_decay_style')?.value ?? 'exponential')];
      if (decaySteps === undefined || !shape) return { ok: false, why: 'WSD needs lr_wsd_decay_iters and a linear, cosine, exponential or minus_sqrt lr_wsd_decay_style' };
      return done({ kind: 'wsd', warmup, decay: trainIters - decaySteps, total: trainIters, peak, end, shape });
    }
    default:
      return { ok: false, why: `lr_decay_style "${style}" is not one of the schedules here (constant, linear, cosine, inverse-square-root, WSD)` };
  }
}

/**
 * fairseq's --lr-scheduler, from the Namespace it logs: inverse_sqrt, cosine (one period),
 * polynomial_decay with power 1 (linear to end_learning_rate), fixed; warmup_updates linear from
 * warmup_init_lr (≈ 0), to max_update.
 */
function fairseq(meta: Readonly<RunMeta>, type: string): ConfigSchedule {
  const peak = num(meta, 'lr');
  const total = num(meta, 'max_update');
  if (!(peak !== undefined && peak > 0) || !(total !== undefined && total > 0)) return { ok: false, why: 'the arguments name lr_scheduler but no lr or max_update (training by epochs)' };
  const warmup = Math.max(0, num(meta, 'warmup_updates') ?? 0);
  switch (type) {
    case 'inverse_sqrt':
      return done({ kind: 'rsqrt', warmup, timescale: Math.max(warmup, 1), total, peak, end: 0 });
    case 'cosine': {
      const period = num(meta, 'lr_period_updates') ?? -1;
      if (period > 0 && period !== total - warmup) return { ok: false, why: `a cosine with lr_period_updates ${period} restarts before max_update, which no schedule here follows` };
      return done({ kind: 'cosine', warmup, total, peak, end: num(meta, 'min_lr') ?? 0 });
    }
    case 'polynomial_decay': {
      const power = num(meta, 'power') ?? 1;
      const until = num(meta, 'total_num_update') ?? total;
      if (power !== 1 || until !== total) return { ok: false, why: `polynomial_decay with power ${power} to step ${until} (max_update ${total}) is not one of the schedules here` };
      return done({ kind: 'linear', warmup, total, peak, end: num(meta, 'end_learning_rate') ?? 0 });
    }
    case 'fixed':
      return done({ kind: 'constant', warmup, total, peak });
    default:
      return { ok: false, why: `lr_scheduler "${type}" is not one of the schedules here (inverse_sqrt, cosine, polynomial_decay, fixed)` };
  }
}

/** The spec, checked as a typed one is (a warmup past the end, a peak below the end…). */
function done(spec: ScheduleSpec): ConfigSchedule {
  try {
    // parsed: in its canonical form too (an `until` at the total is no `until`)
    const parsed = parseSchedule(formatSchedule(spec));
    return { ok: true, spec: parsed, text: formatSchedule(parsed), from: '' };
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
}

/** Which config keys a schedule was read from, for "from the run's config (…)". */
function sourceKeys(meta: Readonly<RunMeta>, leaves: readonly string[]): string {
  return leaves.flatMap((leaf) => {
    const e = entry(meta, leaf);
    // Megatron prints unset arguments as None: not a source
    return e && !UNSET_VALUES.has(String(e.value)) ? [`${e.key} ${e.value}`] : [];
  }).join(', ');
}

const UNSET_VALUES = new Set(['None', 'null', '']);

/**
 * The schedule the config states, a reason it cannot be used, or undefined when the config says
 * nothing of a schedule. `planned`: the run's planned length from elsewhere (trainer_state.json).
 */
export function scheduleOfConfig(meta: Readonly<RunMeta> | undefined, planned?: number): ConfigSchedule | undefined {
  if (!meta) return undefined;
  const type = entry(meta, 'lr_scheduler_type')?.value;
  if (typeof type === 'string') {
    const s = huggingFace(meta, type, planned);
    return s.ok ? { ...s, from: sourceKeys(meta, ['lr_scheduler_type', 'learning_rate', 'warmup_steps', 'warmup_ratio', 'max_steps']) } : s;
  }
  const style = entry(meta, 'lr_decay_style')?.value;
  if (typeof style === 'string') {
    const s = megatron(meta, style);
    const bySamples = num(meta, 'train_iters') === undefined;
    const keys = ['lr_decay_style', 'lr', 'min_lr', 'lr_warmup_iters', 'lr_warmup_samples', 'lr_warmup_fraction', 'lr_decay_iters', 'lr_decay_samples', 'train_iters', 'train_samples', ...(bySamples ? ['global_batch_size'] : []), 'lr_wsd_decay_style', 'lr_wsd_decay_iters', 'lr_wsd_decay_samples'];
    return s.ok ? { ...s, from: sourceKeys(meta, keys) } : s;
  }
  const fairseqType = entry(meta, 'lr_scheduler')?.value;
  if (typeof fairseqType === 'string' && entry(meta, 'max_update') !== undefined) {
    const s = fairseq(meta, fairseqType);
    return s.ok ? { ...s, from: sourceKeys(meta, ['lr_scheduler', 'lr', 'min_lr', 'end_learning_rate', 'warmup_updates', 'max_update']) } : s;
  }
  if (entry(meta, 'lr_decay_iters') !== undefined || entry(meta, 'warmup_iters') !== undefined) {
    const s = nanoGpt(meta);
    return s.ok ? { ...s, from: sourceKeys(meta, ['learning_rate', 'warmup_iters', 'lr_decay_iters', 'min_lr', 'max_iters']) } : s;
  }
  return undefined;
}
