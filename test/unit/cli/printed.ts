// What a command printed: its stdout (the answer) and stderr (warnings, notes, the tally) apart.

export async function printed(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const [out, err] = [[] as string[], [] as string[]];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await run();
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}
