// The Predict box asked for an x ("when does the loss reach 2.5?", "tokens to reach loss 2.5"):
// where the curve's fit and its interval get there, as a notification, and that x as the panel's
// target, so the chart marks it and the headline shows the loss there with its interval.
import * as vscode from 'vscode';
import { reachText } from '../../core/reach';
import { DEFAULT_LEVEL } from '../../core/calibrate';
import { targetNumberText } from '../../core/units';
import { axisNoun } from '../../core/targetText';
import type { PredictionView } from '../../shared/protocol';
import type { LensPanel } from '../panel/lensPanel';
import { reportError } from './report';

export async function answerReach(panel: LensPanel, curve: string, loss: number): Promise<PredictionView | undefined> {
  const { session } = panel;
  // a new question: an older one's answer leaves the headline, whether or not this one moves the target
  session.reached = undefined;
  panel.render();
  let answer;
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Scaling Lens: where ${session.columns?.y ?? 'the loss'} reaches ${loss}`, cancellable: true },
      (_p, token) => session.reach(curve, loss, token),
    );
  } catch (err) {
    reportError('Scaling Lens could not fit this curve', err);
    return undefined;
  }
  if (!answer) {
    reportError('Scaling Lens has no fit for this curve', new Error('no estimator fitted it'), 'It may have too few points; see the table in the panel.');
    return undefined;
  }
  // "5.42K steps", "3.1B tokens": the axis' plural noun, as the headline names amounts (not "5.42K step")
  const noun = axisNoun(session.columns?.x);
  const unit = noun ? ` ${noun}` : session.columns?.x === 'time' ? ' s' : '';
  const level = `${Math.round(DEFAULT_LEVEL * 100)}%`;
  const text = reachText(answer, session.columns?.y ?? 'y', level, unit);
  void vscode.window.showInformationMessage(`Scaling Lens: ${text}, by ${answer.lawName ?? answer.law} (${answer.curve})`);
  // past the data, the reached x becomes the target the panel draws and predicts at
  if (answer.x === undefined || answer.x <= answer.dataEnd) return undefined;
  const targetText = targetNumberText(answer.x, 3);
  session.setTarget(targetText);
  session.reached = { curve, targetText, text, dataEnd: answer.dataEnd, x: answer.x };
  session.predictionFor = curve;
  if (!(await panel.refit('notification'))) return undefined;
  panel.render();
  return session.predict(curve);
}
