// That a long curve was fitted as log-x bins: how the fit was done, not a doubt about it. It is
// listed with the analysis' warnings (the CLI prints them as they come); the panel shows it as
// information, apart from them. Each bin is its points' geometric mean (fitCurve.ts logBinned), the
// level a log-y fit is after; the chart's dots are another thinning, the median of each chart bin.

export function binnedNote(points: number, bins: number): string {
  return `fitted ${points} points as ${bins} log-x bins (geometric means)`;
}

export const isBinnedNote = (line: string): boolean => /^fitted \d+ points as \d+ log-x bins \(geometric means\)$/.test(line);
