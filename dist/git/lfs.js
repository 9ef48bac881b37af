/**
 * Turning a Git LFS pointer into the file it stands for: from the local LFS store when the object
 * is there (no git-lfs needed), else with `git lfs smudge` (which fetches it from the LFS server),
 * else one clear line naming `lfs: true`. The result is always checked against the pointer's sha256
 * and size, so a pointer (or a truncated download) is never handed on as a model.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createHash } from 'node:crypto';
import { formatBytes } from '../util/format.js';
import { UsageError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { GitError, gitSucceeds, gitText } from './git.js';
import { formatLfsPointer, lfsObjectPath } from './lfs-pointer.js';
/** The folder git-lfs keeps objects under: `lfs.storage` when set (relative to the git dir), else `<git dir>/lfs`. */
export async function lfsStorageDir(git, repo) {
    let configured = '';
    try {
        configured = await gitText(git, ['config', '--get', 'lfs.storage']);
    }
    catch (err) {
        if (!(err instanceof GitError && err.exitCode === 1))
            throw err; // 1: not set
    }
    if (configured === '')
        return join(repo.commonDir, 'lfs');
    return isAbsolute(configured) ? configured : resolve(repo.commonDir, configured);
}
/** True when `git lfs` runs (git-lfs installed where git finds it). */
export async function gitLfsAvailable(git) {
    try {
        return await gitSucceeds(git, ['lfs', 'version']);
    }
    catch {
        return false;
    }
}
function describe(p) {
    return `sha256:${p.oid.slice(0, 12)}…, ${formatBytes(p.size)}`;
}
/** Copies `from` to `to` (via a sibling partial file) and returns the sha256 of what was copied. */
async function copyHashing(from, to) {
    const hash = createHash('sha256');
    const partial = `${to}.partial-${process.pid}`;
    try {
        await pipeline(createReadStream(from), new Transform({
            transform(chunk, _enc, done) {
                hash.update(chunk);
                done(null, chunk);
            },
        }), createWriteStream(partial));
        await rename(partial, to);
    }
    catch (err) {
        await rm(partial, { force: true });
        throw err;
    }
    return hash.digest('hex');
}
async function matches(path, pointer) {
    const info = await stat(path).catch(() => undefined);
    return info?.size === pointer.size && (await sha256File(path)) === pointer.oid;
}
/**
 * Writes the file a pointer stands for to `request.out`.
 * @throws UsageError (one line naming `lfs: true`) when the object is neither in the local store nor
 *   fetchable with git-lfs, or what was found does not match the pointer.
 */
export async function resolveLfsPointer(git, repo, request, log = () => { }) {
    const { pointer, what, label, out } = request;
    const stored = join(await lfsStorageDir(git, repo), ...lfsObjectPath(pointer.oid));
    const storedInfo = await stat(stored).catch(() => undefined);
    if (storedInfo?.isFile() && storedInfo.size === pointer.size) {
        if ((await copyHashing(stored, out)) === pointer.oid)
            return 'local-store';
        await rm(out, { force: true });
        log(`${what}: the local LFS object ${stored} does not match its pointer; fetching it again`);
    }
    const intro = `${label}: ${what} is a Git LFS pointer (${describe(pointer)})`;
    if (!(await gitLfsAvailable(git))) {
        throw new UsageError(`${intro} and git-lfs is not installed to fetch it; install git-lfs and check out with \`lfs: true\` (actions/checkout)`);
    }
    log(`${what} is a Git LFS pointer: fetching ${describe(pointer)} with git lfs smudge`);
    try {
        await git.runToFile(['lfs', 'smudge', '--', request.path], out, {
            input: formatLfsPointer(pointer),
            // With this set (as some checkouts leave it) smudge passes the pointer through unchanged.
            env: { GIT_LFS_SKIP_SMUDGE: undefined },
            timeoutMs: 30 * 60_000,
        });
    }
    catch (err) {
        const why = err instanceof GitError ? err.reason : String(err);
        throw new UsageError(`${intro} whose object could not be fetched (git lfs smudge: ${why}); check out with \`lfs: true\` (actions/checkout) so git-lfs can reach the LFS server, or fetch the object first (git lfs fetch)`, { cause: err });
    }
    if (!(await matches(out, pointer))) {
        await rm(out, { force: true });
        throw new UsageError(`${intro}, and git lfs smudge did not produce the object it names; check out with \`lfs: true\` (actions/checkout) and make sure the LFS object was pushed`);
    }
    return 'git-lfs';
}
