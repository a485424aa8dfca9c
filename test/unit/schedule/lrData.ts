// The bundled lr-schedules runs (data/lr-schedules, Luo et al. 2025, MIT) for the schedule tests
// and bench: rows, the schedule that produced each run, the authors' split.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanLrLog, runLr, scheduleFromSpec, type Schedule } from '../../../src/core/schedule/index';
import { dropTerms, type DropTerms } from '../../../src/core/schedule/mplTerms';

export const DATA = join(__dirname, '..', '..', '..', 'data', 'lr-schedules');
export const SIZES = ['25M', '100M'] as const;
export type Size = (typeof SIZES)[number];
export const TRAIN = ['cosine_24000', 'constant_24000', 'wsdcon_9'];
export const TEST = ['cosine_72000', 'constant_72000', 'wsdcon_3', 'wsdcon_18', 'wsd_20000_24000', 'wsdld_20000_24000'];
export const FORECAST = ['cosine_72000', 'wsd_20000_24000', 'wsdld_20000_24000'];

export const SPECS: Record<string, string> = {
  cosine_24000: 'cosine:warmup=2160,total=24000,peak=3e-4,end=3e-5',
  cosine_72000: 'cosine:warmup=2160,total=72000,peak=3e-4,end=3e-5',
  constant_24000: 'constant:warmup=2160,total=24000,peak=3e-4',
  constant_72000: 'constant:warmup=2160,total=72000,peak=3e-4',
  wsdcon_3: 'two-stage:warmup=2160,switch=8000,total=16000,peak=3e-4,then=3e-5',
  wsdcon_9: 'two-stage:warmup=2160,switch=8000,total=16000,peak=3e-4,then=9e-5',
  wsdcon_18: 'two-stage:warmup=2160,switch=8000,total=16000,peak=3e-4,then=18e-5',
  wsd_20000_24000: 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=exp',
  wsdld_20000_24000: 'wsd:warmup=2160,decay=20000,total=24000,peak=3e-4,end=3e-5,shape=linear',
};

/**
 * The authors' parameters: only a check of our evaluation, never used to fit (nor as a start).
 * At the precision their repository's configuration keeps; the paper's table rounds them to 3
 * decimals, which alone moves the test-six figures by 6–8% (0.00117 for 0.00110 at 25M).
 */
export const AUTHORS = {
  '25M': { L0: 3.04045406, A: 0.52468604, alpha: 0.50786857, B: 363.78751622, C: 2.06560812, beta: 0.58279013, gamma: 0.64142257 },
  '100M': { L0: 2.6514477, A: 0.60115152, alpha: 0.45295811, B: 437.9464276, C: 2.13245612, beta: 0.59785199, gamma: 0.65523644 },
};

/** The authors' published figures on their split (mean relative error, mean of per-run worst). */
export const AUTHORS_SPLIT: Record<Size, [number, number]> = { '25M': [0.0011, 0.00409], '100M': [0.00142, 0.00583] };

export interface Rows {
  readonly file: string;
  readonly steps: number[];
  readonly lr: number[];
  readonly loss: number[];
}

export function rows(size: Size, name: string): Rows {
  const file = join(DATA, size, `${name}.csv`);
  const r = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
  return { file, steps: r.map((x) => x[0]), lr: r.map((x) => x[1]), loss: r.map((x) => x[2]) };
}

export function schedule(name: string): Schedule {
  return scheduleFromSpec(SPECS[name]);
}

/**
 * Drop terms at every logged step with η per step from the run's schedule: the authors'
 * evaluation protocol (they rebuild η from the schedule, not from the 128-step LR log; every
 * logged row is scored, warmup sum included in S1, warmup η rises counted in the drop sum).
 */
export function scheduleTerms(r: Rows, name: string): DropTerms {
  return dropTerms(runLr({ evalSteps: r.steps, schedule: schedule(name) }).grid, r.steps);
}

/** Drop terms at every logged step, η from the logged LR (as the CLI reads a run). */
export function loggedTerms(r: Rows): DropTerms {
  const lr = runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) });
  return dropTerms(lr.grid, r.steps);
}
