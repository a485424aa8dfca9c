// Commands that act only on a run already open in a panel (forecastPanel.ts: the prior, the
// what-if, the reference run, the schedule, export and every Clear) are hidden from the Command
// Palette until a panel is open: from an empty window they could only say "open a panel first".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { menus: { commandPalette: { command: string; when: string }[] } };
};
const paletteWhen = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));

test('commands that need an open panel appear in the palette only while one is open', () => {
  const needPanel = ['usePrior', 'clearPrior', 'whatIf', 'clearWhatIf', 'compareReference', 'clearReference', 'setSchedule', 'export'];
  for (const id of needPanel) assert.equal(paletteWhen.get(`scalingLens.${id}`), 'scalingLens.panelOpen', `scalingLens.${id}`);
});

test('the commands that read a file of their own (fit, watch, compare, predict, plan, benchmark, log) stay in the palette', () => {
  for (const id of ['fit', 'watch', 'compare', 'predict', 'plan', 'benchmark', 'showLog']) assert.equal(paletteWhen.get(`scalingLens.${id}`), undefined, `scalingLens.${id}`);
});
