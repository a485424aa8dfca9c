// Settings changed while a panel is open apply to that panel at once (a refit), not at its next edit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PanelData } from '../../src/shared/protocol';
import { api, closeAllEditors, fixture, waitFor } from './helpers';

const heldOut = (d: PanelData | undefined) => d?.tables[0]?.rows.some((r) => r.heldOutRmsle !== undefined) === true;

export function registerSettingsTests(): void {
  suite('settings', () => {
    suiteTeardown(closeAllEditors);

    test('raising scalingLens.holdoutFraction with a panel open refits it with held-out points', async () => {
      const a = await api();
      const file = fixture('runs_by_size.csv');
      const first = (await vscode.commands.executeCommand('scalingLens.fit', file)) as PanelData | undefined;
      assert.ok(first && !heldOut(first), 'no held-out points at the default fraction 0');
      const config = vscode.workspace.getConfiguration('scalingLens');
      await config.update('holdoutFraction', 0.3, vscode.ConfigurationTarget.Global);
      try {
        const after = await waitFor('a refit with held-out points', () => (heldOut(a.testing.panelData(file.fsPath)) ? a.testing.panelData(file.fsPath) : undefined), 20_000);
        assert.ok(after.tables[0]!.rows.some((r) => r.heldOutRmsle !== undefined));
      } finally {
        await config.update('holdoutFraction', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
}
