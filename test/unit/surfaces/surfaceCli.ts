// `fit --law …` as the tests call it: the surface fit's --json output, parsed.
import { parseArgs } from '../../../src/cli/args';
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
