// Generators for the binary throughput bench: a TensorBoard event file hand-encoded straight into a
// write buffer (the test writers allocate too much for millions of events) and a W&B log written
// with the test-side LevelDB-log writer.
import { closeSync, openSync, writeSync } from 'node:fs';
import { crc32c, maskCrc } from '../src/ingest/records/crc32c';
import { WandbLogWriter, historyRecord } from '../test/unit/ingest/binaryWriters';

class EventFileWriter {
  private readonly out = new Uint8Array(8 << 20);
  private readonly outView = new DataView(this.out.buffer);
  private n = 0;
  private readonly v = new Uint8Array(1 << 16);
  private readonly vView = new DataView(this.v.buffer);
  private vn = 0;
  private readonly ev = new Uint8Array(1 << 16);
  private readonly evView = new DataView(this.ev.buffer);
  bytes = 0;
  events = 0;
  scalars = 0;

  constructor(private readonly fd: number) {}

  private static varint(buf: Uint8Array, p: number, v: number): number {
    while (v >= 0x80) {
      buf[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    buf[p++] = v;
    return p;
  }

  private vBytes(...bs: number[]): void {
    for (const b of bs) this.v[this.vn++] = b;
  }

  private vTag(tag: Uint8Array): void {
    this.vBytes(0x0a, tag.length);
    this.v.set(tag, this.vn);
    this.vn += tag.length;
  }

  private vMeta(plugin: string): void {
    const p = new TextEncoder().encode(plugin);
    this.vBytes(0x4a, p.length + 4, 0x0a, p.length + 2, 0x0a, p.length);
    this.v.set(p, this.vn);
    this.vn += p.length;
  }

  simple(tag: Uint8Array, y: number): void {
    this.vn = 0;
    this.vTag(tag);
    this.vBytes(0x15);
    this.vView.setFloat32(this.vn, y, true);
    this.vn += 4;
    this.scalars++;
  }

  /** PyTorch new_style: tensor {dtype=DT_FLOAT, float_val=[y]} (+ metadata on the first one). */
  floatVal(tag: Uint8Array, y: number, first: boolean): void {
    this.vn = 0;
    this.vTag(tag);
    this.vBytes(0x42, 8, 0x08, 0x01, 0x2a, 0x04);
    this.vView.setFloat32(this.vn, y, true);
    this.vn += 4;
    if (first) this.vMeta('scalars');
    this.scalars++;
  }

  /** TF2/Keras: tensor {dtype=DT_FLOAT, tensor_shape {}, tensor_content=<4 bytes>}. */
  content(tag: Uint8Array, y: number, first: boolean): void {
    this.vn = 0;
    this.vTag(tag);
    this.vBytes(0x42, 10, 0x08, 0x01, 0x12, 0x00, 0x22, 0x04);
    this.vView.setFloat32(this.vn, y, true);
    this.vn += 4;
    if (first) this.vMeta('scalars');
    this.scalars++;
  }

  /** A histogram tensor (2 KiB of doubles) the decoder must skip. */
  histogram(tag: Uint8Array, first: boolean): void {
    this.vn = 0;
    this.vTag(tag);
    const n = 2048;
    this.vBytes(0x42, 0x85, 0x10, 0x08, 0x02, 0x22, 0x80, 0x10); // tensor len 2053, content len 2048
    for (let i = 0; i < n; i++) this.v[this.vn++] = i & 0xff;
    if (first) this.vMeta('histograms');
  }

  /** Frames the value just built into Event{wall_time, step, summary{value}} and a TFRecord. */
  emit(wall: number, step: number): void {
    const e = this.ev;
    let p = 0;
    e[p++] = 0x09;
    this.evView.setFloat64(p, wall, true);
    p += 8;
    if (step) {
      e[p++] = 0x10;
      p = EventFileWriter.varint(e, p, step);
    }
    e[p++] = 0x2a;
    p = EventFileWriter.varint(e, p, this.vn + 1 + (this.vn < 128 ? 1 : 2));
    e[p++] = 0x0a;
    p = EventFileWriter.varint(e, p, this.vn);
    e.set(this.v.subarray(0, this.vn), p);
    p += this.vn;
    this.record(e, p);
  }

  private record(data: Uint8Array, len: number): void {
    if (this.n + len + 16 > this.out.length) this.flush();
    const o = this.out;
    const dv = this.outView;
    const s = this.n;
    dv.setUint32(s, len, true);
    dv.setUint32(s + 4, 0, true);
    dv.setUint32(s + 8, maskCrc(crc32c(o, s, s + 8)), true);
    o.set(data.subarray(0, len), s + 12);
    dv.setUint32(s + 12 + len, maskCrc(crc32c(data, 0, len)), true);
    this.n += 16 + len;
    this.bytes += 16 + len;
    this.events++;
  }

  flush(): void {
    writeSync(this.fd, this.out, 0, this.n);
    this.n = 0;
  }
}

export function generateTfEvents(path: string, targetBytes: number): { bytes: number; events: number; scalars: number } {
  const fd = openSync(path, 'w');
  const w = new EventFileWriter(fd);
  const enc = new TextEncoder();
  const [loss, gnorm, lr, val, epoch, hist] = ['train/loss', 'train/grad_norm', 'lr', 'val/loss', 'epoch_loss', 'weights/layer0'].map((t) => enc.encode(t));
  let step = 0;
  while (w.bytes < targetBytes) {
    const wall = 1.7e9 + step * 0.1;
    const y = 2 + 8 / Math.sqrt(step + 1);
    w.simple(loss, y);
    w.emit(wall, step);
    w.simple(gnorm, 1 + (step % 7) * 0.1);
    w.emit(wall, step);
    w.floatVal(lr, 3e-4, step === 0);
    w.emit(wall, step);
    if (step % 10 === 0) {
      w.simple(val, y * 1.05);
      w.emit(wall, step);
    }
    if (step % 5 === 0) {
      w.content(epoch, y * 1.1, step === 0);
      w.emit(wall, step);
    }
    if (step % 1000 === 0) {
      w.histogram(hist, step === 0);
      w.emit(wall, step);
    }
    step++;
  }
  w.flush();
  closeSync(fd);
  return { bytes: w.bytes, events: w.events, scalars: w.scalars };
}

export function generateWandb(path: string, targetBytes: number): { bytes: number; rows: number } {
  const w = new WandbLogWriter();
  let rows = 0;
  while (w.length < targetBytes) {
    const s = rows;
    w.write(
      historyRecord(s + 1, [
        ['trainer/global_step', String(s * 10)],
        ['train/loss', String(2 + 8 / Math.sqrt(s + 1))],
        ['train/lr', '0.0003'],
        ['train/grad_norm', String(1 + (s % 7) * 0.1)],
        ['train/tokens_per_sec', String(123456.78 + s)],
        ...(s % 10 === 0 ? ([['eval/loss', String(2.1 + 8 / Math.sqrt(s + 1))]] as [string, string][]) : []),
        ['_timestamp', String(1.7e9 + s)],
        ['_runtime', String(s * 0.5)],
        ['_step', String(s)],
      ], s),
    );
    rows++;
  }
  const fd = openSync(path, 'w');
  writeSync(fd, w.bytes());
  closeSync(fd);
  return { bytes: w.length, rows };
}

