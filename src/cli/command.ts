export interface Command {
  readonly help: string;
  /** The help for these arguments, when they pick a variant with its own options (fit --law chinchilla). */
  helpFor?(argv: readonly string[]): Promise<string>;
  /** Returns the process exit code; throws UsageError / ScalingLensError for one-line user errors. */
  run(argv: readonly string[]): Promise<number>;
}
