/**
 * Escaping for text that comes from the model, the repository or the environment (model names, node
 * names, GPU names, reasons, paths). Pure.
 *
 * `escapeMarkdown` makes a string inert in GitHub-flavoured Markdown, inline HTML and table cells: every
 * character with a meaning there becomes an HTML character reference (GitHub renders the character,
 * never its meaning), newlines and control characters become spaces, and the length is capped.
 *
 * Character references alone do not stop GitHub's own links: the renderer decodes `&#64;` back to `@`
 * before GitHub's post-processing looks for @mentions and #123 references (github/cmark-gfm#181), and
 * a bare `https://...` or `www....` is an autolink literal of the GFM spec (section 6.9, "Autolinks
 * (extension)"). So a zero-width space (U+200B, written `&#8203;`) goes where it breaks each pattern
 * GitHub documents ("Autolinked references and URLs", "Basic writing and formatting syntax:
 * Mentioning people and teams"):
 * - `@` before a letter or digit: `@login`, `@org/team`, `user@sha`, and e-mail addresses;
 * - `#` before a digit: `#123`, `owner/repo#123`; and `GH-` before a digit: `GH-123`;
 * - `scheme://`: after the colon; `www.`: before the dot;
 * - a word of 7 to 40 hexadecimal digits (a commit SHA reference): after its fourth digit.
 * The text reads the same; a name copied from the comment carries the invisible character.
 */
/** Zero-width space as a character reference: visible in the Markdown source, invisible when rendered. */
export const BREAK = '&#8203;';
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
// Placeholder for a break while the text is still raw (a private-use character: it cannot occur in
// the input, which had every invisible and private-use character replaced already).
const MARK = '\ue000';
const PRIVATE_USE = /[\ue000-\uf8ff]/g;
const REFERENCE_BREAKS = [
    [/@(?=[A-Za-z0-9])/g, `@${MARK}`],
    [/#(?=[0-9])/g, `#${MARK}`],
    [/\b(GH-)(?=[0-9])/gi, `$1${MARK}`],
    [/:(?=\/\/)/g, `:${MARK}`],
    [/\b(www)(?=\.)/gi, `$1${MARK}`],
    [/\b([0-9a-f]{4})(?=[0-9a-f]{3,36}\b)/gi, `$1${MARK}`],
];
/**
 * Inserts placeholders where GitHub would see a mention, a reference or an autolink (module comment).
 * Exported for the tests of the patterns.
 */
export function breakReferences(text, mark = MARK) {
    let out = text.replace(PRIVATE_USE, ' ');
    for (const [pattern, replacement] of REFERENCE_BREAKS)
        out = out.replace(pattern, replacement);
    return mark === MARK ? out : out.split(MARK).join(mark);
}
/** Makes any value safe to place anywhere in a Markdown body (text, table cell, HTML block). */
export function escapeMarkdown(value, maxLength = DEFAULT_VALUE_LENGTH) {
    const text = value === undefined || value === null ? '' : String(value);
    return breakReferences(truncate(text.replace(INVISIBLE, ' '), maxLength))
        .replace(MARKDOWN_SPECIAL, (c) => MARKDOWN_ESCAPES[c] ?? c)
        .split(MARK)
        .join(BREAK);
}
/**
 * A value as an inline code span: shown literally (no character references, so `my_model_v2` reads
 * as typed), one line, capped. GitHub links no mention, reference or URL inside code. The fence is
 * one backtick longer than the longest run inside, with a space on each side when the text starts or
 * ends with a backtick (CommonMark 0.31, section 6.1). In a table cell (`inTable`) `|` is written `\|`,
 * which GFM removes before it parses the cell (GFM spec, section 4.10), so it cannot split the row.
 */
export function codeSpan(value, maxLength = DEFAULT_VALUE_LENGTH, { inTable = false } = {}) {
    const raw = value === undefined || value === null ? '' : String(value);
    let text = truncate(raw.replace(INVISIBLE, ' '), maxLength);
    if (inTable)
        text = text.replace(/\|/g, '\\|');
    if (text.trim() === '')
        return '` `';
    const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
    const fence = '`'.repeat(longest + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text}${pad}${fence}`;
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
