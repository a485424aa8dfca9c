// `allocate --from SWEEP|fit.json` where Chinchilla's fit gives no compute-optimal plan (a degenerate
// limit) but another surface law fitted the sweep (core/surfaceLawComparison.ts): that law's plan at
// each budget, and the compute a --loss takes, labelled as that law's with its back-test, instead of
// a refusal. The riders that need Chinchilla's surface (--n, --d, --unique, --inference, --level)
// are refused with why.
import { UsageError, type ParsedArgs } from '../args';
import type { Allocation } from '../../core/allocation';
import { getLaw } from '../../core/laws/index';
import { surfaceBackTestText } from '../../core/surfaceBackTest';
import { betterLawForLoss, betterLawPlan, insteadLabel, lawComparisonText } from '../../core/surfaceLawComparison';
import { terminalSafe } from '../terminalText';
import { printText } from '../textAnswer';
import { allocationTable, fmt } from './surfaceOutput';
import { sweepNotes, type StandInSource } from './allocateSource';
import { type LawBackTestsJson } from './allocateJson';

export interface AllocateStandInJson {
  source: string;
  warnings?: string[];
  /** Why Chinchilla's fit gives no plan. */
  noPlan: string;
  /** The laws' back-tests, and in `better` the plan of the law that stands in (its `chinchillaNoPlan` set). */
  backTests: LawBackTestsJson;
  notes?: string[];
}

/** Flags whose answer is on Chinchilla's surface only. */
const CHINCHILLA_ONLY = ['n', 'd', 'unique', 'inference', 'level'];

export function standInRun(args: ParsedArgs, src: StandInSource, budgets: readonly number[], lossText: string | undefined): number {
  const c = src.lawBackTests;
  const { law, params } = c.better;
  const asked = CHINCHILLA_ONLY.filter((f) => args.flags.has(f));
  if (asked.length > 0) throw new UsageError(`${asked.map((f) => `--${f}`).join(', ')} need${asked.length === 1 ? 's' : ''} a Chinchilla surface, and ${src.chinchillaNoPlan.replace(/^no compute-optimal plan: /, "Chinchilla's fit gives no plan: ")} Only ${law}'s plan at a --budget or a --loss is given here.`);
  const allocations = budgets.flatMap((b) => betterLawPlan(c, b) ?? []);
  let forLoss: (Allocation & { targetLoss: number }) | undefined;
  if (lossText !== undefined) {
    const target = Number(lossText);
    const at = Number.isFinite(target) ? betterLawForLoss(c, target) : undefined;
    if (!at) throw new UsageError(`--loss must be a positive number, got "${lossText}"`);
    forLoss = { ...at, targetLoss: target };
  }
  const planned = [...budgets, ...(forLoss ? [forLoss.flops] : [])];
  const notes = [...src.notes, ...sweepNotes(src, planned)];
  const text = lawComparisonText(c);
  const out: AllocateStandInJson = {
    source: insteadLabel(law, src.label),
    ...(src.warnings.length ? { warnings: [...src.warnings] } : {}),
    noPlan: src.chinchillaNoPlan,
    backTests: { laws: [...c.backTests], ...(text ? { text } : {}), better: { ...c.better, allocations, ...(forLoss ? { forLoss } : {}) } },
    ...(notes.length ? { notes } : {}),
  };
  if (args.switches.has('json')) {
    console.log(JSON.stringify(out, null, 2));
    return 0;
  }
  const own = c.backTests.find((t) => t.law === law)?.backTest;
  const p = Object.entries(params).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ');
  const lines = [`surface: ${out.source}`, `  ${getLaw(law).formula}, ${p}`, ...(text ? [`  ${text}`] : []), ...(own ? [`  ${law}: ${terminalSafe(surfaceBackTestText(own, Math.max(...planned)))}`] : []), ''];
  if (allocations.length) lines.push(allocationTable(allocations));
  if (forLoss) lines.push('', `to reach loss ${fmt(forLoss.targetLoss)}: ${fmt(forLoss.flops)} FLOPs, N ${fmt(forLoss.N)}, D ${fmt(forLoss.D)} (${fmt(forLoss.tokensPerParam)} tokens/param)`);
  const warnings = new Set([...src.warnings, ...[...allocations, ...(forLoss ? [forLoss] : [])].flatMap((a) => a.warnings)]);
  printText({ answer: lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd(), warnings, notes });
  return 0;
}
