// Commands run from the palette with a source file focused: the file is not read as a training log
// (no "could not fit main.ts" error, no watch of it); the user is asked for a log instead.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PanelData } from '../../src/shared/protocol';
import { api, closeAllEditors, workspaceDir } from './helpers';
import { eventFile, valueSimple, type EventSpec } from '../unit/ingest/binaryWriters';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function registerPaletteTests(): void {
  suite('palette', () => {
    suiteTeardown(closeAllEditors);

    test('Fit, Watch and Predict with main.ts focused ask for a log instead of reading main.ts', async () => {
      const a = await api();
      const source = path.join(workspaceDir(), 'main.ts');
      writeFileSync(source, 'export const answer = 42;\n');
      await closeAllEditors();
      await vscode.window.showTextDocument(vscode.Uri.file(source));
      const errorBefore = a.testing.lastError();
      const panelsBefore = a.testing.panelCount();
      for (const command of ['scalingLens.fit', 'scalingLens.watch']) {
        const result = vscode.commands.executeCommand(command);
        // the file dialog (a quick input in a browser window) is dismissed as a user would
        await sleep(1500);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        assert.equal(await result, undefined, command);
      }
      assert.equal(await vscode.commands.executeCommand('scalingLens.predict'), undefined);
      assert.equal(a.testing.lastError(), errorBefore, 'no error was reported');
      assert.equal(a.testing.panelCount(), panelsBefore, 'no panel was opened');
      assert.deepEqual(a.testing.watchStates().filter((w) => w.path === source), []);
    });

    test('Fit from the palette with a TensorBoard event file focused (a binary file, in no text editor) fits that file', async () => {
      const a = await api();
      const events: EventSpec[] = [{ wallTime: 1, fileVersion: 'brain.Event:2' }];
      for (let s = 10; s <= 400; s += 10) events.push({ step: s, values: [valueSimple('train/loss', 2 + 8 * s ** -0.3)] });
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'sl-tb-')), 'events.out.tfevents.1733392800.host.1.0');
      writeFileSync(file, eventFile(events));
      await closeAllEditors();
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
      await sleep(500);
      assert.equal(vscode.window.activeTextEditor, undefined, 'VS Code shows it in its binary-file editor');
      const result = vscode.commands.executeCommand('scalingLens.fit') as Thenable<PanelData | undefined>;
      // before, the file dialog opened instead: dismissed as a user would, the command resolves undefined
      await sleep(1500);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      const data = await result;
      assert.ok(data, a.testing.lastError() ?? 'the file dialog opened instead');
      assert.equal(data.curves[0]?.points, 40);
    });

    test('a file that cannot be fitted: the error offers to open it and the log; a missing file, the log only', async () => {
      const a = await api();
      await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(path.join(workspaceDir(), 'bad.csv')));
      assert.match(a.testing.lastError() ?? '', /^Scaling Lens found no learning curve in bad\.csv: /);
      assert.deepEqual(a.testing.lastErrorActions(), ['Open File', 'Show Log']);
      await vscode.commands.executeCommand('scalingLens.fit', vscode.Uri.file(path.join(workspaceDir(), 'does-not-exist.csv')));
      assert.deepEqual(a.testing.lastErrorActions(), ['Show Log']);
    });
  });
}
