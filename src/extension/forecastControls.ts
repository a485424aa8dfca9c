// The seam between the commands that steer a run's schedule-aware forecast (sibling prior,
// what-if cooldown, reference run / target loss) and the panel's ForecastState (session.forecast):
// each setter applies, refits the forecast and redraws, as the panel's own schedule field does.
import { parseSchedule, type ScheduleFit } from '../core/schedule/index';
import type { WhatIfCooldown } from './model/whatIf';
import type { LensPanel } from './panel/lensPanel';

export interface ForecastPosition {
  /** Last logged step of the forecast curve. */
  readonly lastStep: number;
  /** Last step of the schedule, when known (a spec, else the logged LR's last step). */
  readonly total?: number;
  /** A schedule spec is set (a what-if cooldown departs from it). */
  readonly hasSpec: boolean;
}

export interface ForecastControls {
  readonly panel: LensPanel;
  setPrior(fit: ScheduleFit | undefined, label?: string): Promise<void>;
  setWhatIf(w: WhatIfCooldown | undefined): Promise<void>;
  /** The target loss of this panel (`from`: the reference run whose final loss it is); undefined returns to the setting. */
  setTargetLoss(loss: number | undefined, from?: string): Promise<void>;
  position(): ForecastPosition | undefined;
}

function totalOf(spec: string | undefined, lrSteps: Float64Array | undefined): number | undefined {
  if (spec !== undefined) {
    try {
      return parseSchedule(spec).total;
    } catch {
      // the state keeps only specs that parse; a failure here means no known end
    }
  }
  return lrSteps && lrSteps.length > 0 ? lrSteps[lrSteps.length - 1] : undefined;
}

/** The forecast controls of `panel` (undefined when it shows no source or is closed). */
export function controlsOf(panel: LensPanel): ForecastControls | undefined {
  if (panel.isDisposed || !panel.session.path) return undefined;
  const refit = async (): Promise<void> => {
    await panel.refit('window');
  };
  return {
    panel,
    setPrior: async (fit, label) => {
      panel.session.forecast.setPrior(fit, label);
      await refit();
    },
    setWhatIf: async (w) => {
      panel.session.forecast.setWhatIf(w);
      await refit();
    },
    setTargetLoss: async (loss, from) => {
      panel.session.forecast.setTargetLoss(loss, from);
      await refit();
    },
    position: () => {
      const input = panel.session.forecastContext().input;
      if (!input) return undefined;
      const spec = panel.session.forecast.specFor(panel.session.forecastContext())?.text;
      const total = totalOf(spec, input.lr?.steps);
      return { lastStep: input.lastStep, ...(total !== undefined ? { total } : {}), hasSpec: spec !== undefined };
    },
  };
}
