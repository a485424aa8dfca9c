// What is left when the panels close: no panel, no watch, no status-bar item, and no fit worker
// thread (an idle worker kept its own V8 heap alive for the rest of the session).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, fixture, waitFor } from './helpers';

export function registerLifecycleTests(): void {
  suite('lifecycle', () => {
    test('closing the last panel, even mid-fit, ends the fit workers; the next fit starts them again', async () => {
      const a = await api();
      await closeAllEditors();
      await vscode.commands.executeCommand('scalingLens.fit', fixture('runs_by_size.csv'));
      assert.ok(a.testing.fitWorkersRunning() >= 1);
      await closeAllEditors();
      await waitFor('the fit workers to end', () => a.testing.fitWorkersRunning() === 0, 10_000);
      // closed mid-fit: the cancelled job ends, then the worker
      const fit = vscode.commands.executeCommand('scalingLens.fit', fixture('benchmark.lang.csv'));
      await waitFor('a panel', () => a.testing.panelCount() === 1, 10_000);
      await closeAllEditors();
      await fit;
      await waitFor('the fit workers to end after a cancelled fit', () => a.testing.fitWorkersRunning() === 0, 10_000);
      assert.equal(a.testing.panelCount(), 0);
      assert.deepEqual(a.testing.watchStates(), []);
      assert.deepEqual(a.testing.statusBarTexts(), []);
      const data = await vscode.commands.executeCommand('scalingLens.fit', fixture('runs_by_size.csv'));
      assert.ok(data, 'a fit after the workers ended works');
      await closeAllEditors();
    });
  });
}
