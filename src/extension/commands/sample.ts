// The Getting Started walkthrough's "Fit the bundled sample": a first fit for someone with no log at
// hand. A walkthrough's command link cannot name a file in the installed extension's folder, so this
// command does: the RNSL language benchmark, which the .vsix ships (.vscodeignore).
import * as vscode from 'vscode';
import type { PanelData } from '../../shared/protocol';
import type { Services } from '../services';
import { fitCommand } from './fit';

/** Relative to the extension's folder; the packaging test checks the .vsix holds it. */
export const SAMPLE_LOG = 'data/benchmark.lang.csv';

export function fitSampleCommand(s: Services, extensionUri: vscode.Uri): Promise<PanelData | undefined> {
  return fitCommand(s, vscode.Uri.joinPath(extensionUri, ...SAMPLE_LOG.split('/')));
}
