// CRC-32C (Castagnoli, reflected poly 0x82F63B78), the checksum TFRecord framing uses. Slicing-by-8
// tables: TensorBoard files are mostly tiny records, so per-byte cost dominates ingest throughput.
import { crcTables, crcUpdate, crcUpdateBytewise } from './crcTables';

const TABLES = crcTables(0x82f63b78);

/** CRC-32C of `buf[start, end)`, continuing from `crc` (0 for a fresh checksum). */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  return crcUpdate(TABLES, buf, start, end, crc);
}

/** Byte-at-a-time reference implementation (tests and the throughput baseline). */
export function crc32cBytewise(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  return crcUpdateBytewise(TABLES, buf, start, end, crc);
}

/** TFRecord's masked CRC: rotating and offsetting keeps CRCs of CRC-bearing data well-distributed. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

export function maskedCrc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  return maskCrc(crc32c(buf, start, end));
}
