// The numbers of a logged object, as 'a/b' keys: W&B and JSONL loggers nest metrics
// ({"val": {"loss": 1.2}} is val/loss). A W&B media or table value ({"_type": "image-file",
// "width": 64, …}, histograms, tables) is not a metric: its sizes and counts would be read as
// series, so nested objects with a `_type` are left out whole (a line's own `_type` is the
// logger's label for the line).

/** Deeper than this is a config or payload, not a metric. */
const MAX_DEPTH = 4;

function isTyped(obj: Record<string, unknown>): boolean {
  return typeof obj._type === 'string';
}

/** Appends the numbers of `obj` (keys under `prefix`) to keys/values, in Object.keys order. */
export function flattenMetrics(obj: Record<string, unknown>, prefix: string, keys: string[], values: number[], depth = 0): void {
  if (prefix && isTyped(obj)) return;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const key = prefix ? `${prefix}/${k}` : k;
    if (typeof v === 'number') {
      keys.push(key);
      values.push(v);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
      flattenMetrics(v as Record<string, unknown>, key, keys, values, depth + 1);
    }
  }
}
