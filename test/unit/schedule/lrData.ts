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

/** The authors' published parameters: only a check of our evaluation, never used to fit. */
export const AUTHORS = {
  '25M': { L0: 3.04, A: 0.525, alpha: 0.508, B: 363.8, C: 2.066, beta: 0.583, gamma: 0.641 },
  '100M': { L0: 2.651, A: 0.601, alpha: 0.453, B: 437.9, C: 2.132, beta: 0.598, gamma: 0.655 },
};

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

/** Drop terms at every logged step, η from the logged LR (as the CLI reads a run). */
export function loggedTerms(r: Rows): DropTerms {
  const lr = runLr({ evalSteps: r.steps, log: cleanLrLog({ steps: r.steps, lr: r.lr }) });
  return dropTerms(lr.grid, r.steps);
}
