/**
 * `model-command` on real repositories: the user's command runs in a temporary worktree of the base
 * commit and in the PR's checkout (a shallow one, as in CI), writes `$PERF_GATE_MODEL_OUT`, its
 * output is streamed with the side in front, failures name the side and the exit code, and the
 * worktree is gone afterwards whatever happened.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  buildModelsWithCommand,
  createGit,
  openRepository,
  resolveBaseCommit,
  type BuiltModels,
} from '../../src/git/index.js';
import { isUsageError } from '../../src/util/errors.js';
import { createPrRepo, tinyOnnxModel, type FileContent, type PrRepo } from '../helpers/git-repo.js';

/** The repository's export script: copies the committed weights to the path the gate gives. */
const EXPORT_SCRIPT = `import { copyFileSync } from 'node:fs';
console.log('exporting the ' + process.env.PERF_GATE_SIDE + ' model');
console.log('token visible: ' + (process.env['INPUT_GITHUB-TOKEN'] !== undefined));
console.error('a warning on stderr');
copyFileSync('weights/model.onnx', process.env.PERF_GATE_MODEL_OUT);
process.stdout.write('done, no final newline');
`;
const FAILING_SCRIPT = `console.error('cannot export: broken'); process.exit(3);\n`;
const COMMAND = 'node export.mjs --out "$PERF_GATE_MODEL_OUT"';
const BASE_MODEL = tinyOnnxModel(1);
const HEAD_MODEL = tinyOnnxModel(5);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function build(
  base: Record<string, FileContent>,
  head: Record<string, FileContent>,
  options: { command?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<{ fx: PrRepo; lines: string[]; logs: string[]; result: Promise<BuiltModels> }> {
  const fx = await createPrRepo({ base, head });
  cleanups.push(fx.cleanup);
  const outDir = await mkdtemp(join(tmpdir(), 'perf-gate-models-'));
  cleanups.push(() => rm(outDir, { recursive: true, force: true }));
  // The Action's working-directory is the `ml/` folder of the repository.
  const git = createGit({ cwd: join(fx.checkout, 'ml'), env: fx.env });
  const repo = await openRepository(git, 'input "baseline"');
  const baseCommit = await resolveBaseCommit(git, repo, {
    kind: 'commit',
    sha: fx.baseSha,
    label: 'pull_request.base.sha',
  });
  const lines: string[] = [];
  const logs: string[] = [];
  const result = buildModelsWithCommand({
    git,
    repo,
    baseCommit,
    command: options.command ?? COMMAND,
    outDir,
    fileName: 'det.onnx',
    timeoutMs: options.timeoutMs ?? 120_000,
    label: 'input "model-command"',
    onLine: (l) => lines.push(l),
    log: (l) => logs.push(l),
    env: options.env ?? fx.env,
  });
  return { fx, lines, logs, result };
}

const repoFiles = (model: Uint8Array, script = EXPORT_SCRIPT): Record<string, FileContent> => ({
  'ml/export.mjs': script,
  'ml/weights/model.onnx': model,
});

/** The worktree folder the base build used, from its log line, and the worktrees git still knows. */
async function worktreesAfter(fx: PrRepo, logs: string[]) {
  const dir = /checked out in (.+)$/.exec(logs.find((l) => l.includes('checked out in')) ?? '')?.[1];
  const list = await fx.gitIn(fx.checkout, ['worktree', 'list', '--porcelain']);
  return { dir, known: list.split('\n').filter((l) => l.startsWith('worktree ')) };
}

async function usageError(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUsageError(err), String(err)).toBe(true);
  expect((err as Error).message).not.toContain('\n');
  return (err as Error).message;
}

describe('model-command', () => {
  it('builds the base model in a worktree of the base commit and the head model in the checkout', async () => {
    const { fx, lines, logs, result } = await build(
      repoFiles(BASE_MODEL),
      { 'ml/weights/model.onnx': HEAD_MODEL },
      // As in the Action's step: its inputs are in the environment, the token among them.
      { env: { ...process.env, 'INPUT_GITHUB-TOKEN': 'ghs_secret', INPUT_MODEL: 'm.onnx' } },
    );
    const built = await result;
    expect(built.status).toBe('changed');
    expect(new Uint8Array(await readFile(built.base))).toEqual(BASE_MODEL);
    expect(new Uint8Array(await readFile(built.head))).toEqual(HEAD_MODEL);
    // Streamed in order, each line with its side; stderr too; the unterminated last line as well.
    expect(lines.filter((l) => l.startsWith('[base] '))).toEqual([
      '[base] exporting the base model',
      '[base] token visible: false',
      '[base] a warning on stderr',
      '[base] done, no final newline',
    ]);
    expect(lines.filter((l) => l.startsWith('[head] '))).toContain('[head] exporting the head model');
    expect(lines.findIndex((l) => l.startsWith('[head] '))).toBeGreaterThan(
      lines.findIndex((l) => l.startsWith('[base] ')),
    );
    const { dir, known } = await worktreesAfter(fx, logs);
    expect(dir).toBeDefined();
    expect(existsSync(dir as string)).toBe(false);
    expect(known).toEqual([`worktree ${fx.checkout}`]);
  });

  it('reports unchanged when both sides build the same bytes', async () => {
    const { result } = await build(repoFiles(BASE_MODEL), { 'README.md': 'docs only\n' });
    expect((await result).status).toBe('unchanged');
  });

  it('names the side and the exit code when the base build fails, and removes the worktree', async () => {
    const { fx, lines, logs, result } = await build(repoFiles(BASE_MODEL, FAILING_SCRIPT), {
      'ml/export.mjs': EXPORT_SCRIPT,
    });
    const message = await usageError(result);
    expect(message).toMatch(
      /^input "model-command": failed with exit code 3 in the base worktree \(commit [0-9a-f]{12}\) \(side: base\); its output is above, prefixed \[base\]$/,
    );
    expect(lines).toContain('[base] cannot export: broken');
    expect(lines.some((l) => l.startsWith('[head] '))).toBe(false);
    const { dir, known } = await worktreesAfter(fx, logs);
    expect(existsSync(dir as string)).toBe(false);
    expect(known).toEqual([`worktree ${fx.checkout}`]);
  });

  it('names the side when the head build fails', async () => {
    const { result } = await build(repoFiles(BASE_MODEL), { 'ml/export.mjs': FAILING_SCRIPT });
    expect(await usageError(result)).toMatch(
      /^input "model-command": failed with exit code 3 in the pull request's checkout \(side: head\)/,
    );
  });

  it('fails when the command exits 0 without writing the model', async () => {
    const { result } = await build(repoFiles(BASE_MODEL), {}, { command: 'echo nothing written' });
    expect(await usageError(result)).toMatch(
      /^input "model-command": exited 0 in the base worktree \(commit [0-9a-f]{12}\) \(side: base\) but wrote no model to \$PERF_GATE_MODEL_OUT \(".+\/base\/det\.onnx"\)$/,
    );
  });

  it('ends what the command left running in the background when it exits', async () => {
    const pidDir = await mkdtemp(join(tmpdir(), 'perf-gate-pid-'));
    cleanups.push(() => rm(pidDir, { recursive: true, force: true }));
    const pidFile = join(pidDir, 'pid');
    // The background sleep keeps the output pipe open; the run must not wait for it.
    const { result } = await build(
      repoFiles(BASE_MODEL),
      {},
      {
        command: `cp weights/model.onnx "$PERF_GATE_MODEL_OUT"; sleep 600 & echo $! > "$PID_FILE"`,
        env: { ...process.env, PID_FILE: pidFile },
      },
    );
    expect((await result).status).toBe('unchanged');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    // Killed with its group. SIGKILL is delivered asynchronously, so a loaded machine may still show
    // the process for a moment after the run returned (a CI run did); wait for it to go rather than
    // look once. A zombie counts as ended (reaped by init shortly after).
    const alive = () => {
      try {
        process.kill(pid, 0);
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
      } catch {
        return false;
      }
    };
    await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 15_000, interval: 20 });
  });

  it('stops a command that outlives the time limit, with everything it started', async () => {
    const pidDir = await mkdtemp(join(tmpdir(), 'perf-gate-pid-'));
    cleanups.push(() => rm(pidDir, { recursive: true, force: true }));
    const pidFile = join(pidDir, 'pid');
    // Never finishes by itself: the timeout is the only way out, whatever the machine's speed.
    const { fx, logs, result } = await build(
      repoFiles(BASE_MODEL),
      {},
      {
        command: `echo $$ > "$PID_FILE" && exec sleep 600`,
        // Long enough for the shell to write its pid on a loaded machine; the command never ends by itself.
        timeoutMs: 5_000,
        env: { ...process.env, PID_FILE: pidFile },
      },
    );
    expect(await usageError(result)).toMatch(
      /^input "model-command": stopped in the base worktree \(commit [0-9a-f]{12}\) after the time limit of 5 s \(side: base\)$/,
    );
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    const { dir } = await worktreesAfter(fx, logs);
    expect(existsSync(dir as string)).toBe(false);
  });
});
