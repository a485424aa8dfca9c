// The early warning of every watched run: each time its panel shows a forecast with a target, the
// probability of ending below it goes into the watch's status-bar item, and through the state
// machine (earlyWarning.ts) into at most one notification per drop under the threshold.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelData } from '../../shared/protocol';
import { referenceOf } from '../commands/reference';
import { Disposable } from '../dispose';
import { log } from '../log';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { readSettings } from '../settings';
import { INITIAL_WARNING, probabilityTooltip, stepWarning, warningFacts, warningMessage, type WarningState } from './earlyWarning';

export const DEFAULT_WARN_BELOW = 0.2;

export class EarlyWarnings extends Disposable {
  private readonly states = new WeakMap<LensPanel, WarningState>();
  /** Every warning shown (read by the integration tests). */
  readonly shown: string[] = [];

  constructor(private readonly s: Services) {
    super();
    this._register(
      s.panels.onDidPost(({ panel, msg }) => {
        if (msg.type === 'data') this.take(panel, msg.data);
      }),
    );
    // a new target in the settings is a new question for every watched run: forecast it now
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('scalingLens.targetLoss') && !e.affectsConfiguration('scalingLens.warnBelowProbability')) return;
        for (const w of s.watches.values()) if (!w.panel.isDisposed) void w.panel.refit('none', { quiet: true });
      }),
    );
  }

  private take(panel: LensPanel, data: PanelData): void {
    const watch = this.s.watches.get(panel.session.path);
    if (!watch || watch.panel !== panel) return;
    const f = warningFacts(data.forecast);
    const threshold = readSettings(vscode.Uri.file(panel.session.path)).warnBelowProbability ?? DEFAULT_WARN_BELOW;
    const ref = referenceOf(panel);
    const from = ref && ref.loss === f?.loss ? ref.name : undefined;
    watch.setStatusSuffix(f?.text, f ? probabilityTooltip(f.loss, f.probability, f.finalStep, threshold, from) : undefined);
    if (!f || !f.counts) return;
    const step = stepWarning(this.states.get(panel) ?? INITIAL_WARNING, f.probability, threshold, f.key);
    this.states.set(panel, step.state);
    if (!step.notify) return;
    const text = warningMessage(path.basename(panel.session.path), f.loss, f.probability, threshold, from);
    this.shown.push(text);
    log().warn(text);
    void vscode.window.showWarningMessage(text, 'Show Panel').then((choice) => {
      if (choice === 'Show Panel' && !panel.isDisposed) panel.reveal();
    });
  }
}
