// scaling-lens: the command-line face of the core and ingestion. Each command lives in its own
// file under commands/ and is registered in dispatch.ts; this file wires it to the process.
import { dispatch } from './dispatch';
import { reportFailure } from './failure';

// `scaling-lens watch … --json | head -1`: once the reader has gone nothing printed can be read, and
// the next line would die with an EPIPE stack (or a watch run on unheard); stop quietly instead
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}

dispatch(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.exitCode = reportFailure(err);
  },
);
