/**
 * End to end on real repositories (test/helpers/git-repo.ts): a pull_request event payload file, a
 * shallow checkout of the PR head that lacks the base commit, and the whole git side of
 * `baseline: auto`: base commit from the payload (fetched), the model at the base commit read from
 * git, Git LFS pointers on either side, and the comparison plan.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseCommitFromEvent } from '../../src/github/context.js';
import {
  autoUsesBase,
  createGit,
  decideAutoComparison,
  gitLfsAvailable,
  openRepository,
  resolveBaseCommit,
  resolveRelativeModels,
  type Git,
} from '../../src/git/index.js';
import { isUsageError } from '../../src/util/errors.js';
import { createPrRepo, tinyOnnxModel, type PrRepo, type PrRepoSpec } from '../helpers/git-repo.js';

const MODEL = 'models/det.onnx';
const BASE_MODEL = tinyOnnxModel(1);
const SLOWER_MODEL = tinyOnnxModel(4);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function fixture(spec: PrRepoSpec): Promise<PrRepo> {
  const fx = await createPrRepo(spec);
  cleanups.push(fx.cleanup);
  return fx;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perf-gate-work-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** What the gate will do: payload -> base commit -> model versions -> plan. */
async function gateSide(fx: PrRepo, options: { git?: Git; model?: string; storedBaseline?: boolean } = {}) {
  const git = options.git ?? fx.git;
  const payload: unknown = JSON.parse(await readFile(fx.eventPath, 'utf8'));
  const event = baseCommitFromEvent(fx.eventName, payload);
  if (!event) throw new Error('the fixture payload has no base commit');
  const logs: string[] = [];
  const workDir = await tempDir();
  const versions = await resolveRelativeModels({
    git,
    base: {
      kind: 'commit',
      sha: event.sha,
      label: event.field,
      ...(event.headSha ? { headSha: event.headSha } : {}),
    },
    source: { kind: 'file', model: options.model ?? MODEL, label: 'input "model"' },
    workDir,
    baselineLabel: 'input "baseline"',
    log: (l) => logs.push(l),
  });
  const plan = decideAutoComparison({
    relative: autoUsesBase(fx.eventName, false),
    model: versions.status,
    storedBaseline: options.storedBaseline ?? false,
  });
  return { repo: versions.repo, baseCommit: versions.baseCommit, versions, plan, workDir, logs };
}

/** The one-line UsageError a promise rejects with. */
async function usageError(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUsageError(err), String(err)).toBe(true);
  const message = (err as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('baseline: auto on a pull request, shallow checkout', () => {
  it('model unchanged: no paired run, "model unchanged", the base commit fetched', async () => {
    const fx = await fixture({
      base: { [MODEL]: BASE_MODEL, 'README.md': 'v1\n' },
      head: { 'README.md': 'v2\n' },
    });
    expect(await fx.gitIn(fx.checkout, ['rev-parse', '--is-shallow-repository'])).toBe('true');
    const { baseCommit, versions, plan, workDir, logs } = await gateSide(fx);
    expect(baseCommit).toEqual({ sha: fx.baseSha, source: 'pull_request.base.sha', fetched: true });
    expect(logs.join('\n')).toContain(`git fetch --no-tags --depth=1 origin ${fx.baseSha}`);
    expect(versions.status).toBe('unchanged');
    expect(versions.head).toBe(join(fx.checkout, MODEL));
    expect(versions.base).toBeUndefined();
    expect(versions.summary).toContain('same bytes at the base commit');
    expect(plan).toMatchObject({ compare: 'none', verdict: 'pass', reason: 'model unchanged' });
    // Nothing was copied out of git for an unchanged model.
    expect(await readdir(join(workDir, 'base'))).toEqual([]);
  });

  it('model unchanged with a stored baseline: compared with the stored baseline', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { 'x.txt': 'x' } });
    const { plan } = await gateSide(fx, { storedBaseline: true });
    expect(plan.compare).toBe('stored');
  });

  it('model changed: the two files to compare, byte for byte, and a paired plan', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    const { versions, plan } = await gateSide(fx, { storedBaseline: true });
    expect(versions.status).toBe('changed');
    expect(versions.head).toBe(join(fx.checkout, MODEL));
    expect(new Uint8Array(await readFile(versions.base as string))).toEqual(BASE_MODEL);
    expect(new Uint8Array(await readFile(versions.head))).toEqual(SLOWER_MODEL);
    expect(plan.compare).toBe('paired');
  });

  it('model new in the pull request: inconclusive "no base to compare with"', async () => {
    const fx = await fixture({ base: { 'README.md': 'v1\n' }, head: { [MODEL]: SLOWER_MODEL } });
    const { versions, plan } = await gateSide(fx);
    expect(versions.status).toBe('new');
    expect(versions.base).toBeUndefined();
    expect(plan).toMatchObject({
      compare: 'none',
      verdict: 'inconclusive',
      reason: 'no base to compare with',
    });
  });

  it('model deleted by the pull request: one line naming the input and the path', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: null } });
    const message = await usageError(gateSide(fx));
    expect(message).toMatch(
      /^input "model": "models\/det\.onnx" is not in the working tree, though it exists at the base commit/,
    );
  });

  it('reads the path relative to the working directory, from a sub-folder of the repository', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    const { repo, versions } = await gateSide(fx, {
      git: createGit({ cwd: join(fx.checkout, 'models'), env: fx.env }),
      model: 'det.onnx',
    });
    expect(repo.prefix).toBe('models/');
    expect(versions.repoPath).toBe(MODEL);
    expect(new Uint8Array(await readFile(versions.base as string))).toEqual(BASE_MODEL);
  });

  it('refuses a model outside the repository and a folder that is not a checkout', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    const outside = join(fx.root, 'event.json');
    expect(await usageError(gateSide(fx, { model: outside }))).toContain('is outside the git repository');
    const notRepo = await tempDir();
    const message = await usageError(
      openRepository(createGit({ cwd: notRepo, env: fx.env }), 'input "baseline"'),
    );
    expect(message).toMatch(
      /^input "baseline": comparing with the base commit needs a git checkout, but git in .* says: fatal: not a git repository/,
    );
  });

  it('refuses a path that is a folder at the base commit, naming it', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { 'models.onnx': SLOWER_MODEL } });
    // `models` is a folder in both commits: never read as a model file.
    expect(await usageError(gateSide(fx, { model: 'models' }))).toMatch(
      /^input "model": "models" is a folder at commit [0-9a-f]{12}, not a model file$/,
    );
  });

  it('warns when the checkout is the base commit itself (pull_request_target without the head checked out)', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    await fx.gitIn(fx.checkout, ['fetch', '-q', '--depth=1', 'origin', fx.baseSha]);
    await fx.gitIn(fx.checkout, ['checkout', '-q', '--detach', fx.baseSha]);
    const { versions } = await gateSide(fx);
    expect(versions.status).toBe('unchanged');
    expect(versions.warning).toContain('pull_request_target');
    expect(versions.warning).toContain('github.event.pull_request.head.sha');
  });
});

describe("the checkout is GitHub's merge commit (actions/checkout's default for pull_request)", () => {
  it("takes the merge commit's first parent as the base: a model changed on the base branch is not blamed on the PR", async () => {
    const fx = await fixture({
      base: { [MODEL]: BASE_MODEL },
      head: { 'README.md': 'docs only\n' },
      // main changed the model after the payload's base.sha was taken
      baseAdvance: { [MODEL]: SLOWER_MODEL },
      checkout: 'merge',
    });
    const { baseCommit, versions, plan, logs } = await gateSide(fx);
    expect(baseCommit).toEqual({ sha: fx.mainSha, source: "HEAD^1 (GitHub's merge commit)", fetched: true });
    expect(logs.join('\n')).toContain(`(pull_request.base.sha is ${fx.baseSha.slice(0, 12)})`);
    expect(versions.status).toBe('unchanged');
    expect(plan).toMatchObject({ compare: 'none', reason: 'model unchanged' });
  });

  it("compares the PR's change with the tip it was merged onto", async () => {
    const fx = await fixture({
      base: { [MODEL]: BASE_MODEL, 'README.md': 'v1\n' },
      head: { [MODEL]: SLOWER_MODEL },
      baseAdvance: { 'README.md': 'v2\n' },
      checkout: 'merge',
    });
    const { baseCommit, versions } = await gateSide(fx);
    expect(baseCommit.sha).toBe(fx.mainSha);
    expect(versions.status).toBe('changed');
    expect(new Uint8Array(await readFile(versions.base as string))).toEqual(BASE_MODEL);
  });
});

describe('model-command through the same path', () => {
  it("builds the base model in a worktree of the payload's base commit and the head model in the checkout", async () => {
    const script = `import { copyFileSync } from 'node:fs';
copyFileSync('weights.onnx', process.env.PERF_GATE_MODEL_OUT);
console.log('built ' + process.env.PERF_GATE_SIDE);
`;
    const fx = await fixture({
      base: { 'export.mjs': script, 'weights.onnx': BASE_MODEL },
      head: { 'weights.onnx': SLOWER_MODEL },
    });
    const event = baseCommitFromEvent(fx.eventName, JSON.parse(await readFile(fx.eventPath, 'utf8')));
    const lines: string[] = [];
    const workDir = await tempDir();
    const built = await resolveRelativeModels({
      git: fx.git,
      base: { kind: 'commit', sha: event?.sha as string, label: event?.field as string },
      source: {
        kind: 'command',
        command: 'node export.mjs',
        label: 'input "model-command"',
        timeoutMs: 120_000,
        fileName: 'det.onnx',
        onLine: (l) => lines.push(l),
        env: fx.env,
      },
      workDir,
      baselineLabel: 'input "baseline"',
    });
    expect(built.baseCommit).toMatchObject({ sha: fx.baseSha, fetched: true });
    expect(built.status).toBe('changed');
    expect(lines).toEqual(['[base] built base', '[head] built head']);
    expect(new Uint8Array(await readFile(built.base as string))).toEqual(BASE_MODEL);
    expect(new Uint8Array(await readFile(built.head))).toEqual(SLOWER_MODEL);
    expect(built.head).toBe(join(workDir, 'head', 'det.onnx'));
    expect(await fx.gitIn(fx.checkout, ['worktree', 'list', '--porcelain'])).toBe(
      `worktree ${fx.checkout}\nHEAD ${fx.headSha}\ndetached`,
    );
  });
});

describe('the base commit', () => {
  it('is not fetched again when the checkout has it (fetch-depth: 0)', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL }, depth: 0 });
    expect(await fx.gitIn(fx.checkout, ['rev-parse', '--is-shallow-repository'])).toBe('false');
    const { baseCommit, logs } = await gateSide(fx);
    expect(baseCommit.fetched).toBe(false);
    expect(logs.filter((l) => l.includes('git fetch'))).toEqual([]);
  });

  it('says what to set, in one line, when it cannot be fetched', async () => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    await rm(fx.origin, { recursive: true, force: true });
    const message = await usageError(gateSide(fx));
    expect(message).toContain(
      `pull_request.base.sha: the base commit ${fx.baseSha.slice(0, 12)} is not in this shallow checkout and fetching it failed (`,
    );
    expect(message).toContain('set `fetch-depth: 0` in actions/checkout, or fetch the base commit yourself');
  });

  it.each([
    ['a branch only on origin', 'main', 'base'],
    ['a commit id', 'BASE', 'base'],
    ['the head branch', 'feature/model', 'head'],
  ])('--base-ref resolves %s', async (_what, ref, expected) => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    const repo = await openRepository(fx.git, '--base-ref');
    const value = ref === 'BASE' ? fx.baseSha : ref;
    const commit = await resolveBaseCommit(fx.git, repo, { kind: 'ref', ref: value, label: '--base-ref' });
    expect(commit.sha).toBe(expected === 'base' ? fx.baseSha : fx.headSha);
    expect(commit.source).toBe(`--base-ref ${value}`);
  });

  it.each([
    [
      'no-such-branch',
      /^--base-ref: "no-such-branch" is not a commit, branch or tag of this shallow checkout \(nor origin\/no-such-branch\), and fetching it from origin failed \(.+\); set `fetch-depth: 0`/,
    ],
    ['-upload-pack=evil', /^--base-ref: expected a commit, branch or tag, got "-upload-pack=evil"$/],
    [
      'a..b',
      /^--base-ref: "a\.\.b" is not a commit, branch or tag of this repository, nor a name git can fetch$/,
    ],
  ])('--base-ref %s: one clear line', async (ref, expected) => {
    const fx = await fixture({ base: { [MODEL]: BASE_MODEL }, head: { [MODEL]: SLOWER_MODEL } });
    const repo = await openRepository(fx.git, '--base-ref');
    const message = await usageError(
      resolveBaseCommit(fx.git, repo, { kind: 'ref', ref, label: '--base-ref' }),
    );
    expect(message).toMatch(expected);
  });
});

describe('Git LFS', () => {
  const lfs = (bytes: Uint8Array) => ({ lfs: bytes });

  it('an LFS pointer as base, git-lfs absent, object nowhere: one line naming `lfs: true`, nothing benchmarked', async () => {
    const fx = await fixture({
      base: { [MODEL]: lfs(BASE_MODEL) },
      head: { [MODEL]: SLOWER_MODEL },
      lfsObjects: 'none',
    });
    const env = await fx.envWithoutGitLfs();
    const git = createGit({ cwd: fx.checkout, env });
    expect(await gitLfsAvailable(git)).toBe(false);
    const message = await usageError(gateSide(fx, { git }));
    expect(message).toMatch(
      /^input "model": the version of "models\/det\.onnx" at the base commit [0-9a-f]{12} \(pull_request\.base\.sha\) is a Git LFS pointer \(sha256:[0-9a-f]{12}…, \d+ B\) and git-lfs is not installed to fetch it; install git-lfs and check out with `lfs: true` \(actions\/checkout\)$/,
    );
  });

  it.each([
    ['the repository root', '', MODEL],
    ['a sub-folder', 'models', 'det.onnx'],
  ])(
    'an LFS pointer as base whose object is in the local store: resolved without git-lfs, from %s',
    async (_where, sub, model) => {
      const fx = await fixture({
        base: { [MODEL]: lfs(BASE_MODEL) },
        head: { [MODEL]: SLOWER_MODEL },
        lfsObjects: 'origin+local',
      });
      const git = createGit({ cwd: join(fx.checkout, sub), env: await fx.envWithoutGitLfs() });
      const { versions } = await gateSide(fx, { git, model });
      expect(versions.status).toBe('changed');
      expect(new Uint8Array(await readFile(versions.base as string))).toEqual(BASE_MODEL);
    },
  );

  it('the same LFS object on both sides: unchanged, with no download and no git-lfs', async () => {
    const fx = await fixture({
      base: { [MODEL]: lfs(BASE_MODEL) },
      head: { 'README.md': 'docs only\n' },
      lfsObjects: 'none',
    });
    // A checkout with `lfs: true` holds the real bytes where git has the pointer.
    await writeFile(join(fx.checkout, MODEL), BASE_MODEL);
    const git = createGit({ cwd: fx.checkout, env: await fx.envWithoutGitLfs() });
    const { versions, plan } = await gateSide(fx, { git });
    expect(versions.status).toBe('unchanged');
    expect(plan).toMatchObject({ compare: 'none', reason: 'model unchanged' });
  });

  it('an LFS pointer in the working tree (checkout without `lfs: true`) is never handed on as the model', async () => {
    const fx = await fixture({
      base: { [MODEL]: lfs(BASE_MODEL) },
      head: { 'README.md': 'docs only\n' },
      lfsObjects: 'none',
    });
    const git = createGit({ cwd: fx.checkout, env: await fx.envWithoutGitLfs() });
    const message = await usageError(gateSide(fx, { git }));
    expect(message).toMatch(
      /^input "model": "models\/det\.onnx" in the working tree is a Git LFS pointer \(sha256:[0-9a-f]{12}…, \d+ B\) and git-lfs is not installed to fetch it; install git-lfs and check out with `lfs: true` \(actions\/checkout\)$/,
    );
  });

  it('with git-lfs: base and head pointers fetched from origin with git lfs smudge', async (ctx) => {
    const fx = await fixture({ base: { [MODEL]: lfs(BASE_MODEL) }, head: { [MODEL]: lfs(SLOWER_MODEL) } });
    if (process.env.CI) expect(await gitLfsAvailable(fx.git)).toBe(true); // .ci/run installs it
    if (!(await gitLfsAvailable(fx.git))) ctx.skip();
    const { versions, workDir } = await gateSide(fx);
    expect(versions.status).toBe('changed');
    expect(versions.head).toBe(join(workDir, 'head', 'det.onnx'));
    expect(new Uint8Array(await readFile(versions.head))).toEqual(SLOWER_MODEL);
    expect(new Uint8Array(await readFile(versions.base as string))).toEqual(BASE_MODEL);
  });

  it('with git-lfs but the object missing on the server: one line naming `lfs: true`', async (ctx) => {
    const fx = await fixture({
      base: { [MODEL]: lfs(BASE_MODEL) },
      head: { [MODEL]: SLOWER_MODEL },
      lfsObjects: 'none',
    });
    if (!(await gitLfsAvailable(fx.git))) ctx.skip();
    const message = await usageError(gateSide(fx));
    // git-lfs's error line, not its "Downloading …" progress line.
    expect(message).toMatch(
      /is a Git LFS pointer \(.*\) whose object could not be fetched \(git lfs smudge: Error downloading .*remote missing object.*\); check out with `lfs: true`/,
    );
  });
});
