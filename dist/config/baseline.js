/**
 * Inputs of `perf-gate baseline update|show` and the defaults of baseline files (history length,
 * stored samples), parsed once.
 */
import { UsageError } from '../util/errors.js';
import { readBoolean, readInteger, readRequiredString, readString } from './reader.js';
/** Default number of run summaries kept in a baseline's `history`. */
export const DEFAULT_HISTORY_KEEP = 10;
/** Default cap on the latency samples stored with a baseline's representative run. */
export const DEFAULT_MAX_SAMPLES = 2000;
/** Default baselines folder. */
export const DEFAULT_BASELINES_DIR = 'baselines';
/** Parses an ISO 8601 date-time input. */
export function readDateTime(reader, name) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return undefined;
    if (Number.isNaN(Date.parse(raw)) || !/^\d{4}-\d{2}-\d{2}T/.test(raw)) {
        throw new UsageError(`${reader.label(name)}: expected an ISO 8601 date-time like 2024-05-01T12:00:00Z, got "${raw}"`);
    }
    return new Date(raw).toISOString();
}
/** Parses `baseline update`'s inputs. */
export function parseBaselineUpdateConfig(reader) {
    const commit = readString(reader, 'commit');
    const date = readDateTime(reader, 'date');
    return {
        resultPath: readRequiredString(reader, 'result'),
        baselinesDir: readString(reader, 'baselines', DEFAULT_BASELINES_DIR),
        keep: readInteger(reader, 'keep', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
        maxSamples: readInteger(reader, 'max-samples', DEFAULT_MAX_SAMPLES, { min: 10, max: 100_000 }),
        ...(commit ? { commit } : {}),
        ...(date ? { date } : {}),
        allowUnreliable: readBoolean(reader, 'force', false) || readBoolean(reader, 'allow-unreliable', false),
    };
}
/** Parses `baseline show`'s inputs (`file` is the positional argument). */
export function parseBaselineShowConfig(reader, file) {
    const model = readString(reader, 'model');
    return {
        ...(file ? { file } : {}),
        baselinesDir: readString(reader, 'baselines', DEFAULT_BASELINES_DIR),
        ...(model ? { model } : {}),
    };
}
