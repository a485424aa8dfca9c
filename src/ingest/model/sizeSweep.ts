// Training runs of one model family whose names state their sizes (pythia-160m … pythia-1.4b, OPT ·
// 125m …), or that record them (n_params, the HF Trainer's "Number of trainable parameters"), hold
// a sweep across sizes: each run's loss at the same amount of training. This builds
// it as a sweep table's rows (N, D, loss) at a few shared D values, so it is sliced (loss against N
// at each D) and fitted like any sweep: "what loss would a bigger model reach by D?". Pure.
import { countInText, sizeInName } from '../../core/units';
import { lowerBound } from '../../core/arrayStats';
import type { RunData, SeriesData, SourceData, XKind } from './model';
import { yKeysOf } from './columns';
import { leafKey, numberUnder, type RunMeta } from './runConfig';

const SIZE_SWEEP_RUN = 'across sizes';
/** The meta key that marks a run built here (its value: how many runs it was built from). */
const ACROSS_META = 'across_sizes_of';
/** The meta key naming the family a derived run was built from ("OPT · N"). */
export const FAMILY_META = 'family';

/** Whether a run is a sweep across its source's sized runs, built here: only against N is it more than their copy. */
export function isSizeSweep(run: RunData): boolean {
  return run.meta?.[ACROSS_META] !== undefined;
}

/** How many runs a sweep across sizes was built from, and their family ("OPT · N"). */
export function sizeSweepOrigin(run: RunData): { runs: number; family: string } {
  return { runs: Number(run.meta?.[ACROSS_META] ?? 0), family: String(run.meta?.[FAMILY_META] ?? '') };
}

/** What a loss read off a run at D does not say, for `run`'s sweep matched in `kind` (its symbol: D or step). */
export function acrossSizesCaution(run: RunData, kind: XKind, symbol: string): string {
  const at = kind === 'step' ? 'step (so one batch size across sizes is assumed)' : symbol;
  const derived = sizeSweepOrigin(run).family.endsWith(DERIVED_SIZE_KEY) ? `; N is ${DERIVED_SIZE_KEY} from each run's config, the non-embedding count of a standard transformer, so a target N must be counted the same way` : '';
  return `each size's loss is read off its run at that ${at}; where a run's learning rate had not yet decayed there, the loss is above what a run ending at that ${symbol} would reach${derived}`;
}

/** What "the same amount of training" is measured in, best first; steps only mean it at equal batch sizes. */
const MATCH_KINDS: readonly XKind[] = ['tokens', 'samples', 'step'];
const MIN_SIZES = 3;
/** How many shared D values (grid) over the range every sized run covers. */
const GRID = 6;
/** A run's loss at D is the median of its points within this factor of D (per-step logs are noisy)… */
const WINDOW = 1.05;
/** …or, with none there, log–log interpolated between neighbours no further apart than this. */
const MAX_GAP = 4;
/** Metric series for which the sweep is built (the y dropdown's first few). */
const MAX_KEYS = 3;

interface SizedSeries {
  readonly size: number;
  readonly xs: Float64Array;
  readonly s: SeriesData;
}

/**
 * Keys under which a run records its parameter count: a fact in its metadata (the HF Trainer's
 * stdout line "Number of trainable parameters = 124,439,808", nanoGPT's "number of parameters:
 * 123.69M"), or a column repeated on every row.
 */
const PARAM_KEYS = new Set(['params', 'n_params', 'num_params', 'nparams', 'parameters', 'num_parameters', 'n_parameters', 'param_count', 'model_size', 'non_embedding_params', 'number of trainable parameters', 'number of parameters']);

/** Depth and width keys of a transformer config (GPT-2's n_layer/n_embd, HF's num_hidden_layers/hidden_size, …). */
const LAYER_KEYS = new Set(['n_layer', 'n_layers', 'num_layers', 'num_hidden_layers', 'nlayers']);
const WIDTH_KEYS = new Set(['n_embd', 'n_embed', 'd_model', 'hidden_size', 'dim', 'model_dim', 'embed_dim', 'emb_dim']);
/** How the size derived from depth and width is named: Kaplan et al.'s non-embedding count. */
export const DERIVED_SIZE_KEY = '12·n_layer·d_model²';

/**
 * A transformer's non-embedding parameter count from its config's depth and width, N ≈ 12·n_layer·
 * d_model² (Kaplan et al. 2020, eq. 2.1, with d_ff = 4·d_model): an estimate, named as one.
 */
function derivedSize(meta: Readonly<RunMeta> | undefined): number | undefined {
  const layers = numberUnder(meta, LAYER_KEYS)?.value;
  const width = numberUnder(meta, WIDTH_KEYS)?.value;
  if (!layers || !width || layers < 1 || width < 1 || !Number.isInteger(layers) || !Number.isInteger(width)) return undefined;
  return 12 * layers * width * width;
}

/** A parameter count the run records: in its config (meta), or as a series with one value throughout. */
function recordedSize(run: RunData): { size: number; key: string } | undefined {
  for (const [key, v] of Object.entries(run.meta ?? {})) {
    if (!PARAM_KEYS.has(leafKey(key))) continue;
    const size = typeof v === 'number' ? v : countInText(v);
    if (size !== undefined && size > 0 && Number.isFinite(size)) return { size, key };
  }
  for (const s of run.series) {
    if (!PARAM_KEYS.has(s.key.toLowerCase()) || s.y.length === 0) continue;
    const v = s.y[0]!;
    if (v > 0 && Number.isFinite(v) && s.y.every((u) => u === v)) return { size: v, key: s.key };
  }
  const derived = derivedSize(run.meta);
  return derived === undefined ? undefined : { size: derived, key: DERIVED_SIZE_KEY };
}

/**
 * The size of a run and its family (runs that differ only in size share one): stated in the last
 * part of its name ("sweep/pythia-1.4b" → "sweep/pythia-#"), else recorded under a parameter-count
 * key (family: the folder and the key, "sweep/[n_params]").
 */
function sizeOf(run: RunData): { size: number; family: string } | undefined {
  const cut = run.name.lastIndexOf('/') + 1;
  const found = sizeInName(run.name.slice(cut));
  if (found) return { size: found.size, family: `${run.name.slice(0, cut)}${found.family || '#'}` };
  const recorded = recordedSize(run);
  return recorded && { size: recorded.size, family: `${run.name.slice(0, cut)}[${recorded.key}]` };
}

type Curve = { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> };

/**
 * Finite positive (x, y) of a series against `kind`, in x order. A log mostly is in order and
 * finite: then its own arrays, uncopied (this reruns on every snapshot of a watched folder).
 */
function curve(s: SeriesData, xs: Float64Array): Curve {
  const ok = (i: number) => xs[i]! > 0 && s.y[i]! > 0 && Number.isFinite(xs[i]!) && Number.isFinite(s.y[i]!);
  let clean = true;
  for (let i = 0; i < s.y.length && clean; i++) clean = ok(i) && (i === 0 || xs[i]! >= xs[i - 1]!);
  if (clean) return { x: xs, y: s.y };
  const idx: number[] = [];
  for (let i = 0; i < s.y.length; i++) if (ok(i)) idx.push(i);
  idx.sort((a, b) => xs[a]! - xs[b]! || a - b);
  return { x: idx.map((i) => xs[i]!), y: idx.map((i) => s.y[i]!) };
}


/** The median of positive losses (sorted in place); of an even count, the geometric mean of the middle two (losses are compared in log). */
export function lossMedian(losses: number[]): number {
  losses.sort((a, b) => a - b);
  const m = losses.length >> 1;
  return losses.length % 2 ? losses[m]! : Math.sqrt(losses[m - 1]! * losses[m]!);
}

/** The loss of one run (x ascending) at D: a windowed median, or an interpolation between close neighbours; NaN without either. */
export function lossAt(x: ArrayLike<number>, y: ArrayLike<number>, d: number): number {
  const near: number[] = [];
  for (let i = lowerBound(x, d / WINDOW); i < x.length && x[i]! <= d * WINDOW; i++) near.push(y[i]!);
  if (near.length > 0) return lossMedian(near);
  const hi = lowerBound(x, d);
  if (hi === 0 || hi === x.length || x[hi]! / x[hi - 1]! > MAX_GAP) return NaN;
  const t = Math.log(d / x[hi - 1]!) / Math.log(x[hi]! / x[hi - 1]!);
  return Math.exp(Math.log(y[hi - 1]!) * (1 - t) + Math.log(y[hi]!) * t);
}

/**
 * The shared D values: the largest GRID round ones (1, 2, 5 × 10^k) in [lo, hi], so their names
 * stay put while watched runs grow (a new one joins at the top); log-spaced when fewer than 2 fit.
 */
function grid(lo: number, hi: number): number[] {
  const round: number[] = [];
  for (let p = Math.floor(Math.log10(lo)); 10 ** p <= hi; p++) for (const m of [1, 2, 5]) if (m * 10 ** p >= lo && m * 10 ** p <= hi) round.push(Number((m * 10 ** p).toPrecision(1)));
  if (round.length >= 2) return round.slice(-GRID);
  if (!(hi > lo * WINDOW)) return [hi];
  const out: number[] = [];
  for (let k = 0; k < GRID; k++) out.push(Number((lo * (hi / lo) ** ((k + 1) / GRID)).toPrecision(k === GRID - 1 ? 15 : 2)));
  return [...new Set(out)];
}

/** The sweep across sizes for one y key, or undefined when fewer than MIN_SIZES sized runs share an x. */
function sweepFor(sized: readonly { run: RunData; size: number }[], key: string): SeriesData | undefined {
  for (const kind of MATCH_KINDS) {
    const found: SizedSeries[] = [];
    for (const { run, size } of sized) {
      // a metric (loss, perplexity, accuracy), not a learning rate or a gradient norm
      const s = run.series.find((v) => v.key === key && v.split !== 'other');
      const xs = s?.x[kind];
      if (s && xs && xs.some((v) => v > 0)) found.push({ size, xs, s });
    }
    if (new Set(found.map((f) => f.size)).size < MIN_SIZES) continue;
    const curves = found.map((f) => ({ size: f.size, ...curve(f.s, f.xs) })).filter((c) => c.x.length > 0);
    if (new Set(curves.map((c) => c.size)).size < MIN_SIZES) continue;
    const lo = Math.max(...curves.map((c) => c.x[0]!));
    const hi = Math.min(...curves.map((c) => c.x[c.x.length - 1]!));
    if (!(hi >= lo)) continue;
    const n: number[] = [];
    const d: number[] = [];
    const l: number[] = [];
    for (const at of grid(lo, hi)) {
      // runs of one size (seeds) are one point: the geometric mean of their losses
      const bySize = new Map<number, number[]>();
      for (const c of curves) {
        const v = lossAt(c.x, c.y, at);
        if (Number.isFinite(v)) bySize.set(c.size, [...(bySize.get(c.size) ?? []), Math.log(v)]);
      }
      for (const [size, logs] of [...bySize].sort((a, b) => a[0] - b[0])) {
        n.push(size);
        d.push(at);
        l.push(Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length));
      }
    }
    if (new Set(n).size < MIN_SIZES) continue;
    return { key, split: found[0]!.s.split, x: { params: Float64Array.from(n), [kind]: Float64Array.from(d) }, y: Float64Array.from(l) };
  }
  return undefined;
}

/**
 * The source's runs grouped by family, each with its size (stated in its name or recorded), and the
 * family's label ("OPT · N", "sweep/n_params"). Sweep tables are not runs of a size.
 */
export function sizedFamilies(source: SourceData): { label: string; sized: { run: RunData; size: number }[] }[] {
  const families = new Map<string, { run: RunData; size: number }[]>();
  for (const run of source.runs) {
    const found = run.format === 'sweep' ? undefined : sizeOf(run);
    if (found) families.set(found.family, [...(families.get(found.family) ?? []), { run, size: found.size }]);
  }
  return [...families].map(([family, sized]) => ({ label: family.replace(/#/g, 'N').replace(/\[(.+)\]$/, '$1'), sized }));
}

/**
 * One run per family of runs that differ only in their size, stated or recorded (three sizes or
 * more sharing a loss and an amount of training), named `across sizes (OPT · N)`, holding its sweeps.
 */
export function sizeSweepRuns(source: SourceData): RunData[] {
  const out: RunData[] = [];
  let keys: string[] | undefined;
  for (const { label, sized } of sizedFamilies(source)) {
    if (new Set(sized.map((r) => r.size)).size < MIN_SIZES) continue;
    const series: SeriesData[] = [];
    for (const key of (keys ??= yKeysOf(source))) {
      if (series.length >= MAX_KEYS) break;
      const s = sweepFor(sized, key);
      if (s) series.push(s);
    }
    if (series.length > 0) out.push({ name: `${SIZE_SWEEP_RUN} (${label})`, origin: sized[0]!.run.origin, format: 'sweep', series, meta: { [ACROSS_META]: sized.length, [FAMILY_META]: label } });
  }
  return out;
}

/** `source` with its sweeps across sizes as last runs, when it has any. */
export function withSizeSweep(source: SourceData): SourceData {
  const runs = sizeSweepRuns(source);
  return runs.length > 0 ? { ...source, runs: [...source.runs, ...runs] } : source;
}
