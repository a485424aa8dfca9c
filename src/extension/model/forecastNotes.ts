// The forecast's warnings in the panel's words. core/schedule/forecast.ts writes them for the CLI
// ("give --prior, a fit of finished sibling runs"), which a panel user has no flag for: there it is
// the palette command. And a gain fitted on too little of the decay is said twice by the core (the
// gain it fitted and did not use, then that the logged part has too little decay), both ending in
// "a typical one is assumed (4.2%)": the panel keeps the first, which gives the figures.
const CLI_PRIOR = /give --prior, a fit of finished sibling runs/g;
const PANEL_PRIOR = 'the command Use Sibling Runs as Prior… measures it on finished runs';
const GAIN_NOT_USED = /^(what-if: )?the annealing gain fitted on the logged part /;
const TOO_LITTLE_DECAY = /^(what-if: )?the logged part has too little learning-rate decay /;

/** `warnings` as the Forecast block shows them: no CLI flag, and one note of an assumed gain. */
export function panelForecastNotes(warnings: readonly string[]): string[] {
  // whose gain notes there are: the run's ('') and the what-if's ('what-if: ')
  const gainSaid = new Set(warnings.flatMap((w) => {
    const m = GAIN_NOT_USED.exec(w);
    return m ? [m[1] ?? ''] : [];
  }));
  return warnings
    .filter((w) => {
      const m = TOO_LITTLE_DECAY.exec(w);
      return !m || !gainSaid.has(m[1] ?? '');
    })
    .map((w) => w.replace(CLI_PRIOR, PANEL_PRIOR));
}
