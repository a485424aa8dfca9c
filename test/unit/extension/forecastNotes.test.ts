// The Forecast block's notes in the panel's words (model/forecastNotes.ts): walkthrough LMWALK, an
// HF cosine run watched from 10% showed "give --prior, a fit of finished sibling runs" (a CLI
// flag) twice, in two notes that both said "a typical one is assumed (4.2%)": the core now says it
// once (in the CLI too), and the panel names the palette command.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastRun, scheduleFromSpec } from '../../../src/core/schedule/index';
import { panelForecastNotes } from '../../../src/extension/model/forecastNotes';
import { rows, SPECS } from '../schedule/lrData';

test('100M cosine_24000 logged to 10% (step 4,208): the core says the assumed gain once, with --prior; the panel with the command', () => {
  const run = rows('100M', 'cosine_24000');
  const k = run.steps.filter((s) => s <= 4208).length;
  const fc = forecastRun({ steps: run.steps.slice(0, k), loss: run.loss.slice(0, k), lr: { steps: run.steps.slice(0, k), lr: run.lr.slice(0, k) }, schedule: scheduleFromSpec(SPECS.cosine_24000!), bootstrap: 0 });
  const typical = (ws: readonly string[]) => ws.filter((w) => /a typical one is assumed/.test(w)).length;
  assert.equal(typical(fc.warnings), 1, fc.warnings.join(' | '));
  const shown = panelForecastNotes(fc.warnings);
  assert.equal(typical(shown), 1, shown.join(' | '));
  assert.match(shown.find((w) => /typical/.test(w))!, /^the annealing gain fitted on the logged part .* was measured on 1% of a full decay/);
  assert.ok(shown.every((w) => !w.includes('--prior')), shown.join(' | '));
  assert.ok(shown.some((w) => w.includes('Use Sibling Runs as Prior…')));
});

test("too little decay alone (a WSD run before its decay) is said in the panel's words", () => {
  const alone = "the logged part has too little learning-rate decay to measure how the loss answers one: … (give --prior, a fit of finished sibling runs)";
  assert.deepEqual(panelForecastNotes([alone, `what-if: ${alone}`]), [
    'the logged part has too little learning-rate decay to measure how the loss answers one: … (the command Use Sibling Runs as Prior… measures it on finished runs)',
    'what-if: the logged part has too little learning-rate decay to measure how the loss answers one: … (the command Use Sibling Runs as Prior… measures it on finished runs)',
  ]);
});
