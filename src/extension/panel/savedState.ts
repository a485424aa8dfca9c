// A panel's saved state (the webview's setState) read back after a reload, and its choices put back
// on a session. No vscode import: the serializer logs what these report, and tests call them as is.
import type { PanelState } from '../../shared/protocol';
import type { LensSession } from '../session';
import { savedPrior } from '../model/priorRuns';
import { savedWhatIf } from '../model/whatIf';

/** The saved state as far as it is well formed (webview data: anything else is dropped); `warn` hears what was dropped and why. */
export function asState(v: unknown, warn: (message: string) => void = () => undefined): PanelState {
  if (typeof v !== 'object' || v === null) return {};
  const o = v as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' && x.length <= 4096 ? x : undefined);
  const columns = o['columns'] as Record<string, unknown> | undefined;
  const plan = o['plan'] as Record<string, unknown> | undefined;
  const source = str(o['source']);
  const target = str(o['target']);
  const schedule = str(o['schedule']);
  const prior = savedPrior(o['prior']);
  const t = o['targetLoss'] as Record<string, unknown> | undefined;
  const whatIf = savedWhatIf(o['whatIf']);
  if (whatIf.problem) warn(`${source ?? 'a restored panel'}: ${whatIf.problem}`);
  const targetLoss = t && typeof t === 'object' && typeof t['loss'] === 'number' && Number.isFinite(t['loss']) && t['loss'] > 0 ? { loss: t['loss'], ...(str(t['from']) ? { from: str(t['from'])! } : {}) } : undefined;
  return {
    ...(source ? { source } : {}),
    ...(target ? { target, ...(o['targetTyped'] === true ? { targetTyped: true } : {}) } : {}),
    ...(Array.isArray(o['selected']) ? { selected: (o['selected'] as unknown[]).filter((x): x is string => typeof x === 'string').slice(0, 8) } : {}),
    ...(columns && typeof columns === 'object' && str(columns['x']) && str(columns['y']) ? { columns: { x: str(columns['x'])!, y: str(columns['y'])!, ...(columns['picked'] === true ? { picked: true } : {}) } } : {}),
    ...(plan && typeof plan === 'object' && str(plan['budget']) && str(plan['surface']) ? { plan: { budget: str(plan['budget'])!, surface: str(plan['surface'])!, ...(str(plan['unique']) ? { unique: str(plan['unique'])! } : {}), ...(str(plan['inference']) ? { inference: str(plan['inference'])! } : {}) } } : {}),
    ...(o['watching'] === true ? { watching: true } : {}),
    ...(o['compare'] === true ? { compare: true } : {}),
    ...(schedule ? { schedule } : {}),
    ...(!schedule && o['scheduleOff'] === true ? { scheduleOff: true } : {}),
    ...(prior ? { prior } : {}),
    ...(targetLoss ? { targetLoss } : {}),
    ...(whatIf.whatIf ? { whatIf: whatIf.whatIf } : {}),
  };
}

/**
 * The saved columns, curves and target, back on a session that has read its source (a watch's
 * first read). Saved columns the user did not pick are a guess, which a watch makes again (a state
 * saved before picks were saved reads as a guess). Throws on columns the source no longer has.
 */
export function applySavedChoices(session: LensSession, state: PanelState): void {
  if (state.columns) session.restoreColumns(state.columns.x, state.columns.y, state.columns.picked === true);
  if (state.selected) session.selectCurves(state.selected);
  if (state.target && (state.targetTyped || state.target !== session.targetText)) session.setTarget(state.target);
}
