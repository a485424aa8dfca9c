// What both key-number scanners share (keyNumberScanner on strings, keyNumberBytes on bytes), so
// they read a line alike: the words they look for and the rules on a key's text.
import { xKindOf } from '../model/keys';
import { keyRole, type KeyRole } from '../model/recordRows';

/** Log levels as logging prefixes print them after a name:lineno or rank:N ("olmo.train:1020\tINFO"). */
export const LEVEL_WORDS = ['INFO', 'WARNING', 'WARN', 'DEBUG', 'ERROR', 'CRITICAL'];

/**
 * timm's "Train: 0 [ 200/1251 ( 16%)]", "Epoch 3 [200/1251]": the key an epoch is read under when a
 * batch counter follows its value (the counter places the line within that epoch), or '' for a key
 * that is no epoch ("loss 2.3 [12/100]").
 */
export function epochOfCounter(key: string): string {
  if (key.toLowerCase() === 'train') return 'epoch';
  return xKindOf(key) === 'epoch' ? key : '';
}

/** Words in a key from which, bare before its number, it is a sentence (isSentenceKey). */
const PROSE_WORDS = 4;

/**
 * "Training with a single process on", "mean loss over last": PROSE_WORDS or more words bare before
 * a number (no ':' or '=' between them, which the caller checks: separatedBefore) are a sentence.
 * Names printed bare before their number are a word to three ("train loss 2.3", "iter 100", "Epoch
 * 3"); longer ones come with a separator ("number of nan iterations: 0", "tokens per iteration will
 * be: 16,384"). Only a key that would be a metric is a sentence: one recordRows reads as where a
 * value was measured ("Validation loss at step 500: 2.45"), or as a message about something that
 * happened ("Saving checkpoint at step 2000", "val_loss improved from inf to 1.1"), stays for it.
 * `role`: the key's, when known.
 */
export function isSentenceKey(key: string, role?: KeyRole): boolean {
  let words = 1;
  for (let k = 1; k < key.length; k++) if (key.charCodeAt(k - 1) === 32 && key.charCodeAt(k) !== 32) words++;
  return words >= PROSE_WORDS && (role ?? keyRole(key)).type === 'metric';
}

/**
 * "Training with a single process on 1 device", "Total number of training steps 5000": the number
 * after a sentence (isSentenceKey) counts something it tells, it is no metric; unless the sentence
 * names a loss ("Epoch 3 finished with val loss 2.31": kept, the curve itself).
 */
export function isProseKey(key: string, role?: KeyRole): boolean {
  return isSentenceKey(key, role) && !LOSS_WORD.test(key);
}

/** A loss named as a word of the key (val loss, val_loss, train/loss), not inside one (lossless). */
export const LOSS_WORD = /(?:^|[\s_/.-])loss(?:$|[\s_/.-])/i;

/**
 * Whether an integer after the sentence `key` may count something in it (isSentenceCount): not when
 * the sentence ends in a step or epoch word ("… at the end of step 300 loss 2.3"), whose value it is.
 */
export function mayCountIn(key: string): boolean {
  return xKindOf(key.slice(key.lastIndexOf(' ') + 1)) === undefined;
}

/** The words around the value of Lightning's checkpoint message (checkpointMonitor). */
export const CHECKPOINT_BEST = '(best ';

export const CHECKPOINT_REACHED = ' reached';

/**
 * "Validation loss at step 500: 2.45", "loss at iteration 100 = 3.1": a key that ends in "at" and
 * a step or epoch word names the metric before it and where it was measured. The metric's name and
 * the x word, or undefined for any other key (it stays one key, for the caller's own rules).
 */
export function whereClause(key: string): { metric: string; x: string } | undefined {
  const at = key.toLowerCase().lastIndexOf(' at ');
  if (at <= 0) return undefined;
  const x = key.slice(at + 4);
  const kind = xKindOf(x);
  return (kind === 'step' || kind === 'epoch') && x.indexOf(' ') < 0 ? { metric: key.slice(0, at), x } : undefined;
}

/**
 * What a line is besides its pairs, found where keyNumberBytes declines the line (so both scanners
 * see it at the same place): fairseq's "| valid on 'test' subset |" field, which gives the line its
 * split, and the start of a config dump (fairseq's "Namespace(" arguments, a Hydra "{'_name': …}"
 * dict), where the scan stops.
 */
export interface LineMarks {
  subset?: string;
  configAt?: number;
  /** A "| train |" field: fairseq's end-of-epoch summary (means over the epoch) is logged under it. */
  trainField?: boolean;
}

/** The words LineMarks are found by, shared with keyNumberBytes so the two scanners mark alike. */
export const MARK_WORDS = { subset: ' subset', train: 'train', namespace: 'Namespace', hydra: "{'_name':" } as const;

/** Longest qualifier taken into a key, parentheses included. */
export const MAX_QUALIFIER = 24;

/** The key before a number that opens a parenthesis and says when what follows was measured. */
export const MEASURED_AFTER = 'after';
