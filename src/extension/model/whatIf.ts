// "What If I Cool Down…": the questions (when, shape, how long) and their answers checked as the
// user types, into the Cooldown the forecast splices into the schedule. Pure: the command shows
// the boxes, this decides what they say and accept.
import { COOLDOWN_SHAPES, parseCooldownLength, parseCooldownShape, parseCooldownStep, type Cooldown, type WsdShape } from '../../core/schedule/index';
import type { WhatIfView } from '../../shared/protocol';

export interface WhatIfContext {
  /** Last logged step of the watched run. */
  readonly lastStep: number;
  /** Last step of the run's schedule, when it is known. */
  readonly total?: number;
}

export interface WhenItem {
  readonly label: string;
  readonly description: string;
  readonly when: 'now' | 'at';
}

export function whenItems(ctx: WhatIfContext): WhenItem[] {
  const later = ctx.total !== undefined ? `a step between ${ctx.lastStep} and ${ctx.total}` : `a step after ${ctx.lastStep}`;
  return [
    { label: 'Now', description: `from the last logged step (${ctx.lastStep})`, when: 'now' },
    { label: 'At step…', description: later, when: 'at' },
  ];
}

export const SHAPE_DESCRIPTIONS: Record<WsdShape, string> = {
  linear: 'η falls in a straight line (WSD\'s usual decay)',
  exp: 'η falls geometrically (the same factor every step)',
  cosine: 'η follows half a cosine (slow, fast, slow)',
  sqrt: 'η falls fast first: 1 − √(fraction done)',
};

export function shapeItems(): { label: WsdShape; description: string }[] {
  return COOLDOWN_SHAPES.map((s) => ({ label: s, description: SHAPE_DESCRIPTIONS[s] }));
}

function message(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The input box's check of "at step…" (undefined = fine). */
export function checkStep(text: string, ctx: WhatIfContext): string | undefined {
  return message(() => parseCooldownStep(text, ctx.lastStep, ctx.total));
}

/** The input box's check of the length in steps (undefined = fine). */
export function checkLength(text: string): string | undefined {
  return message(() => parseCooldownLength(text));
}

/**
 * A length to offer: a fifth of the steps trained by then (a WSD cooldown is typically 10–20% of
 * the run), rounded to a round number of steps.
 */
export function suggestedLength(at: number): number {
  const raw = Math.max(1, 0.2 * at);
  const unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(raw)) - 1));
  return Math.max(1, Math.round(raw / unit) * unit);
}

export interface WhatIfAnswers {
  readonly when: 'now' | 'at';
  /** The typed step when `when` is 'at'. */
  readonly stepText?: string;
  readonly shape: string;
  readonly lengthText: string;
}

/**
 * "Cool down at step `at` — or 'now', the last logged step as the run grows — with `shape` over
 * `over` steps" (the forecast resolves 'now' when it runs).
 */
export interface WhatIfCooldown {
  readonly at: number | 'now';
  readonly over: number;
  readonly shape: WsdShape;
}

/** The answers as a cooldown; throws a one-line ScalingLensError for an answer the checks would refuse. */
export function cooldownOf(a: WhatIfAnswers, ctx: WhatIfContext): WhatIfCooldown {
  const at = a.when === 'now' ? 'now' : parseCooldownStep(a.stepText ?? '', ctx.lastStep, ctx.total);
  return { at, shape: parseCooldownShape(a.shape), over: parseCooldownLength(a.lengthText) };
}

/** The cooldown at a run's last logged step (what withCooldown takes). */
export function resolvedCooldown(w: WhatIfCooldown, lastStep: number): Cooldown {
  return { at: w.at === 'now' ? lastStep : w.at, over: w.over, shape: w.shape };
}

function shown(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : String(JSON.stringify(v) ?? v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * The what-if saved in a panel's state (webview data, so checked as the command checks answers):
 * the cooldown, or one line saying why it was dropped. Nothing saved: neither.
 */
export function savedWhatIf(v: unknown): { readonly whatIf?: WhatIfView; readonly problem?: string } {
  if (v === undefined) return {};
  const drop = (why: string) => ({ problem: `The saved what-if cooldown was dropped: ${why}.` });
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return drop(`expected {at, over, shape}, got ${shown(v)}`);
  const o = v as Record<string, unknown>;
  const at = o['at'];
  if (!(at === 'now' || (typeof at === 'number' && Number.isInteger(at) && at >= 1))) return drop(`its step must be "now" or a whole number ≥ 1, got ${shown(at)}`);
  const over = o['over'];
  if (!(typeof over === 'number' && Number.isInteger(over) && over >= 1)) return drop(`its length must be a whole number of steps ≥ 1, got ${shown(over)}`);
  const shape = o['shape'];
  if (typeof shape !== 'string' || !(COOLDOWN_SHAPES as readonly string[]).includes(shape)) return drop(`its shape must be one of ${COOLDOWN_SHAPES.join(', ')}, got ${shown(shape)}`);
  const end = o['end'];
  if (end !== undefined && !(typeof end === 'number' && Number.isFinite(end) && end > 0)) return drop(`its final learning rate must be a number > 0, got ${shown(end)}`);
  return { whatIf: { at, over, shape: shape as WsdShape, ...(end !== undefined ? { end } : {}) } };
}
