// The Predict box asked for an x ("when does the loss reach 2.5?", "tokens to reach loss 2.5"):
// where the curve's fit and its interval get there, as a notification, and that x as the panel's
// target, so the chart marks it and the headline shows the loss there with its interval.
import * as vscode from 'vscode';
import { reachText } from '../../core/reach';
import { DEFAULT_LEVEL } from '../../core/calibrate';
import { formatAmount, formatAskedLoss, targetNumberText } from '../../core/units';
import { forecastReachText } from '../model/forecastReach';
import { axisNoun } from '../../core/targetText';
import { accuracyReachedText, lossMeaningText, percentAskedText, yMetricOf } from '../../core/yMetric';
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
      { location: vscode.ProgressLocation.Notification, title: `Scaling Lens: where ${session.columns?.y ?? 'the loss'} reaches ${formatAskedLoss(loss)}`, cancellable: true },
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
  const kind = session.columns?.x;
  const unit = noun ? ` ${noun}` : kind === 'time' ? ' s' : kind !== undefined && kind !== 'index' ? ` ${session.xLabel()}` : '';
  const level = `${Math.round(DEFAULT_LEVEL * 100)}%`;
  const yName = session.columns?.y ?? 'y';
  const by = answer.law !== undefined ? `, by ${answer.lawName ?? answer.law}` : '';
  // the loss asked as the headline writes the loss there ("0.7000" twice, not "0.7" beside "0.7000")
  // a perplexity or bits asked for: the loss in nats it means beside it ("24.53 (a loss of ln 24.53 = 3.2 nats)")
  const metric = yMetricOf(session.columns?.y);
  const asked = (v: number): string => {
    const said = lossMeaningText(metric, v);
    return said ? `${formatAskedLoss(v)} (${said})` : formatAskedLoss(v);
  };
  // a percent accuracy asked as a fraction is passed before the data start: say what was meant
  const fit = session.analysisOf(curve)?.fittedAsError;
  const percent = answer.beforeData && fit ? percentAskedText(loss, fit.name, fit.scale) : '';
  // an accuracy's answer names the error the laws were asked to reach, as its prediction names the error fitted
  const asError = fit ? `; ${accuracyReachedText(loss, fit.name, fit.scale)}` : '';
  const laws = `${reachText(answer, yName, level, unit, asked)}${by}${asError}${percent ? `; ${percent}` : ''}`;
  // with the run's schedule known, its forecast leads (as in the panel); the laws follow, since
  // they carry the loss on past the schedule's end as if the LR never decayed
  const fr = answer.logged === undefined ? session.forecastReach(curve, loss, answer.dataEnd) : undefined;
  const lead = fr && forecastReachText(fr, yName, level, (x) => `${formatAmount(x)}${unit}`);
  const text = lead ? `${lead}; the laws, which do not see the schedule: ${laws}` : laws;
  void vscode.window.showInformationMessage(`Scaling Lens: ${text} (${answer.curve})`);
  // past the data, the reached x becomes the target the panel draws and predicts at (the
  // forecast's when it leads; none when the schedule ends first)
  const x = lead ? fr!.x : answer.x;
  if (x === undefined || x <= answer.dataEnd) return undefined;
  const targetText = targetNumberText(x, 3);
  session.setTarget(targetText);
  session.reached = { curve, targetText, text, dataEnd: answer.dataEnd, x };
  session.predictionFor = curve;
  if (!(await panel.refit('notification'))) return undefined;
  panel.render();
  return session.predict(curve);
}
