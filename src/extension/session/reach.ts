// "When does the loss reach 2.5?": the log's own answer when it got there, else the chosen
// estimator's, fitted as the panel fits it with predictions on the reach grid (never of a score the
// panel fits no law to).
import { maxBy } from '../../core/arrayStats';
import { lossReach, reachFromLog, reachGridOf, type LossReach } from '../../core/reach';
import { flipped, type ErrorFit } from '../../core/accuracyFit';
import { risingMetricText, unreachableAccuracyClause } from '../../core/yMetric';
import { ScalingLensError } from '../../core/types';
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
  // an accuracy asked for is its error's reach (0.9 of an accuracy in [0, 1]: 0.1), as the CLI's --reach, said back as the accuracy
  const rising = session.risingOf(data);
  const asError = rising?.fit;
  const flip = <P extends { x: number; y: number }>(points: readonly P[]): readonly P[] => (asError ? flipped(points, asError.scale) : points);
  // as the CLI's --reach: an error never reaches 0, so an accuracy of its scale or more is no question
  if (asError && !(loss < asError.scale)) throw new ScalingLensError('bad-argument', unreachableAccuracyClause(asError.name, asError.scale));
  const asked = asError ? Number((asError.scale - loss).toPrecision(12)) : loss;
  // a loss the log already got to is the log's to answer, with no fit (the CLI's rule too)
  const logged = reachFromLog(flip(session.loggedPoints(ref)), asked, dataEnd);
  if (logged) return { curve: ref.label, ...readBack(logged, asError) };
  // a score that rises as no accuracy does (BLEU, F1) is fitted by no law here: the panel's notice says why
  if (rising?.refused) throw new ScalingLensError('bad-argument', risingMetricText(session.columns?.y ?? 'y', 'choose it as y above the chart', rising.refused));
  const opts = session.optionsFor(ref, data);
  const grid = reachGridOf(data.points, opts.fitFrom);
  const analysis = await session.deps.analyze(flip(data.points), { ...opts, targets: grid }, token);
  const report = chosenReport(analysis);
  if (!report?.fit) return undefined;
  const name = session.deps.lawOf(report.law)?.name;
  return { curve: ref.label, law: report.law, ...(name ? { lawName: name } : {}), ...readBack(lossReach(report.predictions, asked, dataEnd), asError) };
}

/** A reach of an accuracy's error said as the accuracy: the value asked, the fit's at the grid's end, the log's level. */
function readBack(r: LossReach, asError: ErrorFit | undefined): LossReach {
  if (!asError) return r;
  const s = asError.scale;
  return {
    ...r,
    loss: Number((s - r.loss).toPrecision(12)),
    ...(r.atUntil !== undefined ? { atUntil: s - r.atUntil } : {}),
    ...(r.loggedLevel !== undefined ? { loggedLevel: s - r.loggedLevel } : {}),
  };
}
