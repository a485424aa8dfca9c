// A panel's title names the run when the file's name does not (every Lightning run is metrics.csv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceTitle } from '../../../src/extension/model/sourceTitle';

test('a generic log name takes its folder; any other name stands alone', () => {
  assert.equal(sourceTitle('/w/lightning_logs/version_3/metrics.csv'), 'version_3/metrics.csv');
  assert.equal(sourceTitle('C:\\runs\\gpt-small\\trainer_state.json'), 'gpt-small/trainer_state.json');
  assert.equal(sourceTitle('/w/data/opt_trajectories.csv'), 'opt_trajectories.csv');
  assert.equal(sourceTitle('/w/runs'), 'runs');
  assert.equal(sourceTitle('metrics.csv'), 'metrics.csv');
});
