// The RNSL benchmark table (Domain, Task, Model, Seen Examples, Loss, Training): one run per
// Domain/Task/Model, series 'loss' over samples, Training=1 marks fit points, 0 held-out ones.
import type { Decoder, Format } from '../decoder';
import type { RunData } from '../model';
import type { Cells } from '../cells';
import { RunBuilder } from '../runBuilder';
import { TableDecoder, type TableSink } from '../table';
import type { WarningList } from '../warnings';
import { headerColumns } from './csv';

const REQUIRED = ['domain', 'task', 'model', 'seen examples', 'loss'] as const;

class BenchmarkSink implements TableSink {
  private readonly byRun = new Map<string, RunBuilder>();
  private idx: Record<(typeof REQUIRED)[number] | 'training', number> = { domain: -1, task: -1, model: -1, 'seen examples': -1, loss: -1, training: -1 };

  constructor(private readonly origin: string) {}

  header(columns: readonly string[], line: number, warn: WarningList): void {
    const lower = columns.map((c) => c.toLowerCase());
    for (const k of [...REQUIRED, 'training'] as const) this.idx[k] = lower.indexOf(k);
    const missing = REQUIRED.filter((k) => this.idx[k] < 0);
    if (missing.length) warn.add(`benchmark table lacks column(s): ${missing.join(', ')}`, { line });
  }

  row(cells: Cells, line: number, warn: WarningList): void {
    const i = this.idx;
    if (REQUIRED.some((k) => i[k] < 0 || i[k] >= cells.length)) {
      if (!REQUIRED.some((k) => i[k] < 0)) warn.add('short row skipped', { line });
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
    const name = `${domain}/${task}/${model}`;
    let run = this.byRun.get(name);
    if (!run) {
      run = new RunBuilder(name, this.origin, 'rnsl-benchmark');
      run.setMeta('domain', domain);
      run.setMeta('task', task);
      run.setMeta('model', model);
      this.byRun.set(name, run);
    }
    const t = i.training >= 0 ? cells.num(i.training) : undefined;
    run.get('loss', 'val').push(y, { samples: x }, t === undefined || t === null ? undefined : t !== 0);
  }

  runs(): RunData[] {
    return [...this.byRun.values()].map((r) => r.data());
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
