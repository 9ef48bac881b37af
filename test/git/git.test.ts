/**
 * The git runner: real git in a temp repository. Bytes in and out unchanged (binary blobs through
 * stdin and into files), failures carry git's exit code and the line that says why.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGit, GitError, gitSucceeds, gitText, reasonLine, type Git } from '../../src/git/index.js';

let dir: string;
let git: Git;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-git-runner-'));
  git = createGit({ cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  await git.run(['init', '-q']);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reasonLine', () => {
  it.each([
    [
      'fatal: not a git repository (or any of the parent directories): .git\n',
      'fatal: not a git repository (or any of the parent directories): .git',
    ],
    // git-lfs: progress first, then the error
    [
      'Downloading m.onnx (151 B)\nError downloading object: m.onnx (2d71164): Smudge error\n\nErrors logged to x.log\n',
      'Error downloading object: m.onnx (2d71164): Smudge error',
    ],
    ['\n\n  warning: something\n', 'warning: something'],
    ['', '(no message)'],
    [`error: ${'x'.repeat(400)}`, `error: ${'x'.repeat(292)}…`],
  ])('%j -> %j', (stderr, expected) => {
    expect(reasonLine(stderr)).toBe(expected);
  });
});

describe('createGit', () => {
  it('passes binary bytes through stdin and streams a blob to a file unchanged', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256); // NULs, 0xff, no newlines
    const oid = await gitText(git, ['hash-object', '-w', '--stdin'], { input: bytes });
    const out = join(dir, 'blob.bin');
    await git.runToFile(['cat-file', 'blob', oid], out);
    expect(new Uint8Array(await readFile(out))).toEqual(bytes);
  });

  it('rejects with the exit code and the reason, and leaves no partial file', async () => {
    const out = join(dir, 'missing.bin');
    const err = await git.runToFile(['cat-file', 'blob', '0'.repeat(40)], out).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).exitCode).toBe(128);
    expect((err as GitError).reason).toMatch(/^fatal: /);
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
    const files = await import('node:fs/promises').then((fs) => fs.readdir(dir));
    expect(files.filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('tells a non-zero exit from git not starting at all', async () => {
    expect(await gitSucceeds(git, ['rev-parse', '--verify', '--quiet', 'no-such-ref'])).toBe(false);
    const missing = createGit({ cwd: dir, binary: join(dir, 'no-git-here') });
    const err = await missing.run(['--version']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GitError);
    expect((err as GitError).exitCode).toBeUndefined();
    await expect(gitSucceeds(missing, ['--version'])).rejects.toBeInstanceOf(GitError);
  });
});
