/**
 * `model-command`: models built from code. The user's command (a shell command by design: they write
 * it in their workflow, like a `run:` step) runs once in a temporary git worktree of the base commit
 * and once in the pull request's checkout, each time with `PERF_GATE_MODEL_OUT` naming the file to
 * write. Its output is streamed with the side in front of every line; a failure names the side and
 * the exit code; the time is bounded.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { shortSha } from './base.js';
import { GitError } from './git.js';
import { readPointerFile } from './model-version.js';
/** The environment variable that names the file the command must write. */
export const MODEL_OUT_ENV = 'PERF_GATE_MODEL_OUT';
/** Also set: `base` or `head`, for commands that want to know. */
export const MODEL_SIDE_ENV = 'PERF_GATE_SIDE';
/** After the timeout, SIGTERM; after this grace, SIGKILL. */
const KILL_GRACE_MS = 5_000;
/**
 * The command's environment: the caller's, less the Action's own inputs (`INPUT_*`, among them
 * `INPUT_GITHUB-TOKEN`): the command runs the pull request's code and needs none of them.
 */
export function commandEnv(env) {
    return Object.fromEntries(Object.entries(env).filter(([k]) => !k.toUpperCase().startsWith('INPUT_')));
}
/** Splits a byte stream into lines and hands each to `emit` (the last, unterminated one at the end). */
function lineSplitter(emit) {
    let pending = '';
    return {
        push(chunk) {
            pending += chunk;
            let nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                emit(pending.slice(0, nl).replace(/\r$/, ''));
                pending = pending.slice(nl + 1);
            }
        },
        flush() {
            if (pending !== '')
                emit(pending);
            pending = '';
        },
    };
}
/**
 * Runs the command once and checks that it wrote a model (a non-empty file that is not an LFS
 * pointer) to `out`.
 * @throws UsageError naming the side, where it ran, and the exit code, the signal or the timeout.
 */
export async function runModelCommand(options) {
    const { command, side, label, where } = options;
    const prefix = `[${side}] `;
    const emit = (line) => options.onLine(prefix + line);
    const out = lineSplitter(emit);
    const err = lineSplitter(emit);
    if (!(await stat(options.cwd).catch(() => undefined))?.isDirectory()) {
        throw new UsageError(`${label}: cannot run ${where} (side: ${side}): folder "${options.cwd}" does not exist there`);
    }
    const child = spawn(command, {
        shell: true,
        cwd: options.cwd,
        env: { ...commandEnv(options.env ?? process.env), [MODEL_OUT_ENV]: options.out, [MODEL_SIDE_ENV]: side },
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a timeout ends the command's children too, not only the shell.
        detached: true,
    });
    const killGroup = (signal) => {
        try {
            if (child.pid !== undefined)
                process.kill(-child.pid, signal);
        }
        catch {
            // already gone
        }
    };
    child.stdout.setEncoding('utf8').on('data', (d) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d) => err.push(d));
    // When the shell exits, whatever it left running in its group goes with it: a background process
    // holding the output pipes would otherwise keep the run open until the time limit.
    child.on('exit', () => killGroup('SIGKILL'));
    let timedOut = false;
    let grace;
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup('SIGTERM');
        grace = setTimeout(() => killGroup('SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutMs);
    const { code, signal } = await new Promise((resolvePromise, reject) => {
        child.on('error', reject);
        child.on('close', (c, s) => resolvePromise({ code: c, signal: s }));
    }).finally(() => {
        clearTimeout(timer);
        if (grace)
            clearTimeout(grace);
        out.flush();
        err.flush();
    });
    const at = `in ${where}`;
    if (timedOut) {
        throw new UsageError(`${label}: stopped ${at} after the time limit of ${Math.round(options.timeoutMs / 1000)} s (side: ${side})`);
    }
    if (code !== 0) {
        const how = code === null ? `was killed by ${signal ?? 'a signal'}` : `failed with exit code ${code}`;
        throw new UsageError(`${label}: ${how} ${at} (side: ${side}); its output is above, prefixed [${side}]`);
    }
    const written = await stat(options.out).catch(() => undefined);
    if (!written?.isFile() || written.size === 0) {
        throw new UsageError(`${label}: exited 0 ${at} (side: ${side}) but wrote no model to $${MODEL_OUT_ENV} ("${options.out}")`);
    }
    if (await readPointerFile(options.out)) {
        throw new UsageError(`${label}: ${at} (side: ${side}) wrote a Git LFS pointer to $${MODEL_OUT_ENV}, not a model; check out with \`lfs: true\` (actions/checkout) so the files it reads are real`);
    }
}
/**
 * Runs `fn` in a temporary detached git worktree of `sha`, removed afterwards (also when `fn` or the
 * checkout fails). The folder is made under the system temp folder, outside the repository.
 */
export async function withWorktree(git, sha, fn, options) {
    const log = options.log ?? (() => { });
    const parent = await mkdtemp(join(tmpdir(), 'perf-gate-base-'));
    const dir = join(parent, 'worktree');
    try {
        try {
            await git.run(['worktree', 'add', '--detach', '--force', dir, sha]);
        }
        catch (err) {
            const why = err instanceof GitError ? err.reason : String(err);
            throw new UsageError(`${options.label}: cannot check out the base commit ${shortSha(sha)} in a worktree: ${why}`, {
                cause: err,
            });
        }
        log(`base commit ${shortSha(sha)} checked out in ${dir}`);
        return await fn(dir);
    }
    finally {
        await git.run(['worktree', 'remove', '--force', '--force', dir]).catch(() => undefined);
        await rm(parent, { recursive: true, force: true });
        // Forget a worktree whose folder is gone even if `remove` failed half-way.
        await git.run(['worktree', 'prune']).catch(() => undefined);
    }
}
/**
 * Builds the base commit's model (in a temporary worktree, in the same sub-folder as the working
 * directory) and the PR's model (in the working directory) with the user's command.
 */
export async function buildModelsWithCommand(options) {
    const { git, repo, baseCommit, command, outDir, timeoutMs, label, onLine } = options;
    const log = options.log ?? (() => { });
    const fileName = options.fileName ?? 'model.onnx';
    const base = join(outDir, 'base', fileName);
    const head = join(outDir, 'head', fileName);
    await mkdir(join(outDir, 'base'), { recursive: true });
    await mkdir(join(outDir, 'head'), { recursive: true });
    const env = options.env ?? process.env;
    await withWorktree(git, baseCommit.sha, async (dir) => {
        log(`${label}: building the base model (commit ${shortSha(baseCommit.sha)})`);
        await runModelCommand({
            command,
            side: 'base',
            cwd: join(dir, repo.prefix),
            out: base,
            timeoutMs,
            onLine,
            env,
            label,
            where: `the base worktree (commit ${shortSha(baseCommit.sha)})`,
        });
    }, { label, log });
    log(`${label}: building the head model`);
    await runModelCommand({
        command,
        side: 'head',
        cwd: git.cwd,
        out: head,
        timeoutMs,
        onLine,
        env,
        label,
        where: "the pull request's checkout",
    });
    const same = (await sha256File(base)) === (await sha256File(head));
    return { base, head, status: same ? 'unchanged' : 'changed' };
}
