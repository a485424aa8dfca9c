// The schedule-aware laws' public face for the CLI and the panel: parse a schedule, build a run's
// LR grid from its log and/or schedule, fit laws over finished runs, predict, forecast a live run.
export { parseSchedule, formatSchedule, lrAt, type ScheduleSpec, type WsdShape } from './spec';
export { scheduleFromSpec, withCooldown, type Schedule, type Cooldown } from './schedule';
export { cleanLrLog, runLr, compareLrWithSchedule, type LrLog, type CleanLr, type RunLr, type LrDisagreement } from './lrSeries';
export type { LrGrid } from './grid';
export { MPL_NAMES, type MplParams } from './mpl';
export { TISSUE_LAMBDA, type TissueParams } from './tissue';
export { parseScheduleFit, type ScheduleFit, type ScheduleLaw } from './prior';
export { fitScheduleLaw, type ScheduleRun, type ScheduleLawFit } from './fitRuns';
export { predictLoss, relErr, type RelErr } from './predict';
export { forecastRun, UNDETERMINED_BAND, type ForecastRequest, type ForecastPoint, type ScheduleForecast } from './forecast';
export { pickLrKey, pickLossKey } from './lrKeys';
export { forecastLawName } from './twoMemory';
export { COOLDOWN_SHAPES, parseCooldownStep, parseCooldownShape, parseCooldownLength, parseCooldownEnd, parseCooldownText, cooldownLabel } from './cooldown';
export { guessFit, inferSchedule, scheduleOfLog, type ScheduleGuess } from './infer';
