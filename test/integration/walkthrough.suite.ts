// The Getting Started walkthrough is registered under <publisher>.<name>#gettingStarted, its sample
// button fits the data the extension ships, and the manifest's %key% strings reach VS Code as the
// English of package.nls.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelData } from '../../src/shared/protocol';
import { EXTENSION_ID, api, closeAllEditors, readCsv, waitFor } from './helpers';

const tabLabels = (): string[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registerWalkthroughTests(): void {
  suite('walkthrough', () => {
    suiteTeardown(closeAllEditors);

    test('the Getting Started walkthrough opens as "Walkthrough: Scaling Lens"; an unknown id does not', async () => {
      await api();
      await closeAllEditors();
      // The Welcome page names its tab after the walkthrough it shows ("Walkthrough: <displayName>";
      // "Welcome", or the walkthrough it showed before, when it finds none). VS Code 1.100 names it
      // just after it tells the tab its label changed, so the tab API shows the name only after the
      // tab is drawn again: here, once another editor was shown and this one again.
      const open = async (id: string) => {
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${id}`, false);
        await sleep(2000);
        await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
        await sleep(500);
        await vscode.commands.executeCommand('workbench.action.previousEditor');
        await sleep(1000);
      };
      await open('noSuchWalkthrough');
      assert.ok(!tabLabels().includes('Walkthrough: Scaling Lens'), tabLabels().join(', '));
      await closeAllEditors();
      await open('gettingStarted');
      await waitFor(`the walkthrough's tab (tabs: ${tabLabels().join(', ')})`, () => tabLabels().includes('Walkthrough: Scaling Lens'), 20_000);
      await closeAllEditors();
    });

    test('command titles, the category and the settings reach VS Code in English, not as %key%', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const nls = JSON.parse(readFileSync(path.join(ext.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
      const manifest = ext.packageJSON as {
        contributes: { commands: { command: string; title: string; category: string }[]; configuration: { title: string } };
      };
      const fit = manifest.contributes.commands.find((c) => c.command === 'scalingLens.fit')!;
      assert.equal(fit.title, 'Fit Learning Curve');
      assert.equal(fit.title, nls['command.fit.title']);
      for (const c of manifest.contributes.commands) {
        assert.doesNotMatch(c.title, /%/, c.command);
        assert.equal(c.category, 'Scaling Lens', c.command);
      }
      assert.equal(manifest.contributes.configuration.title, 'Scaling Lens');
      const described = vscode.workspace.getConfiguration('scalingLens').inspect('target');
      assert.equal(described?.defaultValue, '10x', 'the settings are registered');
    });

    test('Fit the Bundled Sample fits data/benchmark.lang.csv from the extension\'s own folder', async () => {
      const a = await api();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      const sample = path.join(ext.extensionPath, 'data', 'benchmark.lang.csv');
      const curves = new Set(readCsv(sample).map((r) => `${r['Domain']}/${r['Task']}/${r['Model']}`));
      const data = (await vscode.commands.executeCommand('scalingLens.fitSample')) as PanelData | undefined;
      assert.ok(data, a.testing.lastError() ?? 'no panel data');
      assert.equal(data.source, sample);
      assert.equal(data.curves.length, curves.size);
      assert.ok(data.prediction, 'the headline has a prediction');
    });
  });
}
