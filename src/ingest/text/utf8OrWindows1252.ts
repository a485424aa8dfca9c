// Tables saved by Excel or older Windows tools are written in windows-1252: "perplexité" with é as
// the one byte 0xE9, "loss µ" with 0xB5. Read as UTF-8 those names became "perplexit\uFFFD". Text
// that is not valid UTF-8 is read as windows-1252 (every byte is a character there, the Latin-1
// letters where Latin-1 has them); valid UTF-8 reads as before. Called on names and labels only (a
// header, a non-ASCII cell), never on the numbers' bytes, so big tables read as fast as before.
import { isUtf8 } from 'node:buffer';

const utf8 = new TextDecoder('utf-8');
const windows1252 = new TextDecoder('windows-1252');
// windows-1252's 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ; five unassigned kept
// as themselves): Node 20's TextDecoder('windows-1252') gives them as the C1 controls U+0080–U+009F
const HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** `b` as UTF-8 when it is that, else as windows-1252. */
export function textOfBytes(b: Uint8Array): string {
  if (isUtf8(b)) return utf8.decode(b);
  return windows1252.decode(b).replace(/[\x80-\x9f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
}
