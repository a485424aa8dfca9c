// What a watch's live line says when the source shows no points.
import type { SourceData } from '../../ingest/model/model';
import { NO_SERIES } from './texts';

/** No value read at all: the source is empty, a header alone, or a folder with no log yet. */
export function nothingRead(source: SourceData | undefined): boolean {
  return source !== undefined && source.runs.every((r) => r.series.every((s) => s.y.length === 0));
}

/**
 * Why a watch shows no points: a source read with no series against an x axis (a CSV without a
 * header row) says so and why, not "no points yet" as if more were coming. A source with no value
 * read at all (an empty file, a header alone, a folder the run has not written to yet: a watch
 * started before training logs) is waiting, not wrong. `hasColumns`: columns were found.
 */
export function noPointsLine(source: SourceData | undefined, hasColumns: boolean): string {
  if (!source || hasColumns) return 'no points yet';
  const why = source.warnings[0]?.message;
  const because = why ? ` (${why})` : '';
  if (nothingRead(source)) return `no points yet${because}`;
  return `${NO_SERIES.toLowerCase().replace(/ was found in this source\.$/, '')}${because}`;
}
