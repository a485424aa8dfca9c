// Launchers that label each line with the rank that printed it: torchrun --tee (`[default3]:`, newer
// `[rank3]:`), Slurm's `srun --label` (`3: `) and Open MPI's `mpirun --tag-output` (`[1,3]<stdout>:`).
// When every rank prints, a log holds each step once per rank, interleaved as the ranks ran: read
// together they would draw every step several times, and a rank a step behind would look like a
// run resumed from an earlier step. One rank is read, the first one labelled; lines of the others
// are skipped (said once). Unlabelled lines are always read.

const DIGIT0 = 48;
const DIGIT9 = 57;
const SPACE = 32;
const COLON = 58;
const COMMA = 44;
const BRACKET = 91;
const CLOSE = 93;

/** torchrun's label words: `[default3]:`, `[rank3]:`. */
const LABEL_WORDS = ['default', 'rank'];

/** The decimal number at `i` (at most 6 digits) and where it ends, or undefined. */
function numberAt(bytes: Uint8Array, i: number, end: number): { value: number; next: number } | undefined {
  let value = 0;
  let j = i;
  while (j < end && j - i < 7 && bytes[j]! >= DIGIT0 && bytes[j]! <= DIGIT9) value = value * 10 + bytes[j++]! - DIGIT0;
  return j > i && j - i <= 6 ? { value, next: j } : undefined;
}

function startsWith(bytes: Uint8Array, i: number, end: number, text: string): boolean {
  if (i + text.length > end) return false;
  for (let k = 0; k < text.length; k++) if (bytes[i + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** The rank a launcher's label at the start of the line [start, end) names, or -1 when it has none. */
export function rankLabel(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] === SPACE) i++;
  if (bytes[i] === BRACKET) {
    // [default3]: / [rank3]:
    for (const word of LABEL_WORDS) {
      if (!startsWith(bytes, i + 1, end, word)) continue;
      const n = numberAt(bytes, i + 1 + word.length, end);
      if (n && bytes[n.next] === CLOSE && bytes[n.next + 1] === COLON) return n.value;
    }
    // [1,3]<stdout>: / [1,3]<stderr>:
    const job = numberAt(bytes, i + 1, end);
    if (job && bytes[job.next] === COMMA) {
      const n = numberAt(bytes, job.next + 1, end);
      if (n && bytes[n.next] === CLOSE && (startsWith(bytes, n.next + 1, end, '<stdout>:') || startsWith(bytes, n.next + 1, end, '<stderr>:'))) return n.value;
    }
    return -1;
  }
  // 3: (srun --label); "12:34:56" is a time, not a label
  const n = numberAt(bytes, i, end);
  return n && bytes[n.next] === COLON && bytes[n.next + 1] === SPACE ? n.value : -1;
}

const encoder = new TextEncoder();

/** rankLabel of a decoded line. */
export function rankLabelOf(text: string): number {
  const head = encoder.encode(text.length > 40 ? text.slice(0, 40) : text);
  return rankLabel(head, 0, head.length);
}

/** Which labelled lines to read: those of the first rank labelled; `warn` hears once when another's are skipped. */
export class RankFilter {
  private followed = -1;
  private warned = false;

  constructor(private readonly warn: (message: string) => void) {}

  /** True when the line labelled `rank` (-1: none) is to be skipped. */
  skip(rank: number): boolean {
    if (rank < 0) return false;
    if (this.followed < 0) this.followed = rank;
    if (rank === this.followed) return false;
    if (!this.warned) {
      this.warned = true;
      this.warn(`lines are labelled with the rank that printed them and more than one rank prints: rank ${this.followed}'s are read, the other ranks' skipped (each rank's copy of a step, interleaved, would read as a resumed run)`);
    }
    return true;
  }
}
