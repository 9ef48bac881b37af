import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError, errorMessage } from '../util/errors.js';
/**
 * Writes `text` to `path` via an explicit temp file + fsync + rename (+ fsync of the folder), so a
 * reader (or a crash at any point) sees either the complete old file or the complete new one.
 * Same guarantee as src/util/atomic.ts (write-file-atomic), spelled out here so the step between the
 * finished temp file and the rename is observable in tests. The temp file is a hidden sibling ending
 * in `.tmp` (never `.json`, so baseline lookup ignores a leftover one).
 * @throws UsageError naming `what` and the path when the folder or file cannot be written.
 */
export async function writeFileDurably(path, text, options = {}) {
    const what = options.what ?? 'output';
    const dir = dirname(path);
    const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let tempCreated = false;
    try {
        await mkdir(dir, { recursive: true });
        const handle = await open(temp, 'wx', 0o644);
        tempCreated = true;
        try {
            await handle.writeFile(text, 'utf8');
            await handle.sync();
        }
        finally {
            await handle.close();
        }
        await options.beforeRename?.(temp);
        await rename(temp, path);
        tempCreated = false;
    }
    catch (err) {
        if (tempCreated)
            await unlink(temp).catch(() => undefined);
        throw new UsageError(`${what}: cannot write "${path}": ${errorMessage(err)}`, { cause: err });
    }
    // Persist the rename itself (best effort: not every platform can open a folder).
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
