// "Scaling Lens: Run Benchmark": fit every estimator to the bundled RNSL benchmark curves (fit on
// the Training points, score the extrapolation on the rest), with progress and cancel, and show
// the league table in a panel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BenchmarkView } from '../../shared/protocol';
import { errorMessage, log } from '../log';
import { summarizeBenchmark, type ScoredCurve } from '../model/benchmark';
import { curveData, guessColumns, listCurves } from '../model/curves';
import type { Services } from '../services';
import { LensSession } from '../session';
import { readSettings } from '../settings';
import { readSource } from '../engine';
import { optionsArg } from './resolveUri';
import { reportError } from './report';

export interface BenchmarkArgs {
  /** A benchmark CSV (Domain, Task, Model, Seen Examples, Loss, Training); default: ask. */
  readonly file?: string;
  /** Only the first `limit` curves (quick runs, tests). */
  readonly limit?: number;
  readonly laws?: readonly string[];
}

async function askFile(s: Services): Promise<string | undefined> {
  const data = (name: string) => vscode.Uri.joinPath(s.context.extensionUri, 'data', name).fsPath;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Language', description: 'benchmark.lang.csv: NMT, language modelling, BIG-bench', file: data('benchmark.lang.csv') },
      { label: 'Vision', description: 'benchmark.vision.csv: image classification few-shot curves (slower)', file: data('benchmark.vision.csv') },
    ],
    { title: 'Scaling Lens: which benchmark?' },
  );
  return pick?.file;
}

export async function benchmarkCommand(s: Services, arg?: unknown): Promise<BenchmarkView | undefined> {
  const args = optionsArg<BenchmarkArgs>(arg);
  const file = args.file ?? (await askFile(s));
  if (!file) return undefined;
  try {
    const source = await readSource(file);
    const columns = guessColumns(source);
    if (!columns) throw new Error(`${path.basename(file)} has no learning curves`);
    const curves = listCurves(source, columns).slice(0, args.limit ?? Number.MAX_SAFE_INTEGER);
    const laws = args.laws ?? readSettings().estimators;
    const started = Date.now();
    const analyses: ScoredCurve[] = [];
    let cancelled = false;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Scaling Lens: benchmark on ${path.basename(file)}`, cancellable: true },
      async (progress, token) => {
        for (const [i, ref] of curves.entries()) {
          if (token.isCancellationRequested) {
            cancelled = true;
            break;
          }
          progress.report({ message: `${i + 1}/${curves.length} ${ref.label}`, increment: 100 / curves.length });
          const data = curveData(source, ref, columns.x);
          try {
            const meta = source.runs[ref.runIndex]?.meta;
            const upperBound = s.sessionDeps.upperBoundOf?.(meta);
            const options = { laws, bootstrap: 0, seed: 1, ...(upperBound !== undefined ? { upperBound } : {}), ...(data.trainMask ? { trainMask: data.trainMask } : { holdoutFrac: 0.2 }) };
            const domain = meta?.['domain'];
            analyses.push({ analysis: await s.fit.analyze(data.points, options, token), ...(typeof domain === 'string' && domain ? { group: domain } : {}) });
          } catch (err) {
            if (token.isCancellationRequested) {
              cancelled = true;
              break;
            }
            log().warn(`benchmark: ${ref.label}: ${errorMessage(err)}`);
          }
        }
      },
    );
    const view = summarizeBenchmark(file, analyses, (law) => s.sessionDeps.lawOf(law)?.name ?? law, (Date.now() - started) / 1000, cancelled);
    log().info(`benchmark on ${file}: ${view.curves} curves in ${view.seconds.toFixed(1)} s; ${view.rows.map((r) => `${r.law} ${r.meanRmsle.toFixed(4)}`).join(', ')}`);
    const session = new LensSession(file, `Benchmark: ${path.basename(file)}`, s.sessionDeps);
    session.benchmark = view;
    s.panels.show(`benchmark:${file}`, session).render();
    return view;
  } catch (err) {
    reportError('Scaling Lens could not run the benchmark', err);
    return undefined;
  }
}
