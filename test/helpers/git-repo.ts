/**
 * A pull request in a real git repository, made for a test: a base commit and a PR commit pushed to
 * a bare "origin", a shallow checkout of the PR head (or of GitHub's merge commit) made the way
 * actions/checkout makes one (`git init`, `git fetch --depth=1 origin +<sha>:…`, detached checkout),
 * and a real `pull_request` event payload file whose `pull_request.base.sha` names the base commit.
 * Model bytes for a gate-level test: `generateYoloModel({ arch: 'yolov8n', imgsz: 64 }).bytes`
 * (src/model), or {@link tinyOnnxModel} where only the bytes matter.
 *
 * Git runs with its own configuration (`GIT_CONFIG_GLOBAL` in the fixture's folder, system config
 * off), so neither the machine's git settings nor a system-wide `git lfs install` changes what a
 * test sees. Pass `fixture.env` to the code under test. Everything lives in one temp folder that
 * `cleanup()` removes.
 *
 * Git LFS files are committed as pointer files written by hand from the spec (no git-lfs needed to
 * make them); their objects are placed in origin's LFS store (`<origin>/lfs/objects/…`, where
 * git-lfs's file:// transfer reads them), in the checkout's local store, or nowhere.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import onnxPkg from 'onnx-proto';
import { createGit, type Git } from '../../src/git/index.js';
import { formatLfsPointer, lfsObjectPath } from '../../src/git/lfs-pointer.js';
import { pullRequestPayload } from '../github/event-payloads.js';

const run = promisify(execFile);
const { onnx } = onnxPkg;

/** A file's content in a commit: bytes or text, an LFS-tracked file (its pointer is committed), or deleted. */
export type FileContent = string | Uint8Array | { lfs: Uint8Array } | null;

export interface PrRepoSpec {
  /** Files of the base commit. */
  base: Record<string, FileContent>;
  /** Changes the PR commit makes on top of the base (`null` deletes a file). */
  head: Record<string, FileContent>;
  /** Where the LFS objects of both commits are: origin's store (default), also the checkout's, or nowhere. */
  lfsObjects?: 'origin' | 'origin+local' | 'none';
  /** Depth of the checkout's fetch (default 1, as actions/checkout); 0 fetches all history. */
  depth?: number;
  /** PR number in the payload (default 42). */
  number?: number;
  /** Commits the base branch gets after the PR branched (the payload's `base.sha` stays the old tip). */
  baseAdvance?: Record<string, FileContent>;
  /**
   * What the checkout holds: the PR head (default), or GitHub's test merge commit of the head into
   * the base branch's tip (`refs/pull/N/merge`, what actions/checkout checks out for `pull_request`).
   */
  checkout?: 'head' | 'merge';
}

export interface PrRepo {
  /** The temp folder holding everything. */
  root: string;
  /** The bare repository the checkout fetched from (`origin`). */
  origin: string;
  /** The runner's checkout: the PR head, shallow by default. */
  checkout: string;
  /** The base commit the payload names (`pull_request.base.sha`). */
  baseSha: string;
  headSha: string;
  /** The base branch's tip (after `baseAdvance`, else `baseSha`). */
  mainSha: string;
  /** The checked-out merge commit (`checkout: 'merge'`). */
  mergeSha?: string;
  eventName: 'pull_request';
  /** The event payload file (`GITHUB_EVENT_PATH`). */
  eventPath: string;
  payload: Record<string, unknown>;
  /** The environment to run git (and the code under test) with: hermetic git configuration. */
  env: NodeJS.ProcessEnv;
  /** Git in the checkout, with `env`. */
  git: Git;
  /**
   * `env` with a PATH that finds git and nothing else, so `git lfs` is not a command: the machine
   * without git-lfs, made real (the folder lives in `root`).
   */
  envWithoutGitLfs(): Promise<NodeJS.ProcessEnv>;
  /** Runs git in a folder of the fixture with its environment; resolves to trimmed stdout. */
  gitIn(cwd: string, args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

/** sha256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A small valid ONNX model: `images` [1,3,8,8] through `relus` Relu nodes. Different counts give
 * different bytes (and more nodes a slower model); onnxruntime loads every one of them.
 */
export function tinyOnnxModel(relus = 1): Uint8Array {
  const dims = [{ dimValue: 1 }, { dimValue: 3 }, { dimValue: 8 }, { dimValue: 8 }];
  const names = Array.from({ length: relus + 1 }, (_, i) =>
    i === 0 ? 'images' : i === relus ? 'output0' : `t${i}`,
  );
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'yolo-perf-gate-test',
    graph: {
      name: `relu${relus}`,
      node: Array.from({ length: relus }, (_, i) => ({
        opType: 'Relu',
        name: `/model.${i}/act/Relu`,
        input: [names[i] as string],
        output: [names[i + 1] as string],
      })),
      input: [{ name: 'images', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
      output: [{ name: 'output0', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
    },
  });
  // A plain Uint8Array (protobufjs hands out a Buffer), so tests compare bytes with bytes.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** The pointer text committed for an LFS file with this content. */
export function lfsPointerFor(content: Uint8Array): string {
  return formatLfsPointer({ oid: sha256Hex(content), size: content.length });
}

/** Writes an LFS object into a store folder (`<git dir>/lfs` or a bare repository's `lfs`). */
export async function writeLfsObject(storeDir: string, content: Uint8Array): Promise<string> {
  const path = join(storeDir, ...lfsObjectPath(sha256Hex(content)));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
  return path;
}

function isLfs(c: FileContent): c is { lfs: Uint8Array } {
  return typeof c === 'object' && c !== null && !(c instanceof Uint8Array);
}

/** Makes the repository, origin, checkout and payload described by `spec`. */
export async function createPrRepo(spec: PrRepoSpec): Promise<PrRepo> {
  const root = await mkdtemp(join(tmpdir(), 'perf-gate-git-'));
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    const gitconfig = join(root, 'gitconfig');
    await writeFile(
      gitconfig,
      [
        '[user]\n\tname = perf-gate test\n\temail = test@example.invalid',
        '[init]\n\tdefaultBranch = main',
        '[advice]\n\tdetachedHead = false',
        '[commit]\n\tgpgsign = false',
        '',
      ].join('\n'),
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_CONFIG_GLOBAL: gitconfig,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
    };
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_LFS_SKIP_SMUDGE']) delete env[k];
    const gitIn = async (cwd: string, args: string[]) =>
      (await run('git', args, { cwd, env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

    const author = join(root, 'author');
    const origin = join(root, 'origin.git');
    const checkout = join(root, 'checkout');
    await mkdir(author);
    await gitIn(author, ['init', '-q']);
    await gitIn(root, ['init', '-q', '--bare', origin]);

    const lfsContents: Uint8Array[] = [];
    const apply = async (files: Record<string, FileContent>) => {
      for (const [path, content] of Object.entries(files)) {
        const abs = join(author, path);
        if (content === null) {
          await rm(abs, { force: true });
          continue;
        }
        await mkdir(dirname(abs), { recursive: true });
        if (isLfs(content)) {
          lfsContents.push(content.lfs);
          await writeFile(abs, lfsPointerFor(content.lfs));
        } else {
          await writeFile(abs, content);
        }
      }
      await gitIn(author, ['add', '-A']);
    };

    await apply(spec.base);
    await gitIn(author, ['commit', '-q', '--allow-empty', '-m', 'base']);
    const baseSha = await gitIn(author, ['rev-parse', 'HEAD']);
    await gitIn(author, ['checkout', '-q', '-b', 'feature/model']);
    await apply(spec.head);
    await gitIn(author, ['commit', '-q', '--allow-empty', '-m', 'pull request']);
    const headSha = await gitIn(author, ['rev-parse', 'HEAD']);
    let mainSha = baseSha;
    if (spec.baseAdvance) {
      await gitIn(author, ['checkout', '-q', 'main']);
      await apply(spec.baseAdvance);
      await gitIn(author, ['commit', '-q', '--allow-empty', '-m', 'the base branch moves on']);
      mainSha = await gitIn(author, ['rev-parse', 'HEAD']);
    }
    const prRef = `refs/pull/${spec.number ?? 42}`;
    let mergeSha: string | undefined;
    if (spec.checkout === 'merge') {
      await gitIn(author, ['checkout', '-q', '--detach', mainSha]);
      await gitIn(author, ['merge', '-q', '--no-ff', '--no-edit', '-m', 'Merge into main', 'feature/model']);
      mergeSha = await gitIn(author, ['rev-parse', 'HEAD']);
    }
    await gitIn(author, [
      'push',
      '-q',
      `file://${origin}`,
      'main',
      'feature/model',
      ...(mergeSha ? [`${mergeSha}:${prRef}/merge`] : []),
    ]);

    const where = spec.lfsObjects ?? 'origin';
    if (where !== 'none') for (const c of lfsContents) await writeLfsObject(join(origin, 'lfs'), c);

    // What actions/checkout does for a pull request (with a head commit instead of the merge commit).
    await mkdir(checkout);
    await gitIn(checkout, ['init', '-q']);
    await gitIn(checkout, ['remote', 'add', 'origin', `file://${origin}`]);
    const depth = spec.depth ?? 1;
    const target = mergeSha ?? headSha;
    await gitIn(checkout, [
      'fetch',
      '-q',
      '--no-tags',
      ...(depth > 0 ? [`--depth=${depth}`] : []),
      'origin',
      `+${target}:refs/remotes/pull/${spec.number ?? 42}/${mergeSha ? 'merge' : 'head'}`,
    ]);
    await gitIn(checkout, ['checkout', '-q', '--force', '--detach', target]);
    if (where === 'origin+local') {
      for (const c of lfsContents) await writeLfsObject(join(checkout, '.git', 'lfs'), c);
    }

    const payload = pullRequestPayload({
      number: spec.number ?? 42,
      baseSha,
      headSha,
      baseRef: 'main',
      headRef: 'feature/model',
      action: 'synchronize',
    });
    const eventPath = join(root, 'event.json');
    await writeFile(eventPath, JSON.stringify(payload, null, 2));

    return {
      root,
      origin,
      checkout,
      baseSha,
      headSha,
      mainSha,
      ...(mergeSha ? { mergeSha } : {}),
      eventName: 'pull_request',
      eventPath,
      payload,
      env,
      git: createGit({ cwd: checkout, env }),
      envWithoutGitLfs: async () => {
        const bin = join(root, 'bin-git-only');
        await mkdir(bin, { recursive: true });
        const gitPath = (await run('sh', ['-c', 'command -v git'], { env })).stdout.trim();
        await symlink(gitPath, join(bin, 'git')).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'EEXIST') throw err;
        });
        return { ...env, PATH: bin };
      },
      gitIn,
      cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
