import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { UsageError, errorMessage } from '../util/errors.js';
/**
 * The lock that serialises read-modify-write updates of a baselines folder, across processes (and
 * across machines sharing the folder over a network filesystem).
 *
 * proper-lockfile takes the lock by creating a folder with mkdir(2), which is atomic on local and
 * network filesystems alike, and refreshes the folder's mtime every `staleMs / 2` while the holder
 * lives. A holder that was killed stops refreshing: once the mtime is older than `staleMs`, the next
 * waiter takes the lock over. Waiting is bounded; when the lock cannot be had in time the update
 * fails with an error naming the folder and the lock, and nothing is written.
 *
 * The whole folder is locked, not one file: an update lists every baseline to find the file that
 * holds its key (and to refuse duplicates), so two updates must not interleave anywhere in it.
 */
/** Name of the lock folder inside the baselines folder (hidden, not `.json`: lookups skip it). */
export const BASELINES_LOCK_NAME = '.perf-gate.lock';
/** Default longest wait for the lock. Updates take well under a second; this covers a long queue of matrix jobs. */
export const DEFAULT_LOCK_WAIT_MS = 120_000;
/** Default age after which a lock whose holder stopped refreshing it is taken over. */
export const DEFAULT_LOCK_STALE_MS = 10_000;
/** Path of the lock of baselines folder `dir`. */
export function baselinesLockPath(dir) {
    return join(dir, BASELINES_LOCK_NAME);
}
/**
 * Runs `work` while holding the lock of baselines folder `dir` (created when missing). `work`
 * receives `assertHeld`, to call right before it commits its write: it throws when the lock was
 * lost meanwhile (this process was stopped for longer than the stale time and another took over).
 * @throws UsageError when the folder cannot be created or the lock is not had within the wait.
 */
export async function withBaselinesLock(dir, work, options = {}) {
    const what = options.what ?? '--baselines';
    const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    const staleMs = Math.max(2000, options.staleMs ?? DEFAULT_LOCK_STALE_MS);
    const lockPath = baselinesLockPath(dir);
    try {
        await mkdir(dir, { recursive: true });
    }
    catch (err) {
        throw new UsageError(`${what}: cannot create the folder "${dir}": ${errorMessage(err)}`, { cause: err });
    }
    // Fixed, jittered retry intervals: the total wait is bounded by retries x maxTimeout.
    const interval = 100;
    const retries = Math.max(0, Math.ceil(waitMs / interval));
    let lost;
    let release;
    try {
        release = await lockfile.lock(dir, {
            lockfilePath: lockPath,
            realpath: false,
            stale: staleMs,
            retries: { retries, factor: 1, minTimeout: interval / 2, maxTimeout: interval, randomize: true },
            onCompromised: (err) => {
                lost = err;
            },
        });
    }
    catch (err) {
        if (err.code === 'ELOCKED') {
            throw new UsageError(`${what}: another perf-gate process has been updating "${dir}" for more than ${Math.round(waitMs / 1000)} s (lock "${lockPath}"); ` +
                `a lock whose process died is taken over after ${Math.round(staleMs / 1000)} s, so a lock this old belongs to a live process`, { cause: err });
        }
        throw new UsageError(`${what}: cannot lock "${dir}" (lock "${lockPath}"): ${errorMessage(err)}`, {
            cause: err,
        });
    }
    const assertHeld = () => {
        if (lost) {
            throw new UsageError(`${what}: lost the lock on "${dir}" (${errorMessage(lost)}); nothing was written, run the update again`);
        }
    };
    try {
        return await work(assertHeld);
    }
    finally {
        await release().catch(() => undefined);
    }
}
