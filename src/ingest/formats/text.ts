// Plain-text training logs (nanoGPT, torchtitan, HF Trainer stdout, Megatron, mmdet): every line
// goes through the one key/number scanner; x axes and splits come from the key names.
import type { Decoder, Format } from '../decoder';
import { baseName } from '../keys';
import { cleanLogLine, scanKeyNumbers } from '../keyNumberScanner';
import { LineDecoder } from '../lineDecoder';
import { RecordAccumulator } from '../recordRows';
import { looksTextual } from '../sniff';

/** Lines longer than this are progress-bar spam or binary junk; they are skipped. */
const MAX_LINE = 64 * 1024;

class TextDecoder_ extends LineDecoder {
  private readonly records = new RecordAccumulator(this.run);
  private readonly keys: string[] = [];
  private readonly values: number[] = [];
  private readonly emit = (k: string, v: number): void => {
    this.keys.push(k);
    this.values.push(v);
  };

  constructor(origin: string) {
    super(origin, 'text');
  }

  protected line(text: string, lineNo: number): void {
    if (text.length > MAX_LINE) {
      this.warn.add(`line of ${text.length} characters skipped`, { line: lineNo });
      return;
    }
    this.keys.length = 0;
    this.values.length = 0;
    scanKeyNumbers(cleanLogLine(text), this.emit);
    this.records.add(this.keys, this.values);
  }
}

export const textFormat: Format = {
  id: 'text',
  growth: 'append',
  detect(name, head) {
    if (!looksTextual(head)) return 0;
    const base = baseName(name).toLowerCase();
    if (base.endsWith('.log') || base.endsWith('.txt') || base.endsWith('.out') || base.endsWith('.err')) return 0.5;
    return 0.1;
  },
  createDecoder: (origin): Decoder => new TextDecoder_(origin),
};
