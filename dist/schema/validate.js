import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { UsageError } from '../util/errors.js';
// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule.default ?? addFormatsModule;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new WeakMap();
function validatorFor(schema) {
    let validate = compiled.get(schema);
    if (!validate) {
        validate = ajv.compile(schema);
        compiled.set(schema, validate);
    }
    return validate;
}
/** Formats ajv's errors as `path: message` fragments, the first few only, for one-line messages. */
export function describeSchemaErrors(errors, max = 3) {
    if (!errors || errors.length === 0)
        return 'unknown schema error';
    const parts = errors.slice(0, max).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
    return errors.length > max ? `${parts.join('; ')}; and ${errors.length - max} more` : parts.join('; ');
}
/** Returns the list of problems of `value` against `schema` (empty when valid). */
export function schemaProblems(schema, value) {
    const validate = validatorFor(schema);
    if (validate(value))
        return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
/**
 * Validates `value` against a TypeBox schema with ajv and returns it typed.
 * @param what names the document for the error, e.g. `--current "cur.json"`.
 * @throws UsageError naming the document and the first schema violations.
 */
export function assertValid(schema, value, what) {
    const validate = validatorFor(schema);
    if (!validate(value)) {
        throw new UsageError(`${what}: does not match the schema: ${describeSchemaErrors(validate.errors)}`);
    }
    return value;
}
