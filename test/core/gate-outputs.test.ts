/**
 * The gate writes its output files as one set: a full disk midway leaves none of them (and no temp
 * file), never 2 of 4. A real full disk: a small tmpfs mounted for the test (needs root, as the
 * session and CI run; skipped where mounting is not allowed).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureModel } from '../../src/model/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { runMain } from '../helpers/run-main.js';

const CACHE = join(REPO_ROOT, '.cache/models');
let dir: string;
let modelPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-gate-outputs-'));
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE)).path;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Mounts a tmpfs of `bytes` at `at`; false where the sandbox does not allow it. */
function mountTmpfs(at: string, bytes: number): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const outputs = (to: string): string[] => [
  '--out',
  join(to, 'result.json'),
  '--report',
  join(to, 'report.md'),
  '--report-json',
  join(to, 'report.json'),
  '--comparison-out',
  join(to, 'comparison.json'),
];

describe('gate outputs on a disk that fills up midway', () => {
  it('none of the 4 files is written and no temp file is left', async (ctx) => {
    const baselines = join(dir, 'baselines');
    const gate = ['gate', '--model', modelPath, '--name', 'tiny', '--baselines', baselines];
    const run = [...gate, '--iterations', '20', '--warmup', '0', '--warmup-seconds', '0', '--quiet'];
    // First run records the baseline; the second writes all four files where there is room.
    expect((await runMain([...run, '--update-baseline'])).code).toBe(3);
    const roomy = join(dir, 'roomy');
    const ok = await runMain([...run, ...outputs(roomy)]);
    expect([0, 1, 3]).toContain(ok.code);
    const sizes = await Promise.all(
      ['result.json', 'report.md', 'report.json', 'comparison.json'].map(
        async (f) => (await stat(join(roomy, f))).size,
      ),
    );

    // Room for the first file (result.json) and one more page: a later one cannot fit.
    const page = 4096;
    const room = (Math.ceil((sizes[0] as number) / page) + 1) * page;
    expect(sizes.reduce((a, b) => a + Math.ceil(b / page) * page, 0)).toBeGreaterThan(room);
    const full = join(dir, 'full');
    await mkdir(full);
    if (!mountTmpfs(full, room)) ctx.skip();
    try {
      const r = await runMain([...run, ...outputs(full)]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^perf-gate: (--report|--report-json|--comparison-out): cannot write ".*full\/[a-z.]+": ENOSPC/,
      );
      expect(await readdir(full)).toEqual([]);
    } finally {
      execFileSync('umount', [full]);
    }
  });
});
