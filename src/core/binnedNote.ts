// That a long curve was fitted as log-x bins: how the fit was done, not a doubt about it. It is
// listed with the analysis' warnings (the CLI prints them as they come); the panel shows it as
// information, apart from them.

export function binnedNote(points: number, bins: number): string {
  return `fitted ${points} points as ${bins} log-x bins (averages)`;
}

export const isBinnedNote = (line: string): boolean => /^fitted \d+ points as \d+ log-x bins \(averages\)$/.test(line);
