// scaling-lens benchmark FILE… [--json]: the RNSL extrapolation benchmark on the given CSV files.
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { readCsvTable, requireColumns, tableNumber } from '../csvTable';
import { isOtherMark, type DecimalMark } from '../../ingest/text/cells';
import { printText } from '../textAnswer';
import { ESTIMATOR_KEYS, runBenchmark, type BenchmarkReport, type BenchmarkRow } from '../../core/benchmark';

const COLUMNS = ['Domain', 'Task', 'Model', 'Seen Examples', 'Loss', 'Training'] as const;

/** A word where a number belongs (a wrong file), as opposed to an empty or NaN measurement, or a
 *  decimal written with the other mark than the table's, left unread as the reader warns (a gap). */
function isText(cell: string, mark: DecimalMark | undefined): boolean {
  return cell !== '' && Number.isNaN(tableNumber(cell, mark)) && !/^[+-]?nan$/i.test(cell) && !(mark !== undefined && isOtherMark(cell, mark));
}

/** The benchmark's rows in `paths`; `notes` gets what was skipped and what the reader said of each file. */
export async function readBenchmarkRows(paths: readonly string[], notes: string[] = []): Promise<BenchmarkRow[]> {
  const rows: BenchmarkRow[] = [];
  for (const path of paths) {
    const table = await readCsvTable(path);
    requireColumns(table, path, COLUMNS);
    notes.push(...table.warnings);
    const { mark } = table;
    let gaps = 0;
    table.rows.forEach((r, i) => {
      const x = tableNumber(r['Seen Examples'], mark);
      const y = tableNumber(r.Loss, mark);
      if ((r.Training !== '0' && r.Training !== '1') || isText(r['Seen Examples'], mark) || isText(r.Loss, mark)) {
        throw new UsageError(`${path}: row ${i + 2} is not numeric (Seen Examples "${r['Seen Examples']}", Loss "${r.Loss}", Training "${r.Training}")`);
      }
      // a missing or NaN measurement is a gap in that curve, not a reason to drop the whole benchmark
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        gaps++;
        return;
      }
      rows.push({ domain: r.Domain, task: r.Task, model: r.Model, x, y, training: r.Training === '1' });
    });
    if (gaps > 0) notes.push(`${path}: skipped ${gaps} row${gaps === 1 ? '' : 's'} without a finite Seen Examples and Loss`);
  }
  return rows;
}

export function benchmarkText(rep: BenchmarkReport): string {
  const pad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
  const out: string[] = ['mean held-out RMSLE per domain (in parentheses: curves where the law was the best law; for auto, curves where it was as good as the best law or better)', ''];
  const lines = Object.entries(rep.domains).map(([d, s]) => {
    const n = rep.curves.filter((c) => c.domain === d).length;
    const cells = ESTIMATOR_KEYS.map((k) => {
      const e = s[k];
      if (!e || !Number.isFinite(e.meanRmsle)) return 'n/a';
      const partial = e.curves < n ? `*${e.curves}` : '';
      return `${e.meanRmsle.toFixed(5)}${partial} (${e.wins})`;
    });
    return { d, n, cells };
  });
  // each column as wide as its widest cell, so a partial mean ("0.07748*71 (11)") never runs into the next
  const widths = ESTIMATOR_KEYS.map((k, i) => 2 + Math.max(k.length, ...lines.map((l) => l.cells[i].length)));
  out.push(pad('domain', 8) + pad('curves', 7) + ESTIMATOR_KEYS.map((k, i) => pad(k, widths[i])).join(''));
  for (const l of lines) out.push(pad(l.d, 8) + pad(String(l.n), 7) + l.cells.map((c, i) => pad(c, widths[i])).join(''));
  out.push('', '* = mean over only that many curves (the others have too few fit points for the law)');
  const chosen = new Map<string, number>();
  for (const c of rep.curves) if (c.auto) chosen.set(c.auto, (chosen.get(c.auto) ?? 0) + 1);
  out.push(`auto chose: ${[...chosen].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  out.push(`${rep.curves.length} curves in ${rep.seconds.toFixed(2)} s`);
  return out.join('\n');
}

export const BENCHMARK_BOOLEANS = ['json'];

export const command: Command = {
  help: [
    'scaling-lens benchmark FILE… [--json]',
    '  Run the extrapolation benchmark of Alabdulmohsin et al. (2022) on CSV files with columns',
    '  Domain, Task, Model, Seen Examples, Loss, Training. Every (Domain, Task, Model) curve is fitted',
    '  on its Training == 1 rows with M1–M4, BNSL with 0–3 breaks, MIX, FLAT (the last level held),',
    '  LOGLIN (log y linear in log x over the last half) and auto, and scored by RMSLE on its',
    '  Training == 0 rows. Prints the mean per domain and estimator, win counts and wall time.',
    '  e.g. scaling-lens benchmark data/benchmark.vision.csv data/benchmark.lang.csv',
  ].join('\n'),
  async run(argv) {
    const args = parseArgs(argv, [], BENCHMARK_BOOLEANS);
    if (args.positional.length === 0) throw new UsageError('benchmark needs at least one CSV file');
    const notes: string[] = [];
    const rows = await readBenchmarkRows(args.positional, notes);
    const rep = runBenchmark(rows, { now: () => performance.now() });
    if (args.switches.has('json')) console.log(JSON.stringify(rep, null, 2));
    // --json has no warnings field: what the reader said goes to stderr in both modes
    printText({ answer: args.switches.has('json') ? '' : benchmarkText(rep), warnings: notes });
    // a curve that could not be fitted scores null for every estimator; only a run with no score at all fails
    const scored = rep.curves.filter((c) => Object.values(c.rmsle).some((v) => v !== null)).length;
    if (rep.curves.length > 1 || scored < rep.curves.length) console.error(`${scored} curves scored, ${rep.curves.length - scored} not (too few fit or held-out points)`);
    return scored > 0 ? 0 : 1;
  },
};
