import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Static, TSchema } from '@sinclair/typebox';
import { UsageError } from '../util/errors.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Formats ajv's errors as `path: message` fragments, the first few only, for one-line messages. */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, max = 3): string {
  if (!errors || errors.length === 0) return 'unknown schema error';
  const parts = errors.slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return errors.length > max ? `${parts.join('; ')}; and ${errors.length - max} more` : parts.join('; ');
}

/** Returns the list of problems of `value` against `schema` (empty when valid). */
export function schemaProblems(schema: TSchema, value: unknown): string[] {
  const validate = validatorFor(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/**
 * Validates `value` against a TypeBox schema with ajv and returns it typed.
 * @param what names the document for the error, e.g. `--current "cur.json"`.
 * @throws UsageError naming the document and the first schema violations.
 */
export function assertValid<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  const validate = validatorFor(schema);
  if (!validate(value)) {
    throw new UsageError(`${what}: does not match the schema: ${describeSchemaErrors(validate.errors)}`);
  }
  return value as Static<S>;
}
