/**
 * Loads and compiles the Handlebars templates of the Markdown report (the I/O edge of src/report).
 * Default: templates/comment.md.hbs with the partials in templates/partials/ (resolved next to the
 * package, so it works from src/ and dist/). A custom template may use those partials; partials in a
 * `partials/` folder next to it override them.
 */
import Handlebars from 'handlebars';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, errorMessage } from '../util/errors.js';
import { escapeMarkdown, escapeMermaidLabel } from './escape.js';
import { formatBytes, formatMs, formatChange } from '../util/format.js';
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const DEFAULT_TEMPLATE_PATH = join(DEFAULT_TEMPLATE_DIR, 'comment.md.hbs');
/** Handlebars' messages span lines (source excerpt, caret); one line for the CLI. */
const oneLine = (msg) => msg
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ⏎ ');
function readTemplate(path, what) {
    try {
        return readFileSync(path, 'utf8');
    }
    catch (err) {
        throw new UsageError(`${what} "${path}": cannot read: ${errorMessage(err)}`, { cause: err });
    }
}
function parse(hb, source, path, what) {
    try {
        hb.parse(source);
    }
    catch (err) {
        throw new UsageError(`${what} "${path}": Handlebars syntax error: ${oneLine(errorMessage(err))}`, {
            cause: err,
        });
    }
}
function partialsIn(dir) {
    if (!existsSync(dir))
        return [];
    return readdirSync(dir)
        .filter((n) => n.endsWith('.hbs'))
        .sort()
        .map((n) => [n.replace(/\.hbs$/, ''), join(dir, n)]);
}
/** A Handlebars instance with the report helpers: `md` (escape), `mermaid` (label), `ms`, `bytes`, `pct`. */
export function createHandlebars() {
    const hb = Handlebars.create();
    hb.registerHelper('md', (value) => escapeMarkdown(value));
    hb.registerHelper('mermaid', (value) => escapeMermaidLabel(value));
    hb.registerHelper('ms', (value) => formatMs(Number(value)));
    hb.registerHelper('bytes', (value) => formatBytes(Number(value)));
    hb.registerHelper('pct', (value) => formatChange(Number(value)));
    return hb;
}
const cache = new Map();
/**
 * Compiles the template at `templatePath` (default: the built-in one) with the partials.
 * @throws UsageError naming the template (or partial) file for a missing file or a syntax error.
 */
export function loadTemplate(templatePath) {
    const path = templatePath ?? DEFAULT_TEMPLATE_PATH;
    const cached = templatePath === undefined ? cache.get(path) : undefined;
    if (cached)
        return cached;
    const hb = createHandlebars();
    const partials = new Map(partialsIn(join(DEFAULT_TEMPLATE_DIR, 'partials')));
    if (templatePath !== undefined)
        for (const [name, p] of partialsIn(join(dirname(templatePath), 'partials')))
            partials.set(name, p);
    for (const [name, p] of partials) {
        const src = readTemplate(p, 'template partial');
        parse(hb, src, p, 'template partial');
        hb.registerPartial(name, src);
    }
    const source = readTemplate(path, '--template');
    parse(hb, source, path, '--template');
    const compiled = hb.compile(source, { noEscape: true });
    const template = {
        path,
        render(data) {
            try {
                return compiled(data);
            }
            catch (err) {
                throw new UsageError(`--template "${path}": cannot render: ${oneLine(errorMessage(err))}`, {
                    cause: err,
                });
            }
        },
    };
    if (templatePath === undefined)
        cache.set(path, template);
    return template;
}
