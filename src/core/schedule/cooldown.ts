// The words of a what-if cooldown as the user types them — the step it starts ("now" or a step
// number), its shape, its length in steps, the η it ends at — checked against the run so far, one
// line per mistake. Shared by the CLI's --cooldown and the panel's "What If I Cool Down…".
import { ScalingLensError } from '../types';
import type { Cooldown } from './schedule';
import type { WsdShape } from './spec';

export const COOLDOWN_SHAPES: readonly WsdShape[] = ['linear', 'exp', 'cosine', 'sqrt'];

function bad(message: string): never {
  throw new ScalingLensError('bad-argument', message);
}

/** A whole number of steps written as 18000, 18_000, 18,000 or 1.8e4. */
function wholeSteps(text: string): number {
  const t = text.trim().replace(/[_,](?=\d{3}\b)/g, '');
  return t === '' ? NaN : Number(t);
}

/**
 * The step a cooldown starts: "now" is the last logged step; a later step must still lie inside
 * the schedule (`total`, when known).
 */
export function parseCooldownStep(text: string, lastStep: number, total?: number): number {
  const t = text.trim().toLowerCase();
  if (t === 'now') return lastStep;
  const at = wholeSteps(t);
  if (!Number.isInteger(at) || at < 1) bad(`the cooldown step must be "now" or a whole step number ≥ 1; got "${text.trim()}"`);
  if (at < lastStep) bad(`step ${at} is before the last logged step (${lastStep}); use "now" or a later step`);
  if (total !== undefined && at > total) bad(`step ${at} is past the end of the schedule (${total})`);
  return at;
}

export function parseCooldownShape(text: string): WsdShape {
  const s = text.trim().toLowerCase() as WsdShape;
  if (!COOLDOWN_SHAPES.includes(s)) bad(`the cooldown shape must be one of ${COOLDOWN_SHAPES.join(', ')}; got "${text.trim()}"`);
  return s;
}

/** Length of the cooldown: a whole number of steps ≥ 1. */
export function parseCooldownLength(text: string): number {
  const over = wholeSteps(text);
  if (!Number.isInteger(over) || over < 1) bad(`the cooldown length must be a whole number of steps ≥ 1; got "${text.trim()}"`);
  return over;
}

/** η at the end of the cooldown (> 0 for exp); empty = the default, 10% of η where it starts. */
export function parseCooldownEnd(text: string, shape: WsdShape): number | undefined {
  if (text.trim() === '') return undefined;
  const end = Number(text.trim());
  if (!Number.isFinite(end) || end < 0 || (shape === 'exp' && end === 0)) bad(`the cooldown's final η must be a number ${shape === 'exp' ? '> 0 for shape exp' : '≥ 0'}; got "${text.trim()}"`);
  return end;
}

/** "AT,SHAPE,OVER[,END]" (now,linear,2000 or 18000,exp,4000,3e-5), as the CLI's --cooldown takes it. */
export function parseCooldownText(text: string, lastStep: number, total?: number): Cooldown {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length < 3 || parts.length > 4) bad(`a cooldown is AT,SHAPE,OVER[,END] (e.g. now,linear,2000 or 18000,exp,4000,3e-5); got "${text}"`);
  const shape = parseCooldownShape(parts[1]);
  const end = parts[3] !== undefined ? parseCooldownEnd(parts[3], shape) : undefined;
  return { at: parseCooldownStep(parts[0], lastStep, total), shape, over: parseCooldownLength(parts[2]), ...(end !== undefined ? { end } : {}) };
}

/** "linear cooldown from step 18000 over 2000 steps" (the what-if curve's name). */
export function cooldownLabel(c: Cooldown): string {
  return `${c.shape} cooldown from step ${c.at} over ${c.over} steps${c.end !== undefined ? ` to η ${c.end}` : ''}`;
}
