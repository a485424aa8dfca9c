// Which trainer_state.json of an HF output dir is read. Each checkpoint's state holds a prefix of
// the run's history, so the one furthest along is the run. The last written is usually that one,
// but not after a copy: `gsutil cp -r`, `aws s3 sync`, `huggingface-cli download` and plain `cp -r`
// stamp files in the order they copy them (checkpoint-1000 before checkpoint-250), so mtime alone
// would read a stale prefix. mtime still decides between two different trainings (a rerun in a
// reused output dir beside stale checkpoints of a longer one): the furthest state is read only
// when the newest one's history agrees with it.
import { readFile } from 'node:fs/promises';
import { parseRelaxedJson } from '../text/relaxedJson';

export interface StateCandidate {
  readonly path: string;
  /** The checkpoint's number; the output dir's own state (save_state at the end) ranks above all. */
  readonly rank: number;
  readonly mtime: number;
}

type Entry = Record<string, unknown>;

/** Entries compared between two states: enough to tell two trainings apart, few enough to stay cheap. */
const COMPARED = 5;

async function historyOf(path: string): Promise<{ globalStep: number; history: Entry[] } | undefined> {
  try {
    const doc = parseRelaxedJson(await readFile(path, 'utf8')) as { global_step?: unknown; log_history?: unknown };
    if (!doc || !Array.isArray(doc.log_history)) return undefined;
    const history = doc.log_history.filter((e): e is Entry => e !== null && typeof e === 'object');
    let globalStep = typeof doc.global_step === 'number' ? doc.global_step : -Infinity;
    for (const e of history) if (typeof e.step === 'number' && e.step > globalStep) globalStep = e.step;
    return { globalStep, history };
  } catch {
    return undefined;
  }
}

/**
 * Whether `shorter`'s first and last logged entries are `longer`'s at the same steps (one
 * training). Nothing to compare is no agreement: a new run that has logged nothing yet is not the
 * stale one beside it; and a rerun with the same seed matches a stale run's start, not its end.
 */
function agrees(shorter: readonly Entry[], longer: readonly Entry[]): boolean {
  const byStep = new Map<number, Entry[]>();
  for (const e of longer) if (typeof e.step === 'number') (byStep.get(e.step) ?? byStep.set(e.step, []).get(e.step)!).push(e);
  const logged = shorter.filter((e) => typeof e.step === 'number' && Object.keys(e).some((k) => typeof e[k] === 'number' && k !== 'step'));
  if (logged.length === 0) return false;
  const compared = [...new Set([...logged.slice(0, COMPARED), ...logged.slice(-COMPARED)])];
  return compared.every((e) => {
    const keys = Object.keys(e).filter((k) => typeof e[k] === 'number' && k !== 'step');
    // train and eval entries share a step: the one with the same keys
    const twin = byStep.get(e.step as number)?.find((o) => keys.every((k) => k in o));
    // Object.is: a NaN loss (HF logs one on overflow) is the same value in both
    return twin !== undefined && keys.every((k) => Object.is(twin[k], e[k]));
  });
}

const byMtime = (a: StateCandidate, b: StateCandidate) => a.mtime - b.mtime || a.rank - b.rank;

/** The state to read among one output dir's candidates (at least one). */
export async function chooseTrainerState(candidates: readonly StateCandidate[]): Promise<StateCandidate> {
  const newest = candidates.reduce((a, b) => (byMtime(b, a) > 0 ? b : a));
  const highest = candidates.reduce((a, b) => (b.rank > a.rank ? b : a));
  // the last checkpoint too: the output dir's own state may be an earlier training's end
  const checkpoints = candidates.filter((c) => c.rank < Number.MAX_SAFE_INTEGER);
  const lastCheckpoint = checkpoints.length > 0 ? checkpoints.reduce((a, b) => (b.rank > a.rank ? b : a)) : highest;
  const others = [...new Set([highest, lastCheckpoint])].filter((c) => c !== newest);
  if (others.length === 0) return newest;
  const mine = await historyOf(newest.path);
  if (!mine) return newest;
  let best = newest;
  let bestStep = mine.globalStep;
  for (const c of others) {
    const theirs = await historyOf(c.path);
    if (theirs && theirs.globalStep > bestStep && agrees(mine.history, theirs.history)) {
      best = c;
      bestStep = theirs.globalStep;
    }
  }
  return best;
}
