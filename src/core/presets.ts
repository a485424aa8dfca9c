// Published scaling-law surfaces, so planning works before the user has fitted anything.
import type { ChinchillaParams } from './laws/chinchilla';

export interface SurfacePreset {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  readonly params: ChinchillaParams;
  /** The runs the surface was fitted on: their range of compute (6·N·D FLOPs) and where that range is stated. */
  readonly fittedOn: { readonly flops: readonly [number, number]; readonly from: string };
}

/**
 * The compute of the runs behind all three presets. Hoffmann et al. state the range they fitted on
 * in their paper, but the project's reference copy does not hold it (the encyclopedia excerpt in
 * the shared seeds lost the formula: "fitted over experimental data with ."); what is documented is
 * the range of the points Besiroglu et al. digitised from Hoffmann et al.'s figure and refitted
 * (reference/log-formats.md, "Epoch AI replication": C 1.4e18…1.3e22 FLOPs, N 5.7e7…1.6e10), the
 * same runs' points, so each preset is given that range.
 */
const CHINCHILLA_RUNS = { flops: [1.4e18, 1.3e22] as const, from: "Hoffmann et al.'s runs as Epoch AI digitised them" };

export const PRESETS: Readonly<Record<string, SurfacePreset>> = {
  chinchilla: {
    id: 'chinchilla',
    label: 'Chinchilla (Hoffmann et al. 2022), Approach 3',
    source: 'Hoffmann et al. 2022, eq. 10, unrounded: E 1.6934, A 406.40, B 410.70, α 0.33917, β 0.28491',
    params: { E: 1.6934, A: 406.4, B: 410.7, alpha: 0.33917, beta: 0.28491 },
    fittedOn: CHINCHILLA_RUNS,
  },
  epoch: {
    id: 'epoch',
    label: 'Epoch AI replication (Besiroglu et al. 2024)',
    source: 'Besiroglu et al. 2024, refit on 240 digitised points: A 482.0, B 2085.4, E 1.817, α 0.3478, β 0.3658',
    params: { E: 1.817, A: 482.0, B: 2085.4, alpha: 0.3478, beta: 0.3658 },
    fittedOn: CHINCHILLA_RUNS,
  },
  'epoch-huber': {
    id: 'epoch-huber',
    label: 'Epoch AI replication, summed-Huber optimum',
    source: 'Besiroglu et al. 2024: A 477.8, B 2143.4, E 1.8172, α 0.3473, β 0.3672',
    params: { E: 1.8172, A: 477.8, B: 2143.4, alpha: 0.3473, beta: 0.3672 },
    fittedOn: CHINCHILLA_RUNS,
  },
};

export function presetIds(): string[] {
  return Object.keys(PRESETS);
}
