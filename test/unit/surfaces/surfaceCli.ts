// `fit --law …` and `allocate` as the tests call them: the surface fit's --json output, parsed;
// allocate's output as printed.
import assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';
import { command as allocate } from '../../../src/cli/commands/allocate';
import { runSurfaceFit, SURFACE_FIT_BOOLEANS, SURFACE_FIT_VALUED, type SurfaceFitJson } from '../../../src/cli/commands/fitSurface';

export async function fitJson(argv: string[]): Promise<SurfaceFitJson> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    await runSurfaceFit(parseArgs(argv, SURFACE_FIT_VALUED, SURFACE_FIT_BOOLEANS));
  } finally {
    console.log = orig;
  }
  return JSON.parse(lines.join('\n')) as SurfaceFitJson;
}

/** What `allocate ARGV` prints, after it exits 0. */
export async function allocateOutput(argv: string[]): Promise<string> {
  const lines: string[] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    assert.equal(await allocate.run(argv), 0);
  } finally {
    console.log = orig;
  }
  return lines.join('\n');
}
