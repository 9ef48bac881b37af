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
};
/** Exit code of a gate verdict: 0 pass/improvement, 1 regression, 3 inconclusive. */
export function exitCodeForVerdict(verdict) {
    if (verdict === 'regression')
        return ExitCode.Regression;
    if (verdict === 'inconclusive')
        return ExitCode.Inconclusive;
    return ExitCode.Ok;
}
/**
 * An error caused by the user's input. Its message is one line that names the input and
 * the bad value; the CLI prints it without a stack trace and exits with {@link ExitCode.Usage}.
 */
export class UsageError extends Error {
    name = 'UsageError';
    /**
     * @param message one line naming the input and the value, e.g. `--iterations: expected a positive integer, got "0"`
     */
    constructor(message, options) {
        super(message, options);
    }
}
/** True when `err` is a {@link UsageError} (also across module copies, by name). */
export function isUsageError(err) {
    return err instanceof UsageError || (err instanceof Error && err.name === 'UsageError');
}
/** The message of any thrown value, for one-line reports. */
export function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
/** Longest user value quoted in a message, in characters (the rest is replaced by a marker). */
export const MAX_QUOTED_VALUE = 200;
/** Longest error message printed, in characters. */
export const MAX_MESSAGE_LENGTH = 2000;
// C0/C1 controls, line/paragraph separators, bidi controls, zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]/g;
const visible = (text) => text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/**
 * A user's value quoted for a one-line message: in double quotes, invisible and control characters
 * written as `\uXXXX` (a BOM or a newline is shown, never printed), and cut after `max` characters
 * with a marker saying how long it was: `"aaaa…" (5,242,880 characters)`.
 */
export function quoteValue(value, max = MAX_QUOTED_VALUE) {
    const chars = Array.from(value);
    if (chars.length <= max)
        return `"${visible(value).replace(/"/g, '\\"')}"`;
    const head = visible(chars.slice(0, max).join('')).replace(/"/g, '\\"');
    return `"${head}…" (${chars.length.toLocaleString('en-US')} characters)`;
}
/**
 * An error message as one printable line of bounded length: line breaks and invisible characters
 * shown as `\uXXXX`, the middle of an over-long message cut with a marker. The last line of
 * defence: messages quote values through {@link quoteValue} already.
 */
export function oneLineMessage(message, max = MAX_MESSAGE_LENGTH) {
    const line = visible(message);
    if (line.length <= max)
        return line;
    const keep = Math.floor((max - 40) / 2);
    return `${line.slice(0, keep)}… [${(line.length - 2 * keep).toLocaleString('en-US')} characters cut] …${line.slice(-keep)}`;
}
