// The forecast's warnings in the panel's words. core/schedule/forecast.ts writes them for the CLI
// ("give --prior, a fit of finished sibling runs"), which a panel user has no flag for: there it is
// the palette command.
const CLI_PRIOR = /give --prior, a fit of finished sibling runs/g;
const PANEL_PRIOR = 'the command Use Sibling Runs as Prior… measures it on finished runs';

/** `warnings` as the Forecast block shows them: the palette command where the CLI names its flag. */
export function panelForecastNotes(warnings: readonly string[]): string[] {
  return warnings.map((w) => w.replace(CLI_PRIOR, PANEL_PRIOR));
}
