// Naive baseline readers for the binary throughput bench: what a first, straightforward reader
// does (bytewise CRC, Buffer.concat framing, a string decode and a JS array push per value), keeping
// the same data as ours (step, time, value). They share our protobuf walker, so the ratio isolates
// framing, checksum, key lookup and storage choices.
import { crc32Bytewise } from '../src/ingest/records/crc32';
import { crc32cBytewise, maskCrc } from '../src/ingest/records/crc32c';
import { ProtoReader } from '../src/ingest/records/protobuf';

export interface NaiveReader {
  push(chunk: Uint8Array): void;
  readonly sink: { points: number };
}

export function naiveTfEvents(): NaiveReader {
  let pending: Buffer = Buffer.alloc(0);
  const series = new Map<string, { step: number[]; time: number[]; y: number[] }>();
  const sink = { points: 0 };
  const r = new ProtoReader();
  const s = new ProtoReader();
  const v = new ProtoReader();
  const t = new ProtoReader();
  const dec = new TextDecoder();
  return {
    sink,
    push(chunk) {
      pending = Buffer.concat([pending, chunk]);
      const view = new DataView(pending.buffer, pending.byteOffset, pending.byteLength);
      let p = 0;
      while (p + 12 <= pending.length) {
        const len = view.getUint32(p, true);
        if (maskCrc(crc32cBytewise(pending, p, p + 8)) !== view.getUint32(p + 8, true)) throw new Error('bad length crc');
        if (p + 16 + len > pending.length) break;
        if (maskCrc(crc32cBytewise(pending, p + 12, p + 12 + len)) === view.getUint32(p + 12 + len, true)) {
          r.reset(pending, view, p + 12, p + 12 + len);
          let step = 0;
          let wall = 0;
          while (r.next()) {
            if (r.field === 1) wall = r.double();
            else if (r.field === 2) step = r.int64();
            else if (r.field === 5) {
              r.len();
              s.enter(r);
              while (s.next()) {
                s.len();
                v.enter(s);
                let tag = '';
                let y: number | undefined;
                while (v.next()) {
                  if (v.field === 1) {
                    v.len();
                    tag = dec.decode(pending.subarray(v.lenStart, v.lenEnd));
                  } else if (v.field === 2) y = v.float();
                  else if (v.field === 8) {
                    v.len();
                    t.enter(v);
                    while (t.next()) {
                      if (t.field === 5) t.repeated('float', (x) => (y = x));
                      else if (t.field === 4) {
                        t.len();
                        if (t.lenEnd - t.lenStart === 4) y = view.getFloat32(t.lenStart, true);
                      } else t.skip();
                    }
                  } else v.skip();
                }
                if (y !== undefined) {
                  let sr = series.get(tag);
                  if (!sr) series.set(tag, (sr = { step: [], time: [], y: [] }));
                  sr.step.push(step);
                  sr.time.push(wall);
                  sr.y.push(y);
                  sink.points++;
                }
              }
            } else r.skip();
          }
        }
        p += 16 + len;
      }
      pending = pending.subarray(p);
    },
  };
}

export function naiveWandb(): NaiveReader {
  let pending: Buffer = Buffer.alloc(0);
  let abs = 0;
  let frag: Buffer[] = [];
  const sink = { points: 0 };
  const rows: Record<string, number>[] = [];
  const r = new ProtoReader();
  const h = new ProtoReader();
  const it = new ProtoReader();
  const dec = new TextDecoder();
  const record = (buf: Buffer): void => {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    r.reset(buf, view, 0, buf.length);
    while (r.next()) {
      if (r.field !== 2) {
        r.skip();
        continue;
      }
      r.len();
      h.enter(r);
      const row: Record<string, number> = {};
      while (h.next()) {
        h.len();
        if (h.field !== 1) continue;
        it.enter(h);
        let key = '';
        let value = '';
        while (it.next()) {
          it.len();
          if (it.field === 1) key = dec.decode(buf.subarray(it.lenStart, it.lenEnd));
          else if (it.field === 16) value = dec.decode(buf.subarray(it.lenStart, it.lenEnd));
        }
        row[key] = JSON.parse(value) as number;
        sink.points++;
      }
      rows.push(row);
    }
  };
  return {
    sink,
    push(chunk) {
      pending = Buffer.concat([pending, chunk]);
      let p = 0;
      if (abs === 0) {
        if (pending.length < 7) return;
        p = 7;
      }
      for (;;) {
        const left = 32768 - ((abs + p) % 32768);
        if (left < 7) {
          if (p + left > pending.length) break;
          p += left;
          continue;
        }
        if (p + 7 > pending.length) break;
        const n = pending.readUInt16LE(p + 4);
        if (p + 7 + n > pending.length) break;
        const type = pending[p + 6];
        if (crc32Bytewise(pending, p + 7, p + 7 + n, crc32Bytewise(Uint8Array.of(type))) !== pending.readUInt32LE(p)) throw new Error('bad crc');
        const data = pending.subarray(p + 7, p + 7 + n);
        if (type === 1) record(Buffer.from(data));
        else if (type === 2) frag = [Buffer.from(data)];
        else {
          frag.push(Buffer.from(data));
          if (type === 4) record(Buffer.concat(frag));
        }
        p += 7 + n;
      }
      abs += p;
      pending = pending.subarray(p);
    },
  };
}

