// MLflow FileStore metric file: `<timestamp_ms> <value> [<step>]` per line, one file per metric
// (mlruns/<exp>/<run>/metrics/<key>, '/' in keys → subfolders). The key is the path under metrics/.
import type { Decoder, Format } from '../model/decoder';
import { baseName } from '../model/keys';
import { LineDecoder } from '../text/lineDecoder';
import { emptyXValues, type SeriesBuilder, type XValues } from '../model/runBuilder';

/** The metric key of a metric file path: the part after '/metrics/', else the file name. */
export function mlflowKey(origin: string): string {
  const p = origin.replace(/\\/g, '/');
  const i = p.lastIndexOf('/metrics/');
  return i >= 0 ? p.slice(i + '/metrics/'.length) : baseName(p);
}

function parseNumberWord(s: string): number | undefined {
  const v = Number(s);
  if (!Number.isNaN(v) && s.length > 0) return v;
  const t = s.toLowerCase();
  if (t === 'nan') return NaN;
  if (t === 'inf' || t === 'infinity') return Infinity;
  if (t === '-inf' || t === '-infinity') return -Infinity;
  return undefined;
}

class MlflowDecoder extends LineDecoder {
  private readonly series: SeriesBuilder;
  private readonly x: XValues = emptyXValues();

  constructor(origin: string) {
    super(origin, 'mlflow');
    this.series = this.run.get(mlflowKey(origin));
  }

  protected line(text: string, lineNo: number): void {
    const t = text.trim();
    if (t.length === 0) return;
    const parts = t.split(' ');
    const ts = parts.length >= 2 && parts.length <= 3 ? parseNumberWord(parts[0]) : undefined;
    const value = ts === undefined ? undefined : parseNumberWord(parts[1]);
    const step = parts.length === 3 ? parseNumberWord(parts[2]) : 0;
    if (ts === undefined || value === undefined || step === undefined) {
      this.warn.add('not an MLflow metric line "<timestamp> <value> <step>"; skipped', { line: lineNo });
      return;
    }
    this.x.step = step;
    this.x.time = ts / 1000;
    this.series.push(value, this.x);
  }
}

/** Good and bad complete lines of `head`: good = 2–3 space-separated numbers, the first an integer. */
function metricLineCounts(head: Uint8Array): { good: number; bad: number } {
  const text = new TextDecoder().decode(head.subarray(0, 4096));
  const last = text.lastIndexOf('\n');
  if (last < 0) return { good: 0, bad: 0 };
  let good = 0;
  let bad = 0;
  for (const l of text.slice(0, last).split('\n')) {
    const parts = l.trim().split(' ');
    const ok = parts.length >= 2 && parts.length <= 3 && /^\d+$/.test(parts[0]) && parseNumberWord(parts[1]) !== undefined && (parts.length === 2 || /^-?\d+$/.test(parts[2]));
    if (ok) good++;
    else bad++;
  }
  return { good, bad };
}

export const mlflowFormat: Format = {
  id: 'mlflow',
  growth: 'append',
  detect(name, head) {
    const { good, bad } = metricLineCounts(head);
    if (good === 0) return 0;
    // inside an MLflow run's metrics/ folder a torn or corrupt line is skipped (with a warning) by
    // the decoder; it must not hide the whole metric, and with it the run
    const inRun = name.replace(/\\/g, '/').includes('/metrics/');
    if (bad === 0) return inRun ? 0.95 : 0.8;
    return inRun && bad <= good ? 0.9 : 0;
  },
  createDecoder: (origin): Decoder => new MlflowDecoder(origin),
};
