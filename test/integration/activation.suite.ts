// The extension loads in a real extension host, activates on its commands and registers every
// contributed command; the manifest follows the conventions (category, palette hiding).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, api } from './helpers';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

export function registerActivationTests(): void {
  suite('activation', () => {
    test('activates and returns the testing API', async () => {
      const a = await api();
      assert.equal(typeof a.testing.lastPanelMessage, 'function');
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    });

    test('registers every contributed command, each in the Scaling Lens category', async () => {
      await api();
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: ManifestCommand[] } };
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.ok(manifest.contributes.commands.length >= 9);
      for (const c of manifest.contributes.commands) {
        assert.ok(registered.has(c.command), `${c.command} is not registered`);
        assert.equal(c.category, 'Scaling Lens', `${c.command} has no category`);
      }
    });

    test('Show Log runs', async () => {
      await api();
      await vscode.commands.executeCommand('scalingLens.showLog');
    });

    test('Open Documentation shows the README the extension ships in the Markdown preview', async () => {
      await api();
      const previews = (): vscode.Tab[] =>
        vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview'));
      assert.equal(previews().length, 0);
      await vscode.commands.executeCommand('scalingLens.openDocs');
      const deadline = Date.now() + 20_000;
      while (previews().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(previews().map((t) => t.label), ['Preview README.md']);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
}
