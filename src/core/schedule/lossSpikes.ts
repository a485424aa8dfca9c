// Loss spikes are left out of every law's fit and drawn crossed (core/spikes.ts); the schedule
// forecast was given them all the same, in the panel and the CLI. Three 2× spikes in the first
// 300 rows of the 100M cosine_72000 run, as a W&B history, widened its 95% band from
// [2.841, 2.922] to [2.527, 3.257] (the true end 2.863 inside both); left out, the forecast is the
// clean run's. On the 18 LR-schedule runs and Mamba's 44K steps no point is flagged, so their
// forecasts are unchanged. forecastRun itself takes what it is given (its rules are its own): the
// CLI's forecast and the panel's forecast job leave the spikes out before they call it.
import { findSpikesAndNewest, type NewestJump } from '../spikes';

/**
 * The log without the loss spikes findSpikes flags among its finite, positive losses, how many were
 * left out, and the newest rows among them held back as a jump (spikes.ts newestJump), for the note
 * that says so.
 */
export function withoutLossSpikes(steps: ArrayLike<number>, loss: ArrayLike<number>): { steps: number[]; loss: number[]; spikes: number; newest?: NewestJump } {
  const finite: number[] = [];
  for (let i = 0; i < loss.length; i++) if (Number.isFinite(steps[i]!) && loss[i]! > 0 && Number.isFinite(loss[i]!)) finite.push(i);
  const { spikes, newest } = findSpikesAndNewest(Float64Array.from(finite, (i) => loss[i]!));
  const rows = new Set(spikes.map((k) => finite[k]!));
  const s: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < loss.length; i++) if (!rows.has(i)) (s.push(steps[i]!), y.push(loss[i]!));
  return { steps: s, loss: y, spikes: rows.size, ...(newest ? { newest } : {}) };
}
