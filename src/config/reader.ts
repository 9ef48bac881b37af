import { UsageError, quoteValue } from '../util/errors.js';

/**
 * Where raw input strings come from: CLI flags or `INPUT_*` variables of a GitHub Action.
 * `read` returns undefined (or '') when the input was not given; `label` names the input the
 * way the user wrote it (`--iterations` for the CLI, `input "iterations"` for the Action), so
 * every error message points at the user's own words.
 */
export interface InputReader {
  read(name: string): string | undefined;
  label(name: string): string;
}

/** An InputReader over parsed CLI options (commander's camelCase keys, values as strings). */
export function cliReader(
  options: Record<string, unknown>,
  aliases: Record<string, string> = {},
): InputReader {
  const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return {
    read(name) {
      const value = options[camel(name)];
      if (value === undefined || value === null || value === false) return undefined;
      if (value === true) return 'true';
      return Array.isArray(value) ? value.map(String).join(',') : String(value);
    },
    label: (name) => aliases[name] ?? `--${name}`,
  };
}

/**
 * An InputReader over a `getInput`-style function (injected, as @actions/core's getInput,
 * so tests pass a plain map and nothing reads the environment at import time).
 */
export function actionReader(getInput: (name: string) => string): InputReader {
  return {
    read: (name) => {
      const value = getInput(name).trim();
      return value === '' ? undefined : value;
    },
    label: (name) => `input "${name}"`,
  };
}

const quote = (value: string): string => quoteValue(value);

function required(reader: InputReader, name: string): string {
  const value = reader.read(name);
  if (value === undefined || value.trim() === '') throw new UsageError(`${reader.label(name)}: is required`);
  return value.trim();
}

/** Optional string, trimmed; undefined when absent. */
export function readString(reader: InputReader, name: string): string | undefined;
export function readString(reader: InputReader, name: string, fallback: string): string;
export function readString(reader: InputReader, name: string, fallback?: string): string | undefined {
  const value = reader.read(name)?.trim();
  return value === undefined || value === '' ? fallback : value;
}

/** Required string. */
export function readRequiredString(reader: InputReader, name: string): string {
  return required(reader, name);
}

/** Integer within [min, max]; rejects "1.5", "1e3", "", "12abc". */
export function readInteger(
  reader: InputReader,
  name: string,
  fallback: number,
  { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {},
): number {
  const raw = reader.read(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
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
export function readOptionalInteger(
  reader: InputReader,
  name: string,
  bounds: { min?: number; max?: number } = {},
): number | undefined {
  return reader.read(name)?.trim() ? readInteger(reader, name, 0, bounds) : undefined;
}

/** Finite number within [min, max] (plain decimal notation). */
export function readNumber(
  reader: InputReader,
  name: string,
  fallback: number,
  {
    min = -Infinity,
    max = Infinity,
    exclusiveMin = false,
  }: { min?: number; max?: number; exclusiveMin?: boolean } = {},
): number {
  const raw = reader.read(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
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
export function readOptionalNumber(
  reader: InputReader,
  name: string,
  bounds: { min?: number; max?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  return reader.read(name)?.trim() ? readNumber(reader, name, 0, bounds) : undefined;
}

/**
 * Strict boolean: "true"/"false" only (case-insensitive), as in the YAML 1.2 core schema that
 * @actions/core's getBooleanInput also follows; "yes", "1" and typos are errors, not false.
 */
export function readBoolean(reader: InputReader, name: string, fallback: boolean): boolean {
  const raw = reader.read(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new UsageError(`${reader.label(name)}: expected true or false, got ${quote(raw)}`);
}

/** One of a fixed set of words. */
export function readChoice<const T extends string>(
  reader: InputReader,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const raw = reader.read(name)?.trim();
  if (raw === undefined || raw === '') return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${reader.label(name)}: expected one of ${choices.join(', ')}; got ${quote(raw)}`);
}

/** Largest value of one `--dim` (ONNX Runtime's dimensions are 32-bit in practice: 2^31 - 1). */
export const MAX_DIM_VALUE = 2 ** 31 - 1;

/** `name=value` pairs separated by commas or newlines, e.g. "batch=1,height=640". */
export function readDims(reader: InputReader, name: string): Record<string, number> {
  const raw = reader.read(name)?.trim();
  const dims: Record<string, number> = {};
  if (!raw) return dims;
  for (const part of raw
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
    if (!match || Number(match[2]) < 1) {
      throw new UsageError(`${reader.label(name)}: expected NAME=POSITIVE_INTEGER, got ${quote(part)}`);
    }
    if (Number(match[2]) > MAX_DIM_VALUE) {
      throw new UsageError(
        `${reader.label(name)}: expected a dimension between 1 and ${MAX_DIM_VALUE}, got ${quote(part)}`,
      );
    }
    dims[match[1] as string] = Number(match[2]);
  }
  return dims;
}
