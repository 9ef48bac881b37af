import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { UsageError, errorMessage } from './errors.js';
import { sha256 } from './hash.js';
/**
 * Atomic file writes: a reader (or a crash at any point) sees either the complete old file or the
 * complete new one, never a prefix.
 *
 * How: the data goes to a hidden temp file beside the target (same folder, so the same
 * filesystem), opened with O_CREAT|O_EXCL (it never follows or reuses an existing path), fsynced,
 * then renamed over the target, and the folder is fsynced. rename(2) replaces whatever entry is at
 * the target, a symbolic link included, without following it: a link planted at `--out` is
 * replaced by a regular file, its target is never written (write-file-atomic, used before, resolved
 * the link first and overwrote what it pointed to).
 *
 * Temp names are `.<target>.<host>.<pid>.<random>.perf-gate.tmp`. A SIGKILL between creating the
 * temp file and the rename cannot be caught, so the next write into that folder removes the temp
 * files that this host's dead processes left ({@link sweepStaleTempFiles}); readers ignore them
 * (hidden, not `.json`). Temps of a process that ends normally are removed at exit.
 */
const TEMP_SUFFIX = '.perf-gate.tmp';
/** Eight hex digits naming this host, so a sweep never judges another machine's pids (shared folders). */
const HOST_TAG = sha256(hostname()).slice(0, 8);
const TEMP_NAME = /^\..+\.([0-9a-f]{8})\.(\d+)\.[0-9a-f]{8}\.perf-gate\.tmp$/;
/** Temp files this process has created and not yet renamed or removed. */
const pending = new Set();
let exitHook = false;
function track(path) {
    pending.add(path);
    if (exitHook)
        return;
    exitHook = true;
    // A normal exit (process.exit in the middle of a write included) removes what it left behind.
    process.once('exit', () => {
        for (const p of pending) {
            try {
                unlinkSync(p);
            }
            catch {
                /* already gone */
            }
        }
    });
}
/** The temp path for writing `path` (exported for tests and for the sweep's pattern). */
export function tempPathFor(path) {
    return join(dirname(path), `.${basename(path)}.${HOST_TAG}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}
/** True when a process with this id exists (EPERM: it exists but belongs to another user). */
function processAlive(pid) {
    if (pid === process.pid)
        return true;
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Removes the temp files in `dir` that a process of this host left when it was killed before its
 * rename (its pid no longer exists). Best effort: failures are ignored. Returns the names removed.
 */
export async function sweepStaleTempFiles(dir) {
    let names;
    try {
        names = await readdir(dir);
    }
    catch {
        return [];
    }
    const removed = [];
    for (const name of names) {
        if (!name.endsWith(TEMP_SUFFIX))
            continue;
        const m = TEMP_NAME.exec(name);
        if (!m || m[1] !== HOST_TAG || processAlive(Number(m[2])))
            continue;
        try {
            await unlink(join(dir, name));
            removed.push(name);
        }
        catch {
            /* removed by another sweeper, or not ours to remove */
        }
    }
    return removed;
}
async function writeTemp(file) {
    const dir = dirname(file.path);
    await mkdir(dir, { recursive: true });
    await sweepStaleTempFiles(dir);
    const temp = tempPathFor(file.path);
    const handle = await open(temp, 'wx', 0o644);
    track(temp);
    try {
        try {
            await handle.writeFile(file.data);
            await handle.sync();
        }
        finally {
            await handle.close();
        }
    }
    catch (err) {
        // A partial temp file (a full disk) goes at once, not at exit.
        await discard([temp]);
        throw err;
    }
    return temp;
}
async function syncDir(dir) {
    // Persists the rename itself (best effort: not every platform can open a folder).
    try {
        const d = await open(dir, 'r');
        try {
            await d.sync();
        }
        finally {
            await d.close();
        }
    }
    catch {
        /* ignore */
    }
}
async function discard(temps) {
    for (const t of temps) {
        await unlink(t).catch(() => undefined);
        pending.delete(t);
    }
}
const failure = (file, err) => new UsageError(`${file.what ?? 'output'}: cannot write "${file.path}": ${errorMessage(err)}`, {
    cause: err,
});
/**
 * Writes several files as a set: every temp file first, then the renames. When any temp file
 * cannot be written (a full disk, a folder that vanished), none of the targets is touched and every
 * temp file is removed, so a failed run never leaves some of its outputs new and others old or
 * missing. The renames themselves need no new space; one that still fails (the target became a
 * folder) is reported, and the temps not yet renamed are removed.
 * @throws UsageError naming the input and path of the file that failed.
 */
export async function writeFilesAtomically(files, options = {}) {
    const temps = [];
    for (const file of files) {
        try {
            temps.push(await writeTemp(file));
        }
        catch (err) {
            await discard(temps);
            throw failure(file, err);
        }
    }
    try {
        await options.beforeRename?.([...temps]);
    }
    catch (err) {
        await discard(temps);
        throw err;
    }
    for (const [i, file] of files.entries()) {
        const temp = temps[i];
        try {
            await rename(temp, file.path);
            pending.delete(temp);
        }
        catch (err) {
            await discard(temps.slice(i));
            throw failure(file, err);
        }
    }
    for (const dir of new Set(files.map((f) => dirname(f.path))))
        await syncDir(dir);
}
/**
 * Writes `data` to `path` atomically (see the module comment): temp file, fsync, rename, never
 * through a symbolic link at `path`.
 *
 * @param what names the input the path came from (e.g. `--out`) so a failure says which option was bad.
 * @throws UsageError when the folder cannot be created or the file cannot be written.
 */
export async function writeFileAtomically(path, data, what = 'output', options = {}) {
    await writeFilesAtomically([{ path, data, what }], options);
}
/** JSON with two-space indentation and a final newline: stable, diff-friendly files. */
export function toPrettyJson(value) {
    return `${JSON.stringify(value, null, 2)}\n`;
}
/**
 * Fails early (before a long benchmark) when `path` cannot be written: its folder must exist or
 * be creatable, and be writable; an existing directory at `path` is rejected.
 */
export async function assertWritableTarget(path, what = 'output') {
    const { access, lstat, stat } = await import('node:fs/promises');
    const { constants } = await import('node:fs');
    // lstat: a link at the target is replaced, not followed, so what it points to does not matter.
    const existing = await lstat(path).catch(() => undefined);
    if (existing?.isDirectory())
        throw new UsageError(`${what}: "${path}" is a directory, expected a file path`);
    let dir = dirname(path);
    // Walk up to the first existing ancestor: mkdir -p will create the rest.
    for (;;) {
        const info = await stat(dir).catch(() => undefined);
        if (info) {
            if (!info.isDirectory())
                throw new UsageError(`${what}: cannot write "${path}": "${dir}" is not a directory`);
            break;
        }
        const parent = dirname(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    try {
        await access(dir, constants.W_OK);
    }
    catch {
        throw new UsageError(`${what}: cannot write "${path}": folder "${dir}" is not writable`);
    }
}
