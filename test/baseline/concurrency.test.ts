/**
 * Concurrent `perf-gate baseline update` processes (real subprocesses, the real CLI) into one
 * baseline file: with the folder lock every run's history entry survives. Without it, 2 to 6 of 20
 * entries were lost (issue 14). Nothing here depends on the machine's speed: the processes are
 * released together by a barrier and the test only counts what is in the file afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateBaseline, type Baseline } from '../../src/baseline/index.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeResult } from '../fixtures/report/fixtures.js';

const PRELOAD = fileURLToPath(new URL('./barrier-preload.ts', import.meta.url));
const PAIRS = 10;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-concurrent-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Exit {
  commit: string;
  code: number | null;
  stderr: string;
}

function update(args: string[], barrier: string, commit: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', PRELOAD, join(REPO_ROOT, 'src/cli.ts'), ...args, '--commit', commit],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, CI: 'true', PERF_GATE_TEST_BARRIER: barrier },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ commit, code, stderr }));
  });
}

describe('concurrent baseline updates (real processes)', () => {
  it(`${PAIRS} pairs of simultaneous updates with --keep 1000: every run is in the history`, async () => {
    const baselines = join(dir, 'baselines');
    const first = await updateBaseline(baselines, makeResult(), {
      date: '2025-01-01T00:00:00.000Z',
      commit: 'initial',
    });
    const resultPath = join(dir, 'result.json');
    await writeFile(resultPath, JSON.stringify(makeResult({ center: 4.2 })));
    const common = ['baseline', 'update', '--result', resultPath, '--baselines', baselines, '--keep', '1000'];

    // One update alone first: tsx's transform cache is then warm for the 2 x PAIRS that follow.
    const open = join(dir, 'open-barrier');
    await mkdir(open);
    await writeFile(join(open, 'go'), '');
    const exits: Exit[] = [await update(common, open, 'warm-up')];

    // All pairs at once: 2 x PAIRS processes released together by one barrier.
    const barrier = join(dir, 'barrier');
    await mkdir(barrier);
    const commits = Array.from({ length: 2 * PAIRS }, (_, i) => `pair${Math.floor(i / 2)}-${i % 2}`);
    const running = commits.map((c) => update(common, barrier, c));
    for (;;) {
      const ready = (await readdir(barrier)).filter((n) => n.startsWith('ready-')).length;
      if (ready === commits.length) break;
      const early = await Promise.race([Promise.all(running).then(() => true), sleep(50).then(() => false)]);
      if (early) break; // every child exited before the barrier: the assertions below say why
    }
    await writeFile(join(barrier, 'go'), '');
    exits.push(...(await Promise.all(running)));

    for (const e of exits) expect(e.code, `${e.commit}: ${e.stderr}`).toBe(0);
    const baseline = JSON.parse(await readFile(first.path, 'utf8')) as Baseline;
    const recorded = baseline.history.map((h) => h.commit);
    expect(recorded).toHaveLength(2 + commits.length);
    expect(new Set(recorded)).toEqual(new Set(['initial', 'warm-up', ...commits]));
    // Nothing is left beside the baseline: no temp file, no lock.
    expect(await readdir(baselines)).toEqual([first.path.split('/').pop()]);
  }, 600_000);
});
