// For contributors with network access: `npx @vscode/test-cli` (or the Extension Tests launch
// configuration) runs the same integration suite in a downloaded VS Code through
// @vscode/test-electron. On machines without access to Microsoft's download servers run
// `npm run test:integration`, which uses code-server (see scripts/integration.mjs).
// Build first: npm run build.
// (A plain object: defineConfig() is the identity, and @vscode/test-cli is fetched by npx.)
export default {
  label: 'integration',
  files: 'dist/test/integration.js',
  version: '1.100.3',
  workspaceFolder: 'test/fixtures/workspace',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 60_000 },
};
