import { writeFileAtomically } from '../util/atomic.js';
/**
 * Writes a baseline file: {@link writeFileAtomically} (temp file, fsync, rename, folder fsync; a
 * link at the target is replaced, never followed), with the step between the finished temp file
 * and the rename observable in tests. The temp file is hidden and does not end in `.json`, so
 * baseline lookup ignores a leftover one, and the next write into the folder removes it.
 * @throws UsageError naming `what` and the path when the folder or file cannot be written.
 */
export async function writeFileDurably(path, text, options = {}) {
    const hook = options.beforeRename;
    await writeFileAtomically(path, text, options.what ?? 'output', {
        ...(hook ? { beforeRename: (temps) => hook(temps[0]) } : {}),
    });
}
