// Every format the ingester knows, text and binary. Detection asks each one for a score.
import type { Format } from '../model/decoder';
import type { FormatId } from '../model/model';
import { csvFormat } from './csv';
import { hfTrainerStateFormat } from './hfTrainerState';
import { jsonlFormat } from './jsonl';
import { jsonRecordsFormat } from './jsonRecords';
import { kerasFormat } from './keras';
import { lightningFormat } from './lightning';
import { mlflowFormat } from './mlflow';
import { mmcvJsonFormat } from './mmcvJson';
import { mlflowSqliteFormat } from './mlflowSqlite';
import { rnslBenchmarkFormat } from './rnslBenchmark';
import { sweepFormat } from './sweep';
import { textFormat } from './text';
import { tensorboardJsonFormat } from './tensorboardJson';
import { tfeventsFormat } from './tfevents';
import { wandbFormat } from './wandb';
// binary formats (tfevents, wandb): their engineer adds the import and the entry below.

export const formats: readonly Format[] = [
  tfeventsFormat,
  wandbFormat,
  mlflowSqliteFormat,
  rnslBenchmarkFormat,
  lightningFormat,
  kerasFormat,
  sweepFormat,
  csvFormat,
  hfTrainerStateFormat,
  tensorboardJsonFormat,
  jsonRecordsFormat,
  mmcvJsonFormat,
  jsonlFormat,
  mlflowFormat,
  textFormat,
];

export function formatById(id: FormatId): Format | undefined {
  return formats.find((f) => f.id === id);
}

/** Formats read from bytes rather than text: a head that is no text is theirs to judge. */
const BYTE_FORMATS: ReadonlySet<FormatId> = new Set(['tfevents', 'wandb', 'mlflow-sqlite']);

/** Whether `id` reads text (UTF-8, or UTF-16 transcoded): bytes that are no text are not its to read. */
export function readsText(id: FormatId): boolean {
  return !BYTE_FORMATS.has(id);
}
