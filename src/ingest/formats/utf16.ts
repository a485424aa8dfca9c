// UTF-16 text logs (PowerShell's `>` writes UTF-16LE with a BOM; some Windows tools write it without
// one). Every text format reads UTF-8 bytes, so a UTF-16 file is transcoded on the way in: the
// format is detected on the transcoded head and its decoder is fed transcoded chunks.
import type { Decoder, Format } from '../model/decoder';
import type { IngestWarning, RunData } from '../model/model';

export type Utf16 = 'utf-16le' | 'utf-16be';

/** The UTF-16 flavour of `head` by its BOM, or undefined. */
export function utf16Bom(head: Uint8Array): Utf16 | undefined {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 without a BOM, recognised by ASCII text interleaved with NULs (NULs on one parity only). */
export function utf16ByNuls(head: Uint8Array): Utf16 | undefined {
  const n = Math.min(head.length, 1024) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= 0.9 * pairs && evenNul <= 0.05 * pairs) return 'utf-16le';
  if (evenNul >= 0.9 * pairs && oddNul <= 0.05 * pairs) return 'utf-16be';
  return undefined;
}

const utf8 = new TextEncoder();

/** `head` transcoded to UTF-8 (a torn last code unit dropped), for detection. */
export function transcodeHead(head: Uint8Array, enc: Utf16): Uint8Array {
  return utf8.encode(new TextDecoder(enc).decode(head.subarray(0, head.length & ~1)));
}

class Utf16Decoder implements Decoder {
  private readonly text: TextDecoder;

  constructor(
    private readonly inner: Decoder,
    enc: Utf16,
  ) {
    this.text = new TextDecoder(enc);
  }

  push(chunk: Uint8Array): void {
    const s = this.text.decode(chunk, { stream: true });
    if (s.length > 0) this.inner.push(utf8.encode(s));
  }

  end(): void {
    const s = this.text.decode();
    if (s.length > 0) this.inner.push(utf8.encode(s));
    this.inner.end();
  }

  runs(): RunData[] {
    return this.inner.runs();
  }

  warnings(): IngestWarning[] {
    return this.inner.warnings();
  }

  get consumed(): number {
    return this.inner.consumed;
  }

  get failed(): boolean | undefined {
    return this.inner.failed;
  }
}

/** `format` reading a UTF-16 file of flavour `enc`. */
export function utf16Format(format: Format, enc: Utf16): Format {
  return {
    id: format.id,
    growth: format.growth,
    detect: (name, head) => format.detect(name, transcodeHead(head, enc)),
    ...(format.prepare ? { prepare: format.prepare.bind(format) } : {}),
    createDecoder: (origin) => new Utf16Decoder(format.createDecoder(origin), enc),
  };
}
