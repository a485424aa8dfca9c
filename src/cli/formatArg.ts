// --format: a log format id, checked against the ingest registry. Kept out of args.ts so that
// commands which never read logs do not load every format reader.
import { UsageError } from './args';
import type { FormatId } from '../ingest/model/model';
import { formats } from '../ingest/formats/index';

export function parseFormat(v: string | undefined): FormatId | undefined {
  if (v === undefined) return undefined;
  const ids = formats.map((f) => f.id) as string[];
  if (!ids.includes(v)) throw new UsageError(`--format must be one of ${ids.join(', ')}; got "${v}"`);
  return v as FormatId;
}
