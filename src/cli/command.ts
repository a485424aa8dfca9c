export interface Command {
  readonly help: string;
  /** Returns the process exit code; throws UsageError / ScalingLensError for one-line user errors. */
  run(argv: readonly string[]): Promise<number>;
}
