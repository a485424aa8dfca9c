// Minimal, strict argument parsing: every unknown flag or missing value is a user-facing error.
import { closestName } from './didYouMean';

export class UsageError extends Error {}

/** Flags that take a list (`--target 1e9 1e10`); every other valued flag takes one word. */
const MULTI_VALUED = new Set(['group', 'target', 'at', 'reach', 'budget', 'law']);

export interface ParsedArgs {
  readonly positional: string[];
  /** Repeated flags accumulate (`--group a --group b`, `--target 1e9 1e10`). */
  readonly flags: Map<string, string[]>;
  readonly switches: Set<string>;
}

/**
 * @param valued flags that take one or more values (until the next `--flag`)
 * @param booleans flags that take none
 * @param opts.path false for a command that takes no PATH (allocate): a list's last word is never one
 */
export function parseArgs(argv: readonly string[], valued: readonly string[], booleans: readonly string[], opts: { path?: boolean } = {}): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  let lastGreedy: string[] | undefined;
  /** The single-valued flag each stray word (by its place in argv) followed, for a command with no PATH to say so. */
  const after = new Map<number, string>();
  const strayAt: number[] = [];
  let lastFlag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    // `-x tokens`, `-json`: options take two dashes; as a PATH the word would be "needs exactly one PATH"
    if (/^-[A-Za-z]/.test(a)) throw new UsageError(`unknown option ${a}: options take two dashes${[...valued, ...booleans].includes(a.slice(1)) ? ` (--${a.slice(1)})` : ''}`);
    if (!a.startsWith('--')) {
      positional.push(a);
      strayAt.push(i);
      if (lastFlag !== undefined) after.set(i, lastFlag);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    lastFlag = undefined;
    if (booleans.includes(name)) {
      // `--keep-warmup=no` must not turn it on
      if (inline !== undefined) throw new UsageError(`--${name} takes no value (got "${inline}"); leave it out to turn it off`);
      switches.add(name);
      continue;
    }
    if (!valued.includes(name)) {
      const meant = closestName(name, [...valued, ...booleans]);
      throw new UsageError(`unknown option --${name}${meant ? ` (did you mean --${meant}?)` : '; --help lists the options'}`);
    }
    const values = flags.get(name) ?? [];
    if (inline !== undefined) values.push(inline);
    else {
      let took = 0;
      // a single-valued flag takes exactly the next word, so `inspect --format csv FILE` keeps FILE
      while (i + 1 < argv.length && !(argv[i + 1].startsWith('--')) && (took === 0 || MULTI_VALUED.has(name))) {
        values.push(argv[++i]);
        took++;
      }
      if (took === 0) throw new UsageError(`--${name} needs a value`);
      lastGreedy = took > 1 ? values : lastGreedy;
      if (!MULTI_VALUED.has(name)) lastFlag = name;
    }
    flags.set(name, values);
  }
  if (opts.path === false) {
    const stray = positional[0];
    if (stray === undefined) return { positional, flags, switches };
    const flag = after.get(strayAt[0]!);
    throw new UsageError(`unexpected argument "${stray}"${flag ? ` (--${flag} takes one value)` : ''}`);
  }
  // `fit --target 1e9 1e10 FILE`: with no positional left, the last word of the last list was the PATH
  if (positional.length === 0 && lastGreedy && argv.length > 0 && lastGreedy[lastGreedy.length - 1] === argv[argv.length - 1]) positional.push(lastGreedy.pop()!);
  return { positional, flags, switches };
}

export function one(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} takes one value`);
  return v?.[0];
}

/** The most bootstrap resamples a curve fit or a forecast takes (a surface fit takes more). */
export const MAX_RESAMPLES = 10000;

/** --bootstrap K: a whole number of resamples, 0 for none (no intervals), up to `max`. */
export function bootstrapArg(args: ParsedArgs, max: number): number | undefined {
  const k = num(args, 'bootstrap');
  if (k !== undefined && !(Number.isInteger(k) && k >= 0 && k <= max)) throw new UsageError(`--bootstrap must be a whole number of resamples from 0 (none) to ${max}; got "${one(args, 'bootstrap')}"`);
  return k;
}

/** The largest seed: the seeded generators keep 32 bits (core/random.ts), so 2^32 and 1e300 were seed 0 again. */
const MAX_SEED = 2 ** 32 - 1;

/** --seed: a whole number the generators tell apart (they would read 1.5 as 1, and -1 as 4294967295, without a word). */
export function seedArg(args: ParsedArgs): number | undefined {
  const v = num(args, 'seed');
  if (v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_SEED)) throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED}; got "${one(args, 'seed')}"`);
  return v;
}

export function num(args: ParsedArgs, name: string): number | undefined {
  const v = one(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${v}"`);
  return n;
}
