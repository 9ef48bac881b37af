/**
 * Exit codes shared by every `perf-gate` command and the GitHub Action.
 * They are part of the public contract (README "Exit codes"): scripts branch on them.
 */
export const ExitCode = {
  /** The command did what it was asked; for a gate: no regression. */
  Ok: 0,
  /** The gate found a performance regression. */
  Regression: 1,
  /** Bad input: a missing file, an invalid option value, an unavailable provider. */
  Usage: 2,
  /** The gate could not decide (too few samples, incomparable environments, unreliable GPU). */
  Inconclusive: 3,
  /** An unexpected internal failure (a bug): the stack trace is printed with --verbose. */
  Internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exit code of a gate verdict: 0 pass/improvement, 1 regression, 3 inconclusive. */
export function exitCodeForVerdict(
  verdict: 'pass' | 'improvement' | 'regression' | 'inconclusive',
): ExitCode {
  if (verdict === 'regression') return ExitCode.Regression;
  if (verdict === 'inconclusive') return ExitCode.Inconclusive;
  return ExitCode.Ok;
}

/**
 * An error caused by the user's input. Its message is one line that names the input and
 * the bad value; the CLI prints it without a stack trace and exits with {@link ExitCode.Usage}.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /**
   * @param message one line naming the input and the value, e.g. `--iterations: expected a positive integer, got "0"`
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True when `err` is a {@link UsageError} (also across module copies, by name). */
export function isUsageError(err: unknown): err is UsageError {
  return err instanceof UsageError || (err instanceof Error && err.name === 'UsageError');
}

/** The message of any thrown value, for one-line reports. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
