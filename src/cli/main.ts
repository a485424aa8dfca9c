// scaling-lens: the command-line face of the core and ingestion. Each command lives in its own
// file under commands/ and is registered here.
import type { Command } from './command';
import { reportFailure } from './failure';
import { version } from '../../package.json';

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

function usage(): string {
  const names = Object.keys(commands).sort().join(', ');
  return `usage: scaling-lens <command> [options]\ncommands: ${names}\nRun "scaling-lens <command> --help" for a command's options, "scaling-lens --version" for the version.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    console.log(usage());
    return 0;
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
    console.error(`scaling-lens: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log((await command.helpFor?.(rest)) ?? command.help);
    return 0;
  }
  return command.run(rest);
}

// `scaling-lens watch … --json | head -1`: once the reader has gone nothing printed can be read, and
// the next line would die with an EPIPE stack (or a watch run on unheard); stop quietly instead
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportFailure(err);
  },
);
