// Published scaling-law surfaces, so planning works before the user has fitted anything.
import type { ChinchillaParams } from './laws/chinchilla';

export interface SurfacePreset {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  readonly params: ChinchillaParams;
}

export const PRESETS: Readonly<Record<string, SurfacePreset>> = {
  chinchilla: {
    id: 'chinchilla',
    label: 'Chinchilla (Hoffmann et al. 2022), Approach 3',
    source: 'Hoffmann et al. 2022, eq. 10, unrounded: E 1.6934, A 406.40, B 410.70, α 0.33917, β 0.28491',
    params: { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.33917, beta: 0.28491 },
  },
  epoch: {
    id: 'epoch',
    label: 'Epoch AI replication (Besiroglu et al. 2024)',
    source: 'Besiroglu et al. 2024, refit on 240 digitised points: A 482.0, B 2085.4, E 1.817, α 0.3478, β 0.3658',
    params: { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3658 },
  },
  'epoch-huber': {
    id: 'epoch-huber',
    label: 'Epoch AI replication, summed-Huber optimum',
    source: 'Besiroglu et al. 2024: A 477.8, B 2143.4, E 1.8172, α 0.3473, β 0.3672',
    params: { E: 1.8172, A: 477.8, B: 2143.4, alpha: 0.3473, beta: 0.3672 },
  },
};

export function presetIds(): string[] {
  return Object.keys(PRESETS);
}
