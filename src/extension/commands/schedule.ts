// "Scaling Lens: Set Learning-Rate Schedule…": the schedule spec of the run in the current panel
// (prefilled with the one in force, else the one its logged LR follows, else why none and what the
// log shows: model/scheduleBox.ts), checked as it is typed;
// the panel's forecast refits to the end of that schedule. An empty spec clears it (a logged LR
// alone then carries the forecast).
import * as vscode from 'vscode';
import { parseSchedule } from '../../core/schedule/index';
import type { ForecastView } from '../../shared/protocol';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { asUri, optionsArg } from './resolveUri';
import { reportError } from './report';
import { scheduleBox } from '../model/scheduleBox';

export interface ScheduleArgs {
  readonly uri?: string | vscode.Uri;
  /** The spec (tests, keybindings); without it the input box asks. */
  readonly spec?: string;
}

/** One line, or undefined when the spec parses (empty = clear). */
export function specProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  try {
    parseSchedule(text);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

function panelOf(s: Services, arg: unknown): LensPanel | undefined {
  const uri = asUri(arg);
  const panel = uri ? s.panels.get(uri.fsPath) : s.panels.current();
  return panel && !panel.isDisposed && panel.session.curves.length > 0 ? panel : undefined;
}

export async function setScheduleCommand(s: Services, arg?: unknown): Promise<ForecastView | undefined> {
  const args = optionsArg<ScheduleArgs>(arg);
  const panel = panelOf(s, arg);
  if (!panel) {
    void vscode.window.showInformationMessage('Scaling Lens: open or watch a training log first (its panel gets the schedule).');
    return undefined;
  }
  const { forecast } = panel.session;
  let spec = args.spec;
  if (spec === undefined) {
    // none typed yet: the run's config's (in force), the schedule its logged LR follows so far, or
    // why it follows none with what it shows
    const box = scheduleBox(forecast.spec, panel.data?.forecast);
    spec = await vscode.window.showInputBox({
      title: `Scaling Lens: learning-rate schedule of ${panel.session.title}`,
      ...box,
      placeHolder: 'cosine:warmup=W,total=T,peak=P,end=E',
      ignoreFocusOut: true,
      validateInput: specProblem,
    });
    if (spec === undefined) return undefined;
  }
  const problem = forecast.setSchedule(spec);
  if (problem) {
    reportError('Scaling Lens cannot use this schedule', new Error(problem));
    panel.render();
    return panel.data?.forecast;
  }
  await panel.refit('window');
  return panel.data?.forecast;
}
