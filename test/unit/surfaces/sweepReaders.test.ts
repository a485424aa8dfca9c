// The panel's Plan (a sweep file read by ingest, its rows taken by surfaceData) and the CLI's
// `fit --law chinchilla` / `allocate --from SWEEP` (the file read as a CSV table) read a sweep with
// one reader (ingest/model/sweepTable.ts): on the fixtures and on tables with unusual headers,
// units and rows, both fit the same rows and name the same rows left out.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseArgs } from '../../../src/cli/args';
import { SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED } from '../../../src/cli/commands/fitSurface';
import { readSurface } from '../../../src/cli/commands/readSurface';
import { readSource } from '../../../src/ingest/files/read';
import { surfaceData } from '../../../src/extension/model/surface';

const dir = mkdtempSync(join(tmpdir(), 'sl-sweep-readers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Rows {
  readonly N: number[];
  readonly D: number[];
  readonly loss: number[];
}

/** The rows the panel's Plan fits, and the notes its reading of the file carries; none when it fits no rows. */
async function panelRows(file: string): Promise<{ rows?: Rows; notes: string[] }> {
  const source = await readSource(file);
  const data = surfaceData(source);
  const notes = source.runs.flatMap((r) => [...(r.notes ?? [])]);
  return { ...(data ? { rows: { N: [...data.N], D: [...data.D], loss: [...data.loss] } } : {}), notes };
}

/** The rows `fit --law chinchilla` fits with no column flags, and what it says of the table; none when it refuses the file. */
async function cliRows(file: string): Promise<{ rows?: Rows; notes: string[] }> {
  try {
    const read = await readSurface(parseArgs([file, '--law', 'chinchilla'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS), 'chinchilla', file);
    return { rows: { N: [...read.obs.x], D: [...read.obs.x2!], loss: [...read.obs.y] }, notes: [...read.reading] };
  } catch {
    return { notes: [] };
  }
}

const FIXTURES = [
  'test/fixtures/workspace/sweep.csv',
  'test/fixtures/logformats/scaling_sweep_CNDloss.csv',
  'test/fixtures/logformats/sweep_decimal_comma.csv',
  'test/fixtures/logformats/epoch_chinchilla_format.csv',
];

const grid = (row: (n: number, d: number, i: number) => string): string[] =>
  [1e8, 2e8, 4e8].flatMap((n, i) => [2e9, 8e9].map((d, k) => row(n, d, 2 * i + k)));
const loss = (n: number, d: number): string => (1.7 + 400 / n ** 0.34 + 410 / d ** 0.28).toFixed(4);

/** Tables whose headers, units or rows a reader could take differently: name → text. */
const TRICKY: Record<string, string> = {
  'params_tokens.csv': ['params,tokens,loss', ...grid((n, d) => `${n},${d},${loss(n, d)}`)].join('\n'),
  'n_params_val_loss.csv': ['n_params,D,val_loss', ...grid((n, d) => `${n},${d},${loss(n, d)}`)].join('\n'),
  'upper_eval_loss.csv': ['N,tokens,eval_loss', ...grid((n, d) => `${n},${d},${loss(n, d)}`)].join('\n'),
  'final_loss.tsv': ['params\ttokens\tfinal_loss', ...grid((n, d) => `${n}\t${d}\t${loss(n, d)}`)].join('\n'),
  'flops_no_d.csv': ['N,C,loss', ...grid((n, d) => `${n},${6 * n * d},${loss(n, d)}`)].join('\n'),
  'flops_no_n.csv': ['D,flops,loss', ...grid((n, d) => `${d},${6 * n * d},${loss(n, d)}`)].join('\n'),
  'blank_d_with_c.csv': ['N,D,C,loss', ...grid((n, d, i) => `${n},${i === 2 ? '' : d},${6 * n * d},${loss(n, d)}`)].join('\n'),
  'suffixed.csv': ['params,tokens,loss', '125M,300B,3.1', '1.3B,300B,2.9', '350M,26B,2.95', '760M,1.3T,2.7'].join('\n'),
  'header_units.csv': ['params (M),tokens (B),loss', ...grid((n, d) => `${n / 1e6},${d / 1e9},${loss(n, d)}`)].join('\n'),
  'header_units_plain.csv': ['params (M),tokens (B),loss', ...grid((n, d) => `${n},${d},${loss(n, d)}`)].join('\n'),
  'bad_losses.csv': ['params,tokens,loss', ...grid((n, d, i) => `${n},${d},${['nan', '0', '-1', '', 'diverged'][i] ?? loss(n, d)}`)].join('\n'),
  'bad_counts.csv': ['params,tokens,loss', ...grid((n, d, i) => `${['', 'abc', '0'][i] ?? n},${d},${loss(n, d)}`)].join('\n'),
  'model_names.csv': ['model,tokens,loss', 'pythia-70m,3e11,3.3', 'small,3e11,3.1', 'pythia-160m,3e11,3.0', 'pythia-410m,3e11,2.8'].join('\n'),
  'duplicates.csv': ['params,tokens,loss', ...grid((n, d) => `${n},${d},${loss(n, d)}`), `1e8,2e9,${loss(1e8, 2e9)}`].join('\n'),
  'training_log.csv': ['model_name,step,tokens,loss', ...grid((n, d, i) => `pythia-${n / 1e6}m,${i},${d},${loss(n, d)}`)].join('\n'),
  // JSON Lines, one object per run: sizes as text, a NaN loss, a key one record lacks, nested keys
  'records.jsonl': grid((n, d, i) => `{"model": "pythia-${n / 1e6}m", "tokens": ${d}${i === 4 ? '' : `, "loss": ${i === 1 ? 'NaN' : loss(n, d)}`}, "lr": 3e-4}`).join('\n'),
  'nested.jsonl': grid((n, d) => JSON.stringify({ params: n, tokens: d, eval: { loss: Number(loss(n, d)) } })).join('\n'),
  // no loss column: the final loss logged as bits or a perplexity is the y (a settings key is not)
  'bits_only.csv': ['params,tokens,val_bpb', ...grid((n, d) => `${n},${d},${(Number(loss(n, d)) / Math.LN2).toFixed(4)}`)].join('\n'),
  'ppl_only.jsonl': grid((n, d) => JSON.stringify({ params: n, tokens: d, 'config/ppl_every': 100, 'summary/val_ppl': Math.exp(Number(loss(n, d))) })).join('\n'),
};

test('the panel and the CLI read the same rows of every sweep fixture and of tables with unusual headers, units and rows', async () => {
  const files = [...FIXTURES, ...Object.entries(TRICKY).map(([name, text]) => {
    const file = join(dir, name);
    writeFileSync(file, `${text}\n`);
    return file;
  })];
  const differ: string[] = [];
  for (const file of files) {
    // a table with a step column is a log to the panel; the CLI, asked for a surface, fits it and says so (below)
    if (basename(file) === 'training_log.csv') continue;
    const [panel, cli] = [await panelRows(file), await cliRows(file)];
    if (!isDeepStrictEqual(cli.rows, panel.rows)) differ.push(`${basename(file)}: panel ${panel.rows?.loss.length ?? 'no'} rows, CLI ${cli.rows?.loss.length ?? 'no'}`);
    // agreeing on nothing is no agreement: every table but bad_losses.csv (5 of its 6 losses bad) has rows to fit
    else if (basename(file) !== 'bad_losses.csv' && !(cli.rows && cli.rows.loss.length >= 3)) differ.push(`${basename(file)}: no rows on either side`);
  }
  assert.deepEqual(differ, []);
});

test('a runs table with a step or epoch column (a W&B export, a sweep with epochs) is fitted by the CLI, with a note that mid-training rows would be fitted too', async () => {
  const tables: Record<string, string> = {
    'wandb_runs.csv': ['Name,State,params,tokens,train/global_step,train/epoch,eval/loss', ...grid((n, d, i) => `run-${i},finished,${n},${d},${d / 5e5},1,${loss(n, d)}`)].join('\n'),
    'training_log.csv': TRICKY['training_log.csv']!,
  };
  for (const [name, text] of Object.entries(tables)) {
    const file = join(dir, name);
    writeFileSync(file, `${text}\n`);
    const cli = await cliRows(file);
    assert.equal(cli.rows?.loss.length, 6, name);
    assert.ok(cli.notes.some((n) => /has a "(train\/global_step|step)" column: if its rows are checkpoints of training runs/.test(n)), `${name}: ${cli.notes.join(' | ')}`);
  }
  // a data-constrained sweep with an epochs column fits chinchilla-dc as before
  const dc = join(dir, 'dc_epochs.csv');
  const rows = [1e8, 2e8, 4e8, 8e8].flatMap((n) => [2e9, 8e9, 3.2e10].map((d) => `${n},${d},${d / 4},4,${loss(n, d)}`));
  writeFileSync(dc, `params,tokens,unique_tokens,epochs,loss\n${rows.join('\n')}\n`);
  const read = await readSurface(parseArgs([dc, '--law', 'chinchilla-dc', '--u', 'unique_tokens'], SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS), 'chinchilla-dc', dc);
  assert.equal(read.obs.y.length, 12);
});

test('a row left out (its loss, or its N or D, blank, not a number or not positive) is named alike on both sides', async () => {
  for (const name of ['bad_losses.csv', 'bad_counts.csv', 'model_names.csv', 'header_units_plain.csv']) {
    const file = join(dir, name);
    writeFileSync(file, `${TRICKY[name]}\n`);
    const [panel, cli] = [await panelRows(file), await cliRows(file)];
    const said = cli.notes.filter((n) => n.startsWith('left out') || n.startsWith('column'));
    assert.ok(said.length > 0, name);
    for (const note of said) assert.ok(panel.notes.includes(note), `${name}: the panel does not say "${note}" (it says: ${panel.notes.join(' | ')})`);
  }
  const bad = join(dir, 'bad_counts.csv');
  const { notes } = await cliRows(bad);
  assert.ok(notes.includes('left out 3 rows without N, D and a loss that can be read (column "params" row 2: blank; column "params" row 3: "abc" is not a number or a size such as 125M or 1.3B; column "params" row 4: 0 is not positive (a count of parameters, tokens or FLOPs))'), notes.join(' | '));
});
