// "Scaling Lens: What If I Cool Down…": now or at a later step, with a shape, over a number of
// steps — the forecast of that schedule is drawn as a second dashed curve with its final loss
// beside the main forecast. "Clear What-If" removes it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checkLength, checkStep, cooldownOf, shapeItems, suggestedLength, whenItems, type WhatIfAnswers } from '../model/whatIf';
import type { Services } from '../services';
import { forecastPanel } from './forecastPanel';
import { reportError } from './report';
import { optionsArg } from './resolveUri';

/** What tests (and other callers) may pass instead of answering the questions. */
export interface WhatIfOptions extends WhatIfAnswers {
  readonly run: string;
}

async function ask(ctx: { lastStep: number; total?: number }, file: string): Promise<WhatIfAnswers | undefined> {
  const title = `Scaling Lens: what if ${file} cools down…`;
  const when = await vscode.window.showQuickPick(whenItems(ctx), { title });
  if (!when) return undefined;
  let stepText: string | undefined;
  if (when.when === 'at') {
    stepText = await vscode.window.showInputBox({
      title,
      prompt: `The step the cooldown starts (${ctx.total !== undefined ? `${ctx.lastStep}–${ctx.total}` : `after ${ctx.lastStep}`})`,
      value: String(ctx.total !== undefined ? Math.round((ctx.lastStep + ctx.total) / 2) : ctx.lastStep),
      validateInput: (t) => checkStep(t, ctx),
    });
    if (stepText === undefined) return undefined;
  }
  const shape = await vscode.window.showQuickPick(shapeItems(), { title, placeHolder: 'The shape of the decay' });
  if (!shape) return undefined;
  const at = when.when === 'now' ? ctx.lastStep : Number(stepText!.replace(/[_,]/g, ''));
  const lengthText = await vscode.window.showInputBox({
    title,
    prompt: 'Length of the cooldown in steps (η falls to 10% of its value where it starts)',
    value: String(suggestedLength(at)),
    validateInput: checkLength,
  });
  if (lengthText === undefined) return undefined;
  return { when: when.when, ...(stepText !== undefined ? { stepText } : {}), shape: shape.label, lengthText };
}

export async function whatIfCommand(s: Services, arg?: unknown): Promise<boolean> {
  const opts = optionsArg<WhatIfOptions>(arg);
  const c = await forecastPanel(s, opts.run ?? arg, 'a what-if cooldown');
  if (!c) return false;
  const file = path.basename(c.panel.session.path);
  const pos = c.position();
  if (!pos) {
    void vscode.window.showInformationMessage(`Scaling Lens: ${file} has no schedule-aware forecast yet — it needs a logged learning rate or a schedule, and a few logged points.`);
    return false;
  }
  if (!pos.hasSpec) {
    void vscode.window.showInformationMessage(`Scaling Lens: a cooldown departs from the run's schedule — set it first (the Schedule field of the panel, e.g. cosine:warmup=2000,total=24000,peak=3e-4,end=3e-5).`);
    return false;
  }
  try {
    const answers: WhatIfAnswers | undefined = opts.when
      ? { when: opts.when, ...(opts.stepText !== undefined ? { stepText: opts.stepText } : {}), shape: opts.shape ?? '', lengthText: opts.lengthText ?? '' }
      : await ask(pos, file);
    if (!answers) return false;
    await c.setWhatIf(cooldownOf(answers, pos));
    return true;
  } catch (err) {
    reportError('Scaling Lens could not forecast this cooldown', err);
    return false;
  }
}

export async function clearWhatIfCommand(s: Services, arg?: unknown): Promise<boolean> {
  const c = await forecastPanel(s, optionsArg<WhatIfOptions>(arg).run ?? arg, 'clearing the what-if');
  if (!c) return false;
  await c.setWhatIf(undefined);
  return true;
}
