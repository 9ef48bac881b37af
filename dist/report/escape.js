/**
 * Escaping for text that comes from the model, the repository or the environment (model names, node
 * names, GPU names, reasons, paths). Pure.
 *
 * `escapeMarkdown` makes a string inert in GitHub-flavoured Markdown, inline HTML and table cells: every
 * character with a meaning there becomes an HTML character reference (GitHub renders the character,
 * never its meaning), newlines and control characters become spaces, and the length is capped.
 */
const MARKDOWN_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '|': '&#124;',
    '`': '&#96;',
    '[': '&#91;',
    ']': '&#93;',
    '*': '&#42;',
    _: '&#95;',
    '~': '&#126;',
    '\\': '&#92;',
    '#': '&#35;',
    '@': '&#64;',
    $: '&#36;',
};
const MARKDOWN_SPECIAL = /[&<>|`[\]*_~\\#@$]/g;
// C0/C1 controls, line/paragraph separators, bidi overrides and zero-width characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]+/g;
/** Default cap on one escaped value (before escaping), in characters. */
export const DEFAULT_VALUE_LENGTH = 200;
/** Cuts `text` to `max` characters with a trailing ellipsis. */
export function truncate(text, max) {
    const chars = Array.from(text);
    return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}
/** Makes any value safe to place anywhere in a Markdown body (text, table cell, HTML block). */
export function escapeMarkdown(value, maxLength = DEFAULT_VALUE_LENGTH) {
    const text = value === undefined || value === null ? '' : String(value);
    return truncate(text.replace(INVISIBLE, ' '), maxLength).replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ESCAPES[c] ?? c);
}
/**
 * A Mermaid label: letters, digits, space and `.-/+` only (everything else becomes `_`), so it cannot
 * close the quoted string, start a directive or inject HTML into the rendered SVG.
 */
export function escapeMermaidLabel(value, maxLength = 32) {
    const text = value === undefined || value === null ? '' : String(value);
    const safe = truncate(text.replace(INVISIBLE, ' '), maxLength)
        .replace(/[^A-Za-z0-9 .\-/+…]/g, '_')
        .trim();
    return safe === '' ? '_' : safe;
}
/**
 * A fenced code block holding `text` verbatim (control characters removed): the fence is longer than
 * any run of backticks in the text, so the text cannot close it. Code blocks render literally, so
 * HTML and Markdown inside are inert.
 */
export function codeBlock(text, lang = '') {
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
    const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}${lang}\n${clean}\n${fence}`;
}
/** A Markdown link when `url` is a plain http(s) URL; otherwise the escaped text (never a link). */
export function safeLink(text, url) {
    if (url && /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]+$/.test(url) && !/[()[\]<>`"]/.test(url)) {
        return `[${escapeMarkdown(text)}](${url})`;
    }
    return url ? `${escapeMarkdown(text)} (${escapeMarkdown(url)})` : escapeMarkdown(text);
}
