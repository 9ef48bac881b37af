/**
 * The one place that starts git: a small interface ({@link Git}) over `execFile`/`spawn` with an
 * argument vector, never a shell string, so a path or ref from the user cannot become a command.
 * Everything else in src/git receives a `Git` and can be pointed at any repository (tests make real
 * ones in temp folders).
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
/** A git command that failed: its arguments, exit code and what it printed on stderr. */
export class GitError extends Error {
    args;
    exitCode;
    stderr;
    name = 'GitError';
    constructor(args, 
    /** Exit code; `undefined` when git could not start or was killed. */
    exitCode, stderr, options) {
        super(`git ${args.join(' ')} failed${exitCode !== undefined ? ` (exit ${exitCode})` : ''}: ${reasonLine(stderr)}`, options);
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
    /** The line of git's stderr that says what went wrong (for one-line messages). */
    get reason() {
        return reasonLine(this.stderr);
    }
}
/**
 * The first line that reports an error (`fatal: …`, `error: …`, `Error downloading …`), else the
 * first non-empty one: git-lfs prints progress ("Downloading x (1 MB)") before its error line.
 * Cut at 300 characters so a message stays one readable line.
 */
export function reasonLine(stderr) {
    const lines = stderr
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '');
    const line = lines.find((l) => /\b(fatal|error)\b/i.test(l)) ?? lines[0] ?? '(no message)';
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
/** Git output larger than this is an error, not an allocation: blobs go through `runToFile`. */
const MAX_BUFFER = 64 * 1024 * 1024;
function mergeEnv(base, extra) {
    const env = {
        ...base,
        // Never wait for a password on a terminal nobody watches; fail and say so instead.
        GIT_TERMINAL_PROMPT: '0',
    };
    for (const [k, v] of Object.entries(extra ?? {})) {
        if (v === undefined)
            delete env[k];
        else
            env[k] = v;
    }
    return env;
}
/** A {@link Git} that runs the real git executable as a subprocess. */
export function createGit(options) {
    const binary = options.binary ?? 'git';
    const baseEnv = options.env ?? process.env;
    const cwd = options.cwd;
    const run = (args, runOptions = {}) => new Promise((resolvePromise, reject) => {
        const child = execFile(binary, [...args], {
            cwd,
            env: mergeEnv(baseEnv, runOptions.env),
            encoding: 'buffer',
            maxBuffer: MAX_BUFFER,
            ...(runOptions.timeoutMs !== undefined ? { timeout: runOptions.timeoutMs } : {}),
        }, (err, stdout, stderr) => {
            const errText = stderr.toString('utf8');
            if (err) {
                const code = typeof err.code === 'number' ? err.code : undefined;
                const why = code === undefined && err.killed ? `killed after ${runOptions.timeoutMs} ms` : '';
                reject(new GitError(args, code, errText || why || err.message, { cause: err }));
            }
            else {
                resolvePromise({ stdout, stderr: errText });
            }
        });
        // git may exit before reading its input (a failed command); its exit code says why.
        child.stdin?.on('error', () => { });
        if (runOptions.input !== undefined)
            child.stdin?.end(runOptions.input);
        else
            child.stdin?.end();
    });
    const runToFile = async (args, path, runOptions = {}) => {
        const partial = `${path}.partial-${process.pid}`;
        const child = spawn(binary, [...args], {
            cwd,
            env: mergeEnv(baseEnv, runOptions.env),
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d) => {
            if (stderr.length < 64 * 1024)
                stderr += d;
        });
        const timer = runOptions.timeoutMs !== undefined
            ? setTimeout(() => child.kill('SIGKILL'), runOptions.timeoutMs)
            : undefined;
        const exited = new Promise((resolveExit, rejectExit) => {
            child.on('error', rejectExit);
            child.on('close', (code) => resolveExit(code ?? undefined));
        });
        child.stdin.on('error', () => { }); // git may exit before reading its input; the exit code says why
        if (runOptions.input !== undefined)
            child.stdin.end(runOptions.input);
        else
            child.stdin.end();
        try {
            const [, code] = await Promise.all([pipeline(child.stdout, createWriteStream(partial)), exited]);
            if (code !== 0)
                throw new GitError(args, code, stderr);
            await rename(partial, path);
        }
        catch (err) {
            await rm(partial, { force: true });
            if (err instanceof GitError)
                throw err;
            throw new GitError(args, undefined, stderr || String(err), { cause: err });
        }
        finally {
            if (timer)
                clearTimeout(timer);
        }
    };
    return {
        cwd,
        run,
        runToFile,
        at: (dir) => createGit({ ...options, cwd: dir }),
    };
}
/** `git ARGS` trimmed stdout as text. */
export async function gitText(git, args, options) {
    return (await git.run(args, options)).stdout.toString('utf8').trim();
}
/** True when `git ARGS` exits 0; false on a non-zero exit (other failures, e.g. no git at all, throw). */
export async function gitSucceeds(git, args) {
    try {
        await git.run(args);
        return true;
    }
    catch (err) {
        if (err instanceof GitError && err.exitCode !== undefined)
            return false;
        throw err;
    }
}
