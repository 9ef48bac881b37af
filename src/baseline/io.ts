import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { BenchResultSchema, type BenchResult } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { UsageError, errorMessage } from '../util/errors.js';
import { checkStoredRun, type StoredRun } from './document.js';

/**
 * Reads and parses a JSON file. `what` names the input, e.g. `--result "cur.json"`.
 * @throws UsageError naming the input: missing, unreadable, empty, or invalid (truncated) JSON.
 */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(`${what}: cannot read: ${errorMessage(err)}`, { cause: err });
  }
  if (text.trim() === '') throw new UsageError(`${what}: the file is empty`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`${what}: not valid JSON (truncated or corrupt?): ${errorMessage(err)}`, {
      cause: err,
    });
  }
}

/** Reads a result document (perf-gate bench --out) and validates it against the result schema. */
export async function readResultFile(path: string, what: string): Promise<BenchResult> {
  return assertValid(BenchResultSchema, await readJsonFile(path, what), what);
}

/** Reads a result or baseline file (see {@link checkStoredRun}); `what` names the input and the file. */
export async function readStoredRun(path: string, what: string): Promise<StoredRun> {
  return checkStoredRun(await readJsonFile(path, what), what);
}

/**
 * The commit to record: GITHUB_SHA in GitHub Actions, else `git rev-parse HEAD` in `cwd`, else
 * undefined (not a git checkout, or git missing).
 */
export function currentCommit(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  const fromEnv = env.GITHUB_SHA?.trim();
  if (fromEnv) return fromEnv;
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    const sha = out.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}
