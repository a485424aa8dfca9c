// The panel's HTML shell: a strict CSP (nothing remote, no inline script or style, one nonce'd
// script), the bundled webview script and stylesheet, and the webview options that go with it.
import * as vscode from 'vscode';
import { makeNonce } from './nonce';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * `load` numbers this page (its "ready" says which page is ready); `scriptFile` is the bundle under
 * dist/ (a test gives a missing one to get a panel that never loads).
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, load = 0, scriptFile = 'webview.js'): string {
  const n = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', scriptFile));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  // Lit (inside @vscode-elements) styles its components through constructable stylesheets,
  // which style-src does not restrict, so no 'unsafe-inline' is needed.
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>Scaling Lens</title>
</head>
<body data-load="${load}">
<div id="app">
  <header id="header"></header>
  <section id="controls" aria-label="Data and target"></section>
  <div id="status" role="status"></div>
  <section id="notice" aria-label="Notice"></section>
  <section id="forecast" aria-label="Forecast to the end of the learning-rate schedule"></section>
  <section id="prediction" aria-label="Prediction"></section>
  <div id="prediction-live" class="sr-only" aria-live="polite" aria-atomic="true"></div>
  <section id="chart-area" aria-label="Chart"><canvas id="chart" role="img" aria-label="Learning curve chart"></canvas></section>
  <section id="forecast-schedule" aria-label="Learning-rate schedule of the forecast"></section>
  <section id="backtest" aria-label="Back-test: error against extrapolation factor"></section>
  <section id="tables" aria-label="Estimator comparison"></section>
  <section id="plan" aria-label="Compute plan"></section>
  <section id="warnings" aria-label="Warnings"></section>
</div>
<script nonce="${n}" src="${script}"></script>
</body>
</html>`;
}
