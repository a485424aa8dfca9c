// An estimator's colour slot from its law id, the same in every view: the Fit panel's chart and
// table, and the Compare Estimators view, which adds BNSL with 3 breaks and so, with a slot per
// table row, moved mix, flat, log-linear and auto's average one colour on from the Fit panel's. Pure.

/** The curve laws in core/laws' CURVE_LAW_IDS order (a unit test holds the two equal), slots 1–11. */
export const SLOT_ORDER: readonly string[] = ['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'bnsl-3', 'mix', 'flat', 'loglin'];

/**
 * The palette slot of law `law`: its place in SLOT_ORDER, auto's average ("avg(m2+m4+loglin)") the
 * one after them (12, the palette's last), any other law its row `row` (0-based) of the table.
 */
export function estimatorSlot(law: string, row: number): number {
  const at = SLOT_ORDER.indexOf(law);
  if (at >= 0) return at + 1;
  return law.startsWith('avg(') ? SLOT_ORDER.length + 1 : row + 1;
}
