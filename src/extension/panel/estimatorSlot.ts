// An estimator's colour slot from its law id, the same in every view: the Fit panel's chart and
// table, and the Compare Estimators view, which adds BNSL with 3 breaks and so, with a slot per
// table row, moved mix, flat, log-linear and auto's average one colour on from the Fit panel's. Pure.

/**
 * The curve laws (core/laws' CURVE_LAW_IDS; a unit test holds them all here) in slot order, auto's
 * average in slot 11, the brown it had in the Fit panel before, since it is the line drawn most.
 */
const SLOTS: ReadonlyMap<string, number> = new Map([
  ['m1', 1], ['m2', 2], ['m3', 3], ['m4', 4], ['bnsl-0', 5], ['bnsl-1', 6], ['bnsl-2', 7], ['bnsl-3', 8],
  ['mix', 9], ['flat', 10], ['avg', 11], ['loglin', 12],
]);

/** The laws with a slot of their own ('avg' standing for auto's average, "avg(m2+m4+loglin)"). */
export const SLOTTED_LAWS: readonly string[] = [...SLOTS.keys()];

/** The palette slot of law `law`; a law with no slot of its own takes its table row's, `row` (0-based). */
export function estimatorSlot(law: string, row: number): number {
  return SLOTS.get(law.startsWith('avg(') ? 'avg' : law) ?? row + 1;
}

/** The slots of a view whose rows are `laws` in order (the Compare Estimators view's colorOf). */
export function slotsOf(laws: readonly string[]): (law: string) => number {
  return (law) => estimatorSlot(law, laws.indexOf(law));
}
