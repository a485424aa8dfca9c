// A changed fit setting (estimators, held-out fraction, smoothing, warmup, bootstrap, chart points,
// target loss) refits the open panels that show curves, so what they show follows the settings;
// without this a panel kept its old fit until the next edit of its own. Plan and benchmark panels
// are computed once from what their command asked, and watches keep their poll interval.
import * as vscode from 'vscode';
import { errorMessage, log } from './log';
import type { PanelManager } from './panel/panelManager';

export const REFIT_SETTINGS = ['estimators', 'holdoutFraction', 'smoothing', 'fitWarmup', 'bootstrapSamples', 'maxChartPoints', 'targetLoss'] as const;

export function refitOnSettingsChange(panels: PanelManager): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    const changed = REFIT_SETTINGS.filter((k) => e.affectsConfiguration(`scalingLens.${k}`));
    if (changed.length === 0) return;
    // a folder's own settings changed: only the panels of that folder's files
    const affected = (file: string) => changed.some((k) => e.affectsConfiguration(`scalingLens.${k}`, vscode.Uri.file(file)));
    const open = panels.all().filter((p) => !p.isDisposed && p.session.curves.length > 0 && affected(p.session.path));
    if (open.length === 0) return;
    log().info(`settings changed (${changed.join(', ')}): refitting ${open.length} panel(s)`);
    for (const p of open) {
      p.refit('window').catch((err: unknown) => log().error(`refit of ${p.session.path} after a settings change failed: ${errorMessage(err)}`));
    }
  });
}
