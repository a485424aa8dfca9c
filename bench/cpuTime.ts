// CPU time of this process, not wall time: the bench machine is shared, and another process
// holding a core would otherwise be billed to us. Wall time is returned alongside.
export function cpuTime<T>(run: () => T): { value: T; ms: number; wallMs: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const c0 = process.cpuUsage();
  const t = performance.now();
  const value = run();
  const c = process.cpuUsage(c0);
  return { value, ms: (c.user + c.system) / 1000, wallMs: performance.now() - t };
}
