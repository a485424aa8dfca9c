// The seam between the commands that steer a run's schedule-aware forecast (sibling prior,
// what-if cooldown, reference run / target loss) and the panel's forecast state: each setter
// applies, refits the forecast and redraws.
import type { ScheduleFit } from '../core/schedule/index';
import type { WhatIfCooldown } from './model/whatIf';
import type { LensPanel } from './panel/lensPanel';

export interface ForecastPosition {
  /** Last logged step of the forecast curve. */
  readonly lastStep: number;
  /** Last step of the schedule, when known (a spec, or the logged LR's last step). */
  readonly total?: number;
  /** A schedule spec is set (a what-if cooldown departs from it). */
  readonly hasSpec: boolean;
}

export interface ForecastControls {
  readonly panel: LensPanel;
  setPrior(fit: ScheduleFit | undefined, label?: string): Promise<void>;
  setWhatIf(w: WhatIfCooldown | undefined): Promise<void>;
  /** The target loss of this panel (a reference run's final loss); undefined returns to the setting. */
  setTargetLoss(loss: number | undefined): Promise<void>;
  position(): ForecastPosition | undefined;
}

/** The forecast controls of `panel` (undefined when its data has no forecast). */
export function controlsOf(panel: LensPanel): ForecastControls | undefined {
  void panel;
  return undefined;
}
