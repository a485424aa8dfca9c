// The headline as the live watch compares it from one refit to the next (live/autoChange.ts), with
// what the user asked of auto: the columns (a curve keeps its run's name when another y is picked),
// the laws it may choose from and the settings its back-tests use.
import type { AutoShown } from '../live/autoChange';
import type { LensSession } from '../session';
import { lawIdsOf } from './fitOptions';

export function autoShownOf(session: LensSession): AutoShown | undefined {
  const shown = session.prediction;
  if (!shown) return undefined;
  const s = session.settings();
  // targets and the warmup's end follow the data; these follow only the user's settings
  const asked = JSON.stringify([session.columns?.x, session.columns?.y, lawIdsOf(session), s.holdoutFraction, s.smoothing, s.fitWarmup === true, s.bootstrapSamples]);
  return { ...shown, asked };
}
