/**
 * Identifiers of the published schemas. Every document the tool writes names its schema with the
 * same URL in `$schema` as the schema's `$id`, so it means the same thing wherever the file is
 * copied (a relative path would only work inside this repository). Editors map the URL to the
 * file shipped in the package (`node_modules/yolo-perf-gate/schemas/`, see docs/architecture.md).
 */
export const SCHEMA_BASE_URL = 'https://yolo-perf-gate.dev/schemas/';
/** `https://yolo-perf-gate.dev/schemas/<name>.schema.json`. */
export function schemaUrl(name) {
    return `${SCHEMA_BASE_URL}${name}.schema.json`;
}
