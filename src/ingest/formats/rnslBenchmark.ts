// The RNSL benchmark table (Domain, Task, Model, Seen Examples, Loss, Training): one run per
// Domain/Task/Model, series 'loss' over samples, Training=1 marks fit points, 0 held-out ones.
import type { Decoder, Format } from '../model/decoder';
import type { RunData } from '../model/model';
import type { Cells } from '../text/cells';
import { emptyXValues, RunBuilder, type SeriesBuilder } from '../model/runBuilder';
import { TableDecoder, type TableSink } from '../text/table';
import type { WarningList } from '../model/warnings';
import { headerColumns } from './csv';

const REQUIRED = ['domain', 'task', 'model', 'seen examples', 'loss'] as const;

interface BenchmarkRun {
  readonly run: RunBuilder;
  readonly loss: SeriesBuilder;
}

class BenchmarkSink implements TableSink {
  private readonly byRun = new Map<string, BenchmarkRun>();
  private idx: Record<(typeof REQUIRED)[number] | 'training', number> = { domain: -1, task: -1, model: -1, 'seen examples': -1, loss: -1, training: -1 };
  /** Per-row work stays off the hot path: all columns present, and the highest index they need. */
  private complete = false;
  private maxIdx = -1;
  private readonly x = emptyXValues();
  /** The previous row's run: rows of one run come together in real tables. */
  private last: { domain: string; task: string; model: string; entry: BenchmarkRun } | undefined;

  constructor(private readonly origin: string) {}

  header(columns: readonly string[], line: number, warn: WarningList): void {
    const lower = columns.map((c) => c.toLowerCase());
    for (const k of [...REQUIRED, 'training'] as const) this.idx[k] = lower.indexOf(k);
    const missing = REQUIRED.filter((k) => this.idx[k] < 0);
    if (missing.length) warn.add(`benchmark table lacks column(s): ${missing.join(', ')}`, { line });
    this.complete = missing.length === 0;
    this.maxIdx = Math.max(...REQUIRED.map((k) => this.idx[k]));
    this.last = undefined;
  }

  row(cells: Cells, line: number, warn: WarningList): void {
    const i = this.idx;
    if (!this.complete) return;
    if (cells.length <= this.maxIdx) {
      warn.add('short row skipped', { line });
      return;
    }
    const x = cells.num(i['seen examples']);
    const y = cells.num(i.loss);
    if (typeof x !== 'number' || typeof y !== 'number') {
      warn.add('row without numeric Seen Examples/Loss skipped', { line });
      return;
    }
    const domain = cells.str(i.domain).trim();
    const task = cells.str(i.task).trim();
    const model = cells.str(i.model).trim();
    const last = this.last;
    let entry: BenchmarkRun;
    if (last && last.model === model && last.task === task && last.domain === domain) entry = last.entry;
    else {
      const name = `${domain}/${task}/${model}`;
      let found = this.byRun.get(name);
      if (!found) {
        const run = new RunBuilder(name, this.origin, 'rnsl-benchmark');
        run.setMeta('domain', domain);
        run.setMeta('task', task);
        run.setMeta('model', model);
        found = { run, loss: run.get('loss', 'val') };
        this.byRun.set(name, found);
      }
      entry = found;
      this.last = { domain, task, model, entry };
    }
    const t = i.training >= 0 ? cells.num(i.training) : undefined;
    this.x.samples = x;
    entry.loss.push(y, this.x, t === undefined || t === null ? undefined : t !== 0);
  }

  runs(): RunData[] {
    return [...this.byRun.values()].map((r) => r.run.data());
  }
}

export const rnslBenchmarkFormat: Format = {
  id: 'rnsl-benchmark',
  growth: 'rewrite',
  detect(_name, head) {
    const lower = headerColumns(head).map((c) => c.toLowerCase());
    return REQUIRED.every((k) => lower.includes(k)) ? 0.99 : 0;
  },
  createDecoder: (origin): Decoder => new TableDecoder(origin, 'rnsl-benchmark', new BenchmarkSink(origin)),
};
