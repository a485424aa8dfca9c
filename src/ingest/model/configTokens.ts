// A tokens axis from a run's config, for a log that counts samples or steps but not tokens
// (Chinchilla's D, a finished-run sweep, "loss at 10× data"). With a samples axis (Megatron's
// consumed samples) and a stated sequence length, tokens = samples × length, exact under a batch
// ramp too. With steps only, tokens = step × tokens per step, where the config fixes that: a stated
// tokens-per-step, a global batch in sequences times the sequence length (Megatron, OLMo, litgpt,
// torchtitan), or nanoGPT's three keys (its config's gradient_accumulation_steps is the global
// count, divided by the world size only after the config is logged). A per-device batch (HF's
// per_device_train_batch_size) never does: the world size is not in the config.
import type { RunData, SeriesData } from './model';
import { leafKey, numberUnder } from './runConfig';

const STATED = new Set(['tokens_per_step', 'tokens_per_iter', 'tokens_per_iteration', 'tokens_per_batch', 'global_batch_tokens', 'batch_size_tokens']);
const GLOBAL_BATCH = new Set(['global_batch_size', 'global_train_batch_size']);
const SEQUENCE = new Set(['seq_len', 'seq_length', 'sequence_length', 'max_seq_len', 'max_seq_length', 'max_sequence_length', 'block_size', 'context_length']);
/** Keys of a batch size that changes during training: steps then do not map to tokens linearly. */
const RAMP = new Set(['rampup_batch_size', 'batch_size_warmup', 'batch_warmup', 'batch_size_schedule']);
/** How configs write "no ramp" (Megatron's rampup_batch_size: None). */
const UNSET = new Set(['', 'none', 'null', '0', 'false', '[]']);
/** Past this a "tokens per step" is not one (a total token budget under a look-alike name). */
const MAX_TOKENS_PER_STEP = 1e9;
/** Past this a "sequence length" is not one. */
const MAX_SEQUENCE = 1e7;

/** Meta keys the derivation is kept under, so `inspect` and the panel show where it came from. */
export const TOKENS_PER_STEP_KEY = 'tokens_per_step';
export const TOKENS_FROM_KEY = 'tokens_from';

export interface TokenCount {
  readonly value: number;
  /** The config entries it is the product of: "global_batch_size 512 × seq_length 2048". */
  readonly from: string;
}

const count = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v > 0;
const one = (meta: RunData['meta'], key: string) => numberUnder(meta, new Set([key]));

function product(parts: readonly ({ key: string; value: number } | undefined)[]): TokenCount | undefined {
  if (!parts.every((p) => p && count(p.value))) return undefined;
  const value = parts.reduce((a, p) => a * p!.value, 1);
  return value <= MAX_TOKENS_PER_STEP ? { value, from: parts.map((p) => `${p!.key} ${p!.value}`).join(' × ') } : undefined;
}

/** Whether the config ramps its batch size up (then steps and samples are not proportional). */
function rampsBatch(meta: NonNullable<RunData['meta']>): boolean {
  return Object.entries(meta).some(([k, v]) => RAMP.has(leafKey(k)) && !UNSET.has(String(v).toLowerCase()));
}

/** Steps for a count of samples (Megatron's train_samples, lr_decay_samples) at the config's
 *  constant global batch; undefined without one. */
export function stepsOfSamples(meta: RunData['meta'], samples: number): number | undefined {
  const global = numberUnder(meta, GLOBAL_BATCH);
  if (!meta || !global || !count(global.value) || rampsBatch(meta) || !(samples >= 0)) return undefined;
  return Math.round(samples / global.value);
}

/** The tokens one step of this run consumes, when its config fixes it; undefined otherwise. */
export function tokensPerStepOf(meta: RunData['meta']): TokenCount | undefined {
  if (!meta || rampsBatch(meta)) return undefined;
  const stated = numberUnder(meta, STATED);
  if (stated) return product([stated]);
  const global = numberUnder(meta, GLOBAL_BATCH);
  if (global) return product([global, numberUnder(meta, SEQUENCE)]);
  // nanoGPT's own names, max_iters included, so another script's per-device batch_size is not taken for it
  if (!one(meta, 'max_iters')) return undefined;
  return product([one(meta, 'batch_size'), one(meta, 'block_size'), one(meta, 'gradient_accumulation_steps')]);
}

/** The tokens of one sample (a sequence), when the config states the sequence length. */
export function tokensPerSampleOf(meta: RunData['meta']): TokenCount | undefined {
  const seq = numberUnder(meta, SEQUENCE);
  return seq && count(seq.value) && seq.value <= MAX_SEQUENCE ? { value: seq.value, from: `${seq.key} ${seq.value}` } : undefined;
}

const scaled = (s: SeriesData, by: Float64Array, factor: number): SeriesData => ({ ...s, x: { ...s.x, tokens: Float64Array.from(by, (v) => v * factor) } });

/** The run with a tokens axis on every series that counts samples or steps but not tokens. */
export function withConfigTokens(run: RunData): RunData {
  if (!run.meta || !run.series.some((s) => !s.x.tokens && (s.x.samples || s.x.step))) return run;
  const perSample = run.series.some((s) => !s.x.tokens && s.x.samples) ? tokensPerSampleOf(run.meta) : undefined;
  const perStep = tokensPerStepOf(run.meta);
  const used = new Set<'samples' | 'step'>();
  const series = run.series.map((s) => {
    if (s.x.tokens) return s;
    if (perSample && s.x.samples) {
      used.add('samples');
      return scaled(s, s.x.samples, perSample.value);
    }
    if (perStep && s.x.step) {
      used.add('step');
      return scaled(s, s.x.step, perStep.value);
    }
    return s;
  });
  if (used.size === 0) return run;
  const from = [
    ...(used.has('samples') ? [`samples × ${perSample!.value} (${perSample!.from})`] : []),
    ...(used.has('step') ? [`step × ${perStep!.value} (${perStep!.from})`] : []),
  ].join('; ');
  return { ...run, series, meta: { ...run.meta, ...(used.has('step') ? { [TOKENS_PER_STEP_KEY]: perStep!.value } : {}), [TOKENS_FROM_KEY]: from } };
}
