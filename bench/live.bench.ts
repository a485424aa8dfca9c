// Live panel latency, host side: from appending one line to a watched CSV to the panel message
// being ready to post (ingest's watchSource + LensSession.panelData, the work the extension host
// does before webview.postMessage). The webview's own draw is not observable from here; the
// integration suite prints the same write → post figure measured inside VS Code.
//   ours:      points first — the snapshot is rendered as soon as it is read; the refit runs
//              afterwards on the fit worker (not on this thread), the previous fit shown stale.
//   baseline:  the previous behaviour — a 400 ms debounce, then the refit, then the render.
// Same files, same machine, same run; no pass/fail.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { analyzeCurve } from '../src/core/analyze';
import { CURVE_LAW_IDS, getLaw, listLaws } from '../src/core/laws/index';
import { watchSource } from '../src/ingest/files/watch';
import { LensSession, type SessionDeps } from '../src/extension/session';
import type { SourceData } from '../src/ingest/model/model';
import { testSettings } from '../test/unit/extension/sessionFixture';

const settings = testSettings(['m1', 'm2', 'm3', 'm4', 'bnsl-0', 'bnsl-1', 'bnsl-2', 'mix'], { bootstrapSamples: 40 });

const deps: SessionDeps = {
  analyze: async (points, options) => analyzeCurve(points, options),
  settings: () => settings,
  lawOf: (id) => getLaw(id),
  knownLaws: () => listLaws().map((l) => l.id),
  curveLaws: () => [...CURVE_LAW_IDS],
};

function line(step: number): string {
  const tokens = step * 1e6;
  return `${step},${tokens},${(1.8 + 40 * Math.pow(tokens, -0.25) + 0.002 * Math.sin(step)).toFixed(6)}\n`;
}

function makeLog(dir: string, rows: number): string {
  const file = path.join(dir, `log-${rows}.csv`);
  let text = 'step,tokens,val_loss\n';
  for (let s = 1; s <= rows; s++) text += line(s);
  writeFileSync(file, text);
  return file;
}

type Mode = 'ours' | 'baseline';

async function measure(file: string, rows: number, mode: Mode, appends: number): Promise<number[]> {
  const session = new LensSession(file, path.basename(file), deps);
  let expect = rows;
  let resolveSeen: ((ms: number) => void) | undefined;
  let t0 = 0;
  let debounce: NodeJS.Timeout | undefined;
  const shown = (src: SourceData) => {
    session.setSource(src);
    const data = session.panelData();
    if (data.curves[0]?.points === expect && resolveSeen) {
      const r = resolveSeen;
      resolveSeen = undefined;
      r(performance.now() - t0);
    }
  };
  const handle = watchSource(
    file,
    (src) => {
      if (mode === 'ours') {
        shown(src);
        return;
      }
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => {
        session.setSource(src);
        void session.refit().then(() => shown(src));
      }, 400);
    },
    { pollMs: settings.pollIntervalMs },
  );
  await handle.refresh();
  // the first fit, so the later snapshots have a previous fit to show stale
  await session.refit();
  const out: number[] = [];
  for (let i = 0; i < appends; i++) {
    expect++;
    const seen = new Promise<number>((r) => (resolveSeen = r));
    t0 = performance.now();
    appendFileSync(file, line(expect));
    out.push(await seen);
    await new Promise((r) => setTimeout(r, 100));
  }
  handle.dispose();
  if (debounce) clearTimeout(debounce);
  return out;
}

const stats = (v: number[]) => {
  const s = [...v].sort((p, q) => p - q);
  return { median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};

async function main(): Promise<void> {
const dir = mkdtempSync(path.join(tmpdir(), 'sl-live-bench-'));
try {
  console.log('write → panel message ready (host side), default 1000 ms poll with fs.watch hints');
  for (const rows of [2_000, 100_000]) {
    const file = makeLog(dir, rows);
    const ours = stats(await measure(file, rows, 'ours', 15));
    const file2 = makeLog(dir, rows);
    const base = stats(await measure(file2, rows, 'baseline', 8));
    console.log(
      `${String(rows).padStart(7)} rows: ours median ${ours.median.toFixed(0)} ms (max ${ours.max.toFixed(0)})` +
        ` | baseline (debounce 400 ms + refit first) median ${base.median.toFixed(0)} ms (max ${base.max.toFixed(0)})` +
        ` | ×${(base.median / ours.median).toFixed(1)} faster`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}

void main();
