// "When does the loss reach 2.5?": the log's own answer when it got there, else the chosen
// estimator's, fitted as the panel fits it with predictions on the reach grid.
import { maxBy } from '../../core/arrayStats';
import { lossReach, reachFromLog, reachGridOf } from '../../core/reach';
import { chosenReport } from '../panel/viewModel';
import type { LensSession } from '../session';
import type { CancelToken, ReachAnswer } from './sessionDeps';

/**
 * Where a curve reaches `loss`: its analysis as the panel makes it (laws, warmup, bootstrap and
 * calibrated intervals) with predictions on the reach grid instead of the target's (core/reach.ts).
 */
export async function reachOf(session: LensSession, curveId: string, loss: number, token?: CancelToken): Promise<ReachAnswer | undefined> {
  const ref = session.curves.find((c) => c.id === curveId);
  const data = ref && session.points(ref);
  if (!ref || !data || data.points.length === 0) return undefined;
  const dataEnd = maxBy(data.points, (p) => p.x);
  // a loss the log already got to is the log's to answer, with no fit (the CLI's rule too)
  const logged = reachFromLog(session.loggedPoints(ref), loss, dataEnd);
  if (logged) return { curve: ref.label, ...logged };
  const opts = session.optionsFor(ref, data);
  const grid = reachGridOf(data.points, opts.fitFrom);
  const analysis = await session.deps.analyze(data.points, { ...opts, targets: grid }, token);
  const report = chosenReport(analysis);
  if (!report?.fit) return undefined;
  const name = session.deps.lawOf(report.law)?.name;
  return { curve: ref.label, law: report.law, ...(name ? { lawName: name } : {}), ...lossReach(report.predictions, loss, dataEnd) };
}
