/**
 * Stable, diff-friendly JSON: object keys in schema order (keys the schema does not name, e.g. in
 * records or loosely typed parts, follow sorted by code point), two-space indentation, and long arrays of numbers written `perLine` values
 * to a line, so a baseline update in a PR shows as a few changed lines rather than thousands.
 * The output is plain JSON (JSON.parse reads it back to an equal value).
 */
export function stableJson(value, schema, perLine = 10) {
    return `${write(order(value, schema), '', perLine)}\n`;
}
function order(value, schema) {
    const s = schema;
    if (Array.isArray(value))
        return value.map((v) => order(v, s?.items));
    if (value === null || typeof value !== 'object')
        return value;
    const obj = value;
    const props = {};
    for (const sub of [s, ...(s?.allOf ?? []), ...(s?.anyOf ?? [])]) {
        for (const [k, v] of Object.entries(sub?.properties ?? {}))
            if (!(k in props))
                props[k] = v;
    }
    const out = {};
    for (const k of Object.keys(props))
        if (k in obj)
            out[k] = order(obj[k], props[k]);
    for (const k of Object.keys(obj).sort())
        if (!(k in out))
            out[k] = order(obj[k], undefined);
    return out;
}
function write(value, indent, perLine) {
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
        if (value.length === 0)
            return '[]';
        if (value.every((v) => typeof v === 'number')) {
            const nums = value.map((v) => JSON.stringify(v));
            if (nums.length <= perLine)
                return `[${nums.join(', ')}]`;
            const lines = [];
            for (let i = 0; i < nums.length; i += perLine)
                lines.push(inner + nums.slice(i, i + perLine).join(', '));
            return `[\n${lines.join(',\n')}\n${indent}]`;
        }
        return `[\n${value.map((v) => inner + write(v === undefined ? null : v, inner, perLine)).join(',\n')}\n${indent}]`;
    }
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        if (entries.length === 0)
            return '{}';
        return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, perLine)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
