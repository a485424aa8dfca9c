// Megatron-LM (and NeMo, GPT-NeoX) print their arguments before training, one per line, the name
// led to its value by dots: "  lr_decay_style .................................. cosine". The
// numbers among them reach the run's metadata through the key/number scanner; this keeps the
// words (the schedule's style, the tokenizer), which the scanner has no use for.

const DOTS = 46;
const MAX_VALUE = 200;
const ARGUMENT = /^\s*([A-Za-z_][\w.-]*) \.{3,} (.+?)\s*$/;

/** Whether bytes[start, end) holds "...", the only lines worth decoding for an argument. */
export function hasDotLeader(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = bytes.indexOf(DOTS, start); i >= 0 && i + 2 < end; i = bytes.indexOf(DOTS, i + 1)) if (bytes[i + 1] === DOTS && bytes[i + 2] === DOTS) return true;
  return false;
}

/** The name and word value of an argument line; undefined for any other line, or a numeric value. */
export function wordArgument(line: string): [string, string] | undefined {
  const m = ARGUMENT.exec(line);
  if (!m || m[2].length > MAX_VALUE || Number.isFinite(Number(m[2]))) return undefined;
  return [m[1], m[2]];
}
