import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BenchResultSchema } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { UsageError, errorMessage } from '../util/errors.js';
/**
 * Reads and parses a JSON file. `what` names the input, e.g. `--result "cur.json"`.
 * @throws UsageError naming the input: missing, unreadable, empty, or invalid (truncated) JSON.
 */
export async function readJsonFile(path, what) {
    let text;
    try {
        text = await readFile(path, 'utf8');
    }
    catch (err) {
        throw new UsageError(`${what}: cannot read: ${errorMessage(err)}`, { cause: err });
    }
    if (text.trim() === '')
        throw new UsageError(`${what}: the file is empty`);
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new UsageError(`${what}: not valid JSON (truncated or corrupt?): ${errorMessage(err)}`, {
            cause: err,
        });
    }
}
/** Reads a result document (perf-gate bench --out) and validates it against the result schema. */
export async function readResultFile(path, what) {
    return assertValid(BenchResultSchema, await readJsonFile(path, what), what);
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
