// Text mode keeps the answer on stdout and the warnings and notes on stderr, for every command:
// `fit … > out.txt` and `predict … | cut` read the answer alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command as fit } from '../../../src/cli/commands/fit';
import { command as predict } from '../../../src/cli/commands/predict';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { printText, saidLines } from '../../../src/cli/textAnswer';
import { printed as capture } from './printed';

// a log with an LR and no --y: warned of twice (the series chosen, the forecast command to use)
const LOG = 'data/lr-schedules/25M/cosine_24000.csv';

test('fit and predict: the fit on stdout, the warnings on stderr', async () => {
  for (const [cmd, argv] of [[fit, [LOG, '--law', 'm2']], [predict, [LOG, '--law', 'm2', '--at', '2x', '--bootstrap', '0']]] as const) {
    const { out, err } = await capture(() => cmd.run(argv));
    assert.match(out, /^loss vs step \(csv, 1 run\)/);
    assert.doesNotMatch(out, /warning/);
    assert.match(err, /^warning: no --y: fitted "loss", the most loss-like series \(others: lr\); choose with --y$/m);
    assert.match(err, /^warning: this log records a learning rate/m);
  }
});

test('allocate: the plan on stdout, its note of a budget far past the preset\'s runs on stderr', async () => {
  const { out, err } = await capture(() => allocate.run(['--budget', '1e25', '--preset', 'chinchilla']));
  assert.match(out, /^1\.000e25 /m);
  assert.doesNotMatch(out, /note|769×/);
  assert.match(err, /^note: 1e25 FLOPs is 769× the compute of the largest run the chinchilla preset was fitted on/);
});

test('printText: a warning about one part is named by it; a warning is one line, its controls escaped', async () => {
  const t = { answer: 'table', warnings: ['all', { about: 'run=a: ', text: 'cut\nshort' }], notes: ['later'] };
  assert.deepEqual(saidLines(t), ['warning: all', 'run=a: warning: cut\nshort', 'note: later']);
  const { out, err } = await capture(async () => (printText(t), 0));
  assert.equal(out, 'table');
  assert.equal(err, 'warning: all\nrun=a: warning: cut\\nshort\nnote: later');
});
