import { UsageError, quoteValue } from '../util/errors.js';
/** An InputReader over parsed CLI options (commander's camelCase keys, values as strings). */
export function cliReader(options, aliases = {}) {
    const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    return {
        read(name) {
            const value = options[camel(name)];
            if (value === undefined || value === null || value === false)
                return undefined;
            if (value === true)
                return 'true';
            return Array.isArray(value) ? value.map(String).join(',') : String(value);
        },
        label: (name) => aliases[name] ?? `--${name}`,
    };
}
/**
 * An InputReader over a `getInput`-style function (injected, as @actions/core's getInput,
 * so tests pass a plain map and nothing reads the environment at import time).
 */
export function actionReader(getInput) {
    return {
        read: (name) => {
            const value = getInput(name).trim();
            return value === '' ? undefined : value;
        },
        label: (name) => `input "${name}"`,
    };
}
const quote = (value) => quoteValue(value);
function required(reader, name) {
    const value = reader.read(name);
    if (value === undefined || value.trim() === '')
        throw new UsageError(`${reader.label(name)}: is required`);
    return value.trim();
}
export function readString(reader, name, fallback) {
    const value = reader.read(name)?.trim();
    return value === undefined || value === '' ? fallback : value;
}
/** Required string. */
export function readRequiredString(reader, name) {
    return required(reader, name);
}
/** Integer within [min, max]; rejects "1.5", "1e3", "", "12abc". */
export function readInteger(reader, name, fallback, { min = -Infinity, max = Infinity } = {}) {
    const raw = reader.read(name)?.trim();
    if (raw === undefined || raw === '')
        return fallback;
    if (!/^[+-]?\d+$/.test(raw))
        throw new UsageError(`${reader.label(name)}: expected an integer, got ${quote(raw)}`);
    const value = Number(raw);
    // Past 2^53 a number is no longer an exact integer ("99999999999999999999" reads as 1e20).
    if (value < min || value > max || !Number.isSafeInteger(value)) {
        const range = max === Infinity ? `>= ${min}` : `between ${min} and ${max}`;
        throw new UsageError(`${reader.label(name)}: expected an integer ${range}, got ${quote(raw)}`);
    }
    return value;
}
/** Optional integer (undefined when absent). */
export function readOptionalInteger(reader, name, bounds = {}) {
    return reader.read(name)?.trim() ? readInteger(reader, name, 0, bounds) : undefined;
}
/** Finite number within [min, max] (plain decimal notation). */
export function readNumber(reader, name, fallback, { min = -Infinity, max = Infinity, exclusiveMin = false, } = {}) {
    const raw = reader.read(name)?.trim();
    if (raw === undefined || raw === '')
        return fallback;
    const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(value))
        throw new UsageError(`${reader.label(name)}: expected a number, got ${quote(raw)}`);
    if (value < min || value > max || (exclusiveMin && value === min)) {
        const lower = exclusiveMin ? `> ${min}` : `>= ${min}`;
        const range = max === Infinity ? lower : `${lower} and <= ${max}`;
        throw new UsageError(`${reader.label(name)}: expected a number ${range}, got ${quote(raw)}`);
    }
    return value;
}
/** Optional number (undefined when absent). */
export function readOptionalNumber(reader, name, bounds = {}) {
    return reader.read(name)?.trim() ? readNumber(reader, name, 0, bounds) : undefined;
}
/**
 * Strict boolean: "true"/"false" only (case-insensitive), as in the YAML 1.2 core schema that
 * @actions/core's getBooleanInput also follows; "yes", "1" and typos are errors, not false.
 */
export function readBoolean(reader, name, fallback) {
    const raw = reader.read(name)?.trim();
    if (raw === undefined || raw === '')
        return fallback;
    const lower = raw.toLowerCase();
    if (lower === 'true')
        return true;
    if (lower === 'false')
        return false;
    throw new UsageError(`${reader.label(name)}: expected true or false, got ${quote(raw)}`);
}
/** One of a fixed set of words. */
export function readChoice(reader, name, choices, fallback) {
    const raw = reader.read(name)?.trim();
    if (raw === undefined || raw === '')
        return fallback;
    if (choices.includes(raw))
        return raw;
    throw new UsageError(`${reader.label(name)}: expected one of ${choices.join(', ')}; got ${quote(raw)}`);
}
/** Largest value of one `--dim` (ONNX Runtime's dimensions are 32-bit in practice: 2^31 - 1). */
export const MAX_DIM_VALUE = 2 ** 31 - 1;
/** `name=value` pairs separated by commas or newlines, e.g. "batch=1,height=640". */
export function readDims(reader, name) {
    const raw = reader.read(name)?.trim();
    const dims = {};
    if (!raw)
        return dims;
    for (const part of raw
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const match = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
        if (!match || Number(match[2]) < 1) {
            throw new UsageError(`${reader.label(name)}: expected NAME=POSITIVE_INTEGER, got ${quote(part)}`);
        }
        if (Number(match[2]) > MAX_DIM_VALUE) {
            throw new UsageError(`${reader.label(name)}: expected a dimension between 1 and ${MAX_DIM_VALUE}, got ${quote(part)}`);
        }
        dims[match[1]] = Number(match[2]);
    }
    return dims;
}
