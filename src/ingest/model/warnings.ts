// Collects located warnings, capped so a corrupt 1 GB file cannot fill memory with messages.
import type { IngestWarning, RunData } from './model';

export class WarningList {
  private readonly items: IngestWarning[] = [];
  private dropped = 0;

  constructor(
    private readonly file: string,
    private readonly max = 100,
  ) {}

  add(message: string, where?: { line?: number; offset?: number }): void {
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    this.items.push({ file: this.file, ...where, message });
  }

  get count(): number {
    return this.items.length + this.dropped;
  }

  list(): IngestWarning[] {
    if (this.dropped === 0) return this.items.slice();
    return [...this.items, { file: this.file, message: `${this.dropped} more warning(s) not shown` }];
  }
}

/** The runs' notes (keys cut or left out) as warnings on `file`. */
export function runNoteWarnings(runs: readonly RunData[], file: string): IngestWarning[] {
  const out: IngestWarning[] = [];
  for (const r of runs) for (const message of r.notes ?? []) out.push({ file, message });
  return out;
}

/** A warning as one line of text: "file:line: message" ("file @offset: …" in a binary file). */
export function locatedWarning(w: IngestWarning): string {
  return `${w.file}${w.line !== undefined ? `:${w.line}` : w.offset !== undefined ? ` @${w.offset}` : ''}: ${w.message}`;
}
