import { execFileSync } from 'node:child_process';
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { UsageError, errorMessage, quoteValue } from '../util/errors.js';
import { MIB, formatBytes } from '../util/format.js';
import { checkResultDocument, checkStoredRun } from './document.js';
/**
 * Largest document perf-gate reads (result, baseline, report): 64 MiB. A result at the schema's
 * 1,000,000-sample cap takes about 17 MiB as written by perf-gate; anything far larger is not one
 * of our documents, and refusing it before parsing keeps a hostile file from costing minutes.
 */
export const MAX_DOCUMENT_BYTES = 64 * MIB;
const inside = (path, dir) => {
    const rel = relative(dir, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
/**
 * Where `path` really is, when reading it is allowed: a symbolic link is followed only when it
 * stays inside `root` (listed files), or inside the working directory or the link's own folder
 * (files named by the user). A link that leaves them is refused naming its target, so a link
 * committed in a pull request (`baselines/x.json -> /etc/passwd`) never makes perf-gate read, or
 * print, a file outside the checkout.
 */
async function resolveInput(path, what, options) {
    let info;
    try {
        info = await lstat(path);
    }
    catch (err) {
        throw new UsageError(`${what}: cannot read: ${errorMessage(err)}`, { cause: err });
    }
    if (!info.isSymbolicLink())
        return path;
    let real;
    try {
        real = await realpath(path);
    }
    catch (err) {
        throw new UsageError(`${what}: is a symbolic link that cannot be followed: ${errorMessage(err)}`, {
            cause: err,
        });
    }
    const allowed = options.root
        ? [await realpath(options.root).catch(() => resolve(options.root))]
        : [
            await realpath(process.cwd()).catch(() => process.cwd()),
            await realpath(dirname(path)).catch(() => resolve(dirname(path))),
        ];
    if (allowed.some((dir) => inside(real, dir)))
        return real;
    throw new UsageError(`${what}: is a symbolic link to ${quoteValue(real)}, outside ${options.root ? `the folder ${quoteValue(options.root)}` : 'the working directory'}; refusing to read it (copy the file instead of linking it)`);
}
/** Why JSON.parse failed, without quoting the text (V8's message quotes the start of the file). */
function describeJsonError(err, text) {
    const message = errorMessage(err);
    if (/end of JSON input/i.test(message))
        return 'it ends in the middle of a value';
    const at = /position (\d+)/.exec(message);
    if (at) {
        const pos = Number(at[1]);
        const before = text.slice(0, pos);
        const line = before.split('\n').length;
        const column = pos - before.lastIndexOf('\n');
        return `unexpected text at line ${line}, column ${column}`;
    }
    const first = /\S/.exec(text);
    return first && !/[[{"\-0-9tfn]/.test(first[0])
        ? 'it does not start with "{" or "[" (is it a JSON file?)'
        : 'unexpected text';
}
/**
 * Reads and parses a JSON file. `what` names the input, e.g. `--result "cur.json"`. The file must
 * be a regular file of at most {@link MAX_DOCUMENT_BYTES}; a UTF-8 byte order mark is skipped (RFC
 * 8259 section 8.1 lets a parser ignore it); symbolic links leaving the working directory (or
 * `root`) are refused. Error messages never quote the file's content.
 * @throws UsageError naming the input: missing, unreadable, not a file, too large, empty, or invalid (truncated) JSON.
 */
export async function readJsonFile(path, what, options = {}) {
    const real = await resolveInput(path, what, options);
    // Checked before opening: opening a FIFO for reading would wait for a writer forever.
    const kind = await stat(real).catch(() => undefined);
    if (kind && !kind.isFile())
        throw new UsageError(`${what}: is not a regular file`);
    let text;
    let handle;
    try {
        handle = await open(real, 'r');
    }
    catch (err) {
        throw new UsageError(`${what}: cannot read: ${errorMessage(err)}`, { cause: err });
    }
    try {
        const info = await handle.stat();
        if (!info.isFile())
            throw new UsageError(`${what}: is not a regular file`);
        if (info.size > MAX_DOCUMENT_BYTES) {
            throw new UsageError(`${what}: the file has ${formatBytes(info.size)}, more than the ${formatBytes(MAX_DOCUMENT_BYTES)} a perf-gate document may have`);
        }
        text = await handle.readFile('utf8');
    }
    catch (err) {
        if (err instanceof UsageError)
            throw err;
        throw new UsageError(`${what}: cannot read: ${errorMessage(err)}`, { cause: err });
    }
    finally {
        await handle.close();
    }
    if (text.charCodeAt(0) === 0xfeff)
        text = text.slice(1);
    if (text.trim() === '')
        throw new UsageError(`${what}: the file is empty`);
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new UsageError(`${what}: not valid JSON (truncated or corrupt?): ${describeJsonError(err, text)}`, {
            cause: err,
        });
    }
}
/** Reads a result document (perf-gate bench --out) and validates it against the result schema. */
export async function readResultFile(path, what) {
    return checkResultDocument(await readJsonFile(path, what), what);
}
/** Reads a result or baseline file (see {@link checkStoredRun}); `what` names the input and the file. */
export async function readStoredRun(path, what) {
    return checkStoredRun(await readJsonFile(path, what), what);
}
/**
 * The commit to record: GITHUB_SHA in GitHub Actions, else `git rev-parse HEAD` in `cwd`, else
 * undefined (not a git checkout, or git missing).
 */
export function currentCommit(env = process.env, cwd = process.cwd()) {
    const fromEnv = env.GITHUB_SHA?.trim();
    if (fromEnv)
        return fromEnv;
    try {
        const out = execFileSync('git', ['rev-parse', 'HEAD'], {
            cwd,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 5000,
        });
        const sha = out.trim();
        return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
    }
    catch {
        return undefined;
    }
}
