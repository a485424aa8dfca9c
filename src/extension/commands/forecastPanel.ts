// Which run a forecast command (prior, what-if, reference run) acts on: the one named by the
// argument, else the panel the user looked at last when it shows a run, else the only watched run,
// else the user picks among the open runs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { controlsOf, type ForecastControls } from '../forecastControls';
import type { Services } from '../services';
import { asUri } from './resolveUri';

export async function forecastPanel(s: Services, arg: unknown, what: string): Promise<ForecastControls | undefined> {
  const named = asUri(arg)?.fsPath;
  if (named) {
    const p = s.panels.get(named);
    const c = p && !p.isDisposed ? controlsOf(p) : undefined;
    if (!c) void vscode.window.showInformationMessage(`Scaling Lens: ${path.basename(named)} is not open in a panel with a forecast; watch it first (Scaling Lens: Watch Training Log).`);
    return c;
  }
  const current = s.panels.current();
  const currentControls = current ? controlsOf(current) : undefined;
  const watched = [...s.watches.values()].map((w) => w.panel).filter((p) => !p.isDisposed);
  if (currentControls && (watched.length === 0 || watched.includes(current!))) return currentControls;
  const candidates = [...new Set([...watched, ...s.panels.all().filter((p) => !p.isDisposed && p.session.path)])]
    .map((p) => controlsOf(p))
    .filter((c): c is ForecastControls => c !== undefined);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Scaling Lens: ${what} needs a training run in a panel — watch one first (Scaling Lens: Watch Training Log).`);
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const pick = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: path.basename(c.panel.session.path), detail: c.panel.session.path, c })),
    { title: `Scaling Lens: ${what} — which run?` },
  );
  return pick?.c;
}
