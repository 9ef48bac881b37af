import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UsageError } from '../util/errors.js';
import { GitError, gitText } from './git.js';
/**
 * Opens the repository around `git.cwd`.
 * @param label the input that asked for git (e.g. `input "baseline"`), for the error message.
 * @throws UsageError when git cannot start or the folder is not in a git working tree.
 */
export async function openRepository(git, label) {
    let lines;
    try {
        lines = (await gitText(git, [
            'rev-parse',
            '--show-toplevel',
            '--show-prefix',
            '--git-common-dir',
            '--is-shallow-repository',
        ])).split('\n');
    }
    catch (err) {
        const why = err instanceof GitError ? err.reason : String(err);
        throw new UsageError(`${label}: comparing with the base commit needs a git checkout, but git in "${git.cwd}" says: ${why}`, { cause: err });
    }
    // --show-prefix prints an empty line at the top level; trim() in gitText may drop the last one.
    const [root = '', prefix = '', commonDir = '', shallow = ''] = lines;
    return {
        root: await realpath(root),
        prefix,
        commonDir: await realpath(resolve(git.cwd, commonDir)),
        shallow: shallow.trim() === 'true',
    };
}
/** `path` with symlinks resolved as far as it exists (a file deleted from the working tree still maps). */
async function realpathLoose(path) {
    try {
        return await realpath(path);
    }
    catch {
        const parent = dirname(path);
        if (parent === path)
            return path;
        return resolve(await realpathLoose(parent), basename(path));
    }
}
/**
 * The path git knows a file by (relative to the repository root, `/` separators), from a path as the
 * user wrote it (relative to the working directory, or absolute).
 * @throws UsageError naming `label` when the file lies outside the repository.
 */
export async function pathInRepository(repo, cwd, path, label) {
    const absolute = await realpathLoose(isAbsolute(path) ? path : resolve(cwd, path));
    const rel = relative(repo.root, absolute);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
        throw new UsageError(`${label}: "${path}" is outside the git repository "${repo.root}", so it has no version at the base commit`);
    }
    return rel.split(sep).join('/');
}
