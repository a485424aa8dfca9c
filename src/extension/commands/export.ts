// "Scaling Lens: Export…": the chart as PNG, or data + fits as CSV / JSON, written only to the
// path the user chose in the save dialog (tests pass the destination).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportFormat } from '../../shared/protocol';
import { pngBytes, toCsv, toJson, type ExportCurve } from '../export/serialize';
import { log } from '../log';
import type { LensPanel } from '../panel/lensPanel';
import type { Services } from '../services';
import { asUri, optionsArg } from './resolveUri';
import { reportError } from './report';

export interface ExportArgs {
  readonly format?: ExportFormat;
  /**
   * Destination, honoured only when the extension runs under a test harness
   * (ExtensionMode.Test); anywhere else it only pre-fills the save dialog, so no command call can
   * write or overwrite a file the user did not choose.
   */
  readonly uri?: string | vscode.Uri;
}

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
};

async function content(s: Services, panel: LensPanel, format: ExportFormat): Promise<Uint8Array | undefined> {
  const { session } = panel;
  if (format === 'png') {
    // the host knows what the panel shows: no round trip to a webview that may still be loading
    if (!panel.hasChart) throw new Error('this panel has no chart to export as PNG (try CSV or JSON)');
    const url = await panel.requestImage();
    if (!url) throw new Error('the panel did not send its chart in time (it may still be loading); try again');
    return pngBytes(url);
  }
  const curves: ExportCurve[] = session.selected.flatMap((id) => {
    const analysis = session.analysisOf(id);
    const ref = session.curves.find((c) => c.id === id);
    const config = ref && session.source?.runs[ref.runIndex]?.meta;
    return analysis ? [{ id, label: ref?.label ?? id, analysis, ...(config ? { config } : {}) }] : [];
  });
  const ctx = {
    source: session.path,
    xColumn: session.columns?.x ?? 'x',
    yColumn: session.columns?.y ?? 'y',
    curves,
    lawOf: s.sessionDeps.lawOf,
    ...(session.prediction ? { prediction: session.prediction } : {}),
    ...(session.plan ? { plan: session.plan } : {}),
    ...(session.benchmark ? { benchmark: session.benchmark } : {}),
  };
  return new TextEncoder().encode(format === 'csv' ? toCsv(ctx) : toJson(ctx));
}

export async function exportFrom(s: Services, panel: LensPanel, format: ExportFormat, dest?: { readonly uri: vscode.Uri; readonly ask: boolean }): Promise<vscode.Uri | undefined> {
  const base = panel.session.path ? path.parse(panel.session.path).name : 'scaling-lens';
  const folder = panel.session.path ? path.dirname(panel.session.path) : vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const suggested = dest?.uri ?? (folder ? vscode.Uri.file(path.join(folder, `${base}.scaling-lens.${format}`)) : undefined);
  const target =
    dest && !dest.ask
      ? dest.uri
      : await vscode.window.showSaveDialog({
          title: `Scaling Lens: export ${format.toUpperCase()}`,
          filters: FILTERS[format],
          ...(suggested ? { defaultUri: suggested } : {}),
        });
  if (!target) return undefined;
  try {
    const bytes = await content(s, panel, format);
    if (!bytes) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    log().info(`exported ${format} (${bytes.length} bytes) to ${target.fsPath}`);
    void vscode.window.showInformationMessage(`Scaling Lens: exported ${path.basename(target.fsPath)}.`);
    return target;
  } catch (err) {
    reportError('Scaling Lens could not export', err);
    return undefined;
  }
}

export async function exportCommand(s: Services, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args = optionsArg<ExportArgs>(arg);
  const panel = s.panels.current();
  if (!panel) {
    void vscode.window.showInformationMessage('Scaling Lens: open a panel first (Fit Learning Curve or Plan Compute Budget), then export it.');
    return undefined;
  }
  const format =
    args.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'PNG', description: 'the chart as an image', format: 'png' as const },
          { label: 'CSV', description: 'data, fitted values and predictions', format: 'csv' as const },
          { label: 'JSON', description: 'data, parameters, back-tests, predictions', format: 'json' as const },
        ],
        { title: 'Scaling Lens: export as' },
      )
    )?.format;
  if (!format) return undefined;
  const given = asUri(args.uri);
  // only a test harness may skip the save dialog
  const trusted = s.context.extensionMode === vscode.ExtensionMode.Test;
  if (given && !trusted) log().info(`export: a destination was passed (${given.toString()}); asking where to save instead`);
  return exportFrom(s, panel, format, given ? { uri: given, ask: !trusted } : undefined);
}
