// TFRecord framing: uint64 length | uint32 masked_crc32c(length) | data | uint32 masked_crc32c(data),
// all little-endian. A bad length CRC means the framing can no longer be trusted, so reading stops
// there (as TensorBoard does); a bad data CRC only loses that record.
import { crc32c, maskCrc } from './crc32c';
import type { FramingUnit } from './recordReader';

export const TFRECORD_HEADER = 12;
export const TFRECORD_FOOTER = 4;
/** Larger records are skipped unread: no scalar event comes close, and a corrupt length must not allocate. */
export const TFRECORD_MAX_DATA = 64 * 1024 * 1024;

export interface TfRecordSink {
  /** A record whose data CRC checked out: data is `buf[start, start + length)`. */
  record(buf: Uint8Array, view: DataView, start: number, length: number, abs: number): void;
  warn(message: string, offset: number): void;
}

export function readU32(buf: Uint8Array, p: number): number {
  return (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
}

export function tfrecordUnit(sink: TfRecordSink): FramingUnit {
  // event files repeat a handful of record lengths, so the length CRC (a pure function of the
  // 8 length bytes) is remembered for the last length seen instead of recomputed per record
  let lastLo = -1;
  let lastLenCrc = 0;
  return (buf, view, p, avail, abs) => {
    if (avail < TFRECORD_HEADER) return -TFRECORD_HEADER;
    const lo = readU32(buf, p);
    const hi = readU32(buf, p + 4);
    let lenCrc = lastLenCrc;
    if (hi !== 0 || lo !== lastLo) {
      lenCrc = maskCrc(crc32c(buf, p, p + 8));
      if (hi === 0) {
        lastLo = lo;
        lastLenCrc = lenCrc;
      }
    }
    if (lenCrc !== readU32(buf, p + 8)) {
      sink.warn('TFRecord length CRC mismatch: the file is corrupt or not a TFRecord file from here on; reading stopped', abs);
      return 0;
    }
    const total = TFRECORD_HEADER + TFRECORD_FOOTER + hi * 4294967296 + lo;
    if (hi !== 0 || lo > TFRECORD_MAX_DATA) {
      sink.warn(`TFRecord of ${hi * 4294967296 + lo} bytes exceeds the ${TFRECORD_MAX_DATA >> 20} MiB limit; skipped`, abs);
      return total;
    }
    if (avail < total) return -total;
    const dataStart = p + TFRECORD_HEADER;
    if (maskCrc(crc32c(buf, dataStart, dataStart + lo)) !== readU32(buf, dataStart + lo)) {
      sink.warn(`TFRecord data CRC mismatch (${lo} bytes); record skipped`, abs);
      return total;
    }
    sink.record(buf, view, dataStart, lo, abs);
    return total;
  };
}
