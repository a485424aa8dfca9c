// The CLI's argv → command → exit code, apart from main.ts's process wiring, so a test can run a
// documented command line exactly as `scaling-lens` would (test/unit/cli/readmePrimer.test.ts).
import type { Command } from './command';
import { version } from '../../package.json';
import { didYouMeanText } from './didYouMean';

const commands: Record<string, () => Promise<Command>> = {
  // command name → lazy import of its module (each exports `command`)
  inspect: async () => (await import('./commands/inspect')).command,
  watch: async () => (await import('./commands/watch')).command,
  allocate: async () => (await import('./commands/allocate')).command,
  benchmark: async () => (await import('./commands/benchmark')).command,
  fit: async () => (await import('./commands/fit')).command,
  predict: async () => (await import('./commands/predict')).command,
  schedule: async () => (await import('./commands/schedule')).command,
  forecast: async () => (await import('./commands/forecast')).command,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(commands).sort();

function usage(): string {
  return `usage: scaling-lens <command> [options]\ncommands: ${COMMAND_NAMES.join(', ')}\nRun "scaling-lens <command> --help" for a command's options, "scaling-lens --version" for the version.`;
}

/** Runs one command line (argv without `node cli.js`); returns the exit code, throws what reportFailure reads. */
export async function dispatch(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
  }
  // `scaling-lens help` and `scaling-lens help fit`, as git and npm take them
  if (name === 'help') {
    // `help --version` or `help -x`: no command named, so the usage (not the version)
    if (rest.length === 0 || rest[0]!.startsWith('-')) {
      console.log(usage());
      return 0;
    }
    return dispatch([...rest, '--help']);
  }
  if (name === '--version' || name === '-V') {
    console.log(version);
    return 0;
  }
  // no command is a usage error: said on stderr, so a script's stdout stays empty
  if (!name) {
    console.error(usage());
    return 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`scaling-lens: unknown command "${name}"${didYouMeanText(name, COMMAND_NAMES)}\n${usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log((await command.helpFor?.(rest)) ?? command.help);
    return 0;
  }
  return command.run(rest);
}
