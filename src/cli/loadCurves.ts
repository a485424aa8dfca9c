// The curves `fit` and `predict` read: a CSV table by its columns, or any training log or folder of
// runs through the ingest layer, with an accuracy turned into its error (yMetricCurves.ts).
import { UsageError } from './args';
import { readCurveTable, type CurveTable } from './tableCurves';
import { isXKind, sourceCurves, SWEEP_GROUP_FLAGS, type LoadedCurves } from './sourceCurves';
import type { CurveFitRequest } from './curveRequest';
import type { XKind } from '../ingest/model/model';
import { xKindOf } from '../ingest/model/keys';
import { sweepColumns } from '../ingest/model/sweepColumns';
import { asFallingMetric } from './yMetricCurves';

/**
 * A .csv file whose header has the --x column is a table, read as before (columns by name);
 * anything else — folders, other logs, a CSV without --x or with --x an x kind it has no column
 * for, --group run where it has no run column, or --format — goes through the ingest readers.
 */
export async function loadCurves(req: CurveFitRequest): Promise<LoadedCurves> {
  return asFallingMetric(await loadAsRead(req));
}

async function loadAsRead(req: CurveFitRequest): Promise<LoadedCurves> {
  const x = req.xCol;
  // a column that is no x kind, or groups by column, are the table's; an x kind alone goes through
  // the log readers, which also read a log's LR warmup and its run's config (one fit, --x or not)
  const byColumns = x !== undefined && (!isXKind(x) || req.groupCols.length > 0);
  if (byColumns && req.yCol !== undefined && !req.format && /\.csv$/i.test(req.path)) {
    let table: CurveTable | undefined;
    let tableError: unknown;
    try {
      table = await readCurveTable(req.path, { x, y: req.yCol, groups: req.groupCols });
    } catch (err) {
      if (!isXKind(x)) throw err;
      tableError = err;
    }
    // `--x tokens --y loss --group run` on a CSV with a model_name column: "run" (and a sweep's N, D)
    // is the log reader's group when the table has no such column, as it is without --x
    const logGroup = (g: string): boolean => (g === 'run' || SWEEP_GROUP_FLAGS.has(g)) && !table?.header.includes(g);
    if (table && (!isXKind(x) || (table.header.includes(x) && !req.groupCols.some(logGroup)))) {
      const xKind = xKindOf(x) ?? countKindOf(x);
      return { ...table.curves(), yKey: req.yCol, ...(xKind ? { xKind } : {}) };
    }
    const loaded = await sourceCurves(req);
    // a group the log reader did not split by either (one run; no N or D slices in a training log)
    // is refused with the table's columns, not fitted as one curve through every row without a word
    const header = table?.header;
    const unanswered = req.groupCols.find((g) => logGroup(g) && new Set(loaded.curves.map((c) => c.group[g]).filter((v) => v !== undefined)).size <= (g === 'run' ? 1 : 0));
    if (unanswered !== undefined) {
      const holds = unanswered === 'run' ? 'holds one run' : `is no sweep to take ${unanswered} from`;
      throw header ? new UsageError(`${req.path} has no column "${unanswered}" and ${holds}; columns are: ${header.join(', ')}`) : tableError;
    }
    return loaded;
  }
  const loaded = await sourceCurves(req);
  // without --x too: --group N on a training log has no sizes to split by, and was passed over
  const unsplit = req.groupCols.find((g) => SWEEP_GROUP_FLAGS.has(g) && loaded.curves.every((c) => c.group[g] === undefined));
  if (unsplit !== undefined) throw new UsageError(`${req.path} is no sweep to take ${unsplit} from (a table of one row per run): --group run fits each run of a log`);
  return loaded;
}

/** The count a sweep's column name states ("N", "num_params", "D", "total_flops"), which a target's unit must not contradict. */
function countKindOf(column: string): XKind | undefined {
  const c = sweepColumns([column]);
  return c.params === 0 ? 'params' : c.tokens === 0 ? 'tokens' : c.flops === 0 ? 'flops' : undefined;
}
