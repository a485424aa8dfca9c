// Open Documentation: the README the extension ships, in VS Code's Markdown preview. There its
// relative links (docs/*.md, #anchors) open and its screenshots show; the Extensions view's copy of
// the same README opens only web links and blocks images that are not https (the package has no
// public URL to point them at).
import * as vscode from 'vscode';
import { reportError } from './report';

/** The README in `extensionUri`: README.md in the repository, readme.md as vsce packs it. */
async function readmeOf(extensionUri: vscode.Uri): Promise<vscode.Uri | undefined> {
  const entries = await vscode.workspace.fs.readDirectory(extensionUri);
  const name = entries.find(([n, type]) => type === vscode.FileType.File && /^readme\.md$/i.test(n))?.[0];
  return name === undefined ? undefined : vscode.Uri.joinPath(extensionUri, name);
}

export async function openDocsCommand(extensionUri: vscode.Uri): Promise<void> {
  try {
    const readme = await readmeOf(extensionUri);
    if (!readme) throw new Error(`no README.md in the extension's folder ${extensionUri.fsPath}: reinstall the extension`);
    await vscode.commands.executeCommand('markdown.showPreview', readme);
  } catch (err) {
    reportError('Scaling Lens could not open its documentation', err);
  }
}
