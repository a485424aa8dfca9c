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

/** True when every complete line of `head` is 2–3 space-separated numbers, the first an integer. */
function looksLikeMetricLines(head: Uint8Array): boolean {
  const text = new TextDecoder().decode(head.subarray(0, 4096));
  const last = text.lastIndexOf('\n');
  if (last < 0) return false;
  const lines = text.slice(0, last).split('\n');
  for (const l of lines) {
    const parts = l.trim().split(' ');
    if (parts.length < 2 || parts.length > 3) return false;
    if (!/^\d+$/.test(parts[0]) || parseNumberWord(parts[1]) === undefined) return false;
    if (parts.length === 3 && !/^-?\d+$/.test(parts[2])) return false;
  }
  return lines.length > 0;
}

export const mlflowFormat: Format = {
  id: 'mlflow',
  growth: 'append',
  detect(name, head) {
    if (!looksLikeMetricLines(head)) return 0;
    return name.replace(/\\/g, '/').includes('/metrics/') ? 0.95 : 0.8;
  },
  createDecoder: (origin): Decoder => new MlflowDecoder(origin),
};
