// CRC-32/IEEE (zlib's crc32, reflected poly 0xEDB88320), the checksum of W&B's LevelDB-log framing.
import { crcTables, crcUpdate, crcUpdateBytewise } from './crcTables';

const TABLES = crcTables(0xedb88320);

/** CRC-32 of `buf[start, end)`, continuing from `crc` (0 for a fresh checksum), like zlib.crc32. */
export function crc32(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  return crcUpdate(TABLES, buf, start, end, crc);
}

/** Byte-at-a-time reference implementation (tests and the throughput baseline). */
export function crc32Bytewise(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  return crcUpdateBytewise(TABLES, buf, start, end, crc);
}
