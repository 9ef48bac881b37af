/**
 * Busy runs are not evidence, with real processes: a benchmark with CPU hogs beside it (one
 * spinning process per CPU, started and stopped here) is marked unreliable with the measured
 * figures; `baseline update` and `gate --update-baseline` refuse to record it unless forced.
 *
 * Robust on a machine that is already busy: nothing here asserts that a run without the hogs is
 * reliable, only that the hogs' share is seen and named.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchConfig } from '../../src/config/bench.js';
import { parseGateConfig } from '../../src/config/gate.js';
import { actionReader } from '../../src/config/reader.js';
import { benchmark, type Reporter } from '../../src/core/bench.js';
import { runGate } from '../../src/core/gate.js';
import type { BenchResult } from '../../src/schema/result.js';
import { ensureModel } from '../../src/model/index.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { startCpuHog, type CpuHog } from '../helpers/cpu-hog.js';

let work: string;
let modelPath: string;
let hog: CpuHog | undefined;

const quiet: Reporter = { info: () => undefined, phase: () => undefined };

/** Inputs as the CLI and the Action name them; short, but well above the 0.5 s the rule needs. */
const inputs = (more: Record<string, string> = {}) => {
  const map: Record<string, string> = {
    model: modelPath,
    duration: '1.5',
    warmup: '1',
    'warmup-seconds': '0',
    'calibration-seconds': '0',
    'cache-dir': join(REPO_ROOT, '.cache/models'),
    ...more,
  };
  return actionReader((name) => map[name] ?? '');
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-busy-'));
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, join(REPO_ROOT, '.cache/models'))).path;
});
afterEach(async () => {
  await hog?.stop();
  hog = undefined;
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const OTHER = /other processes used (\d+(?:\.\d)?) of (\d+) cores during the timed window/;

function expectBusy(result: BenchResult): void {
  const ms = result.machineState;
  expect(ms, 'machine state recorded').toBeDefined();
  expect(ms?.cpu, 'CPU figures from /proc/stat').not.toBeNull();
  // One spinning process per CPU beside a benchmark on the same CPUs gets at least a third of them.
  expect(ms?.cpu?.otherCores ?? 0).toBeGreaterThanOrEqual(0.5);
  expect(result.health.reliable).toBe(false);
  const reason = result.health.reasons.find((r) => OTHER.test(r));
  expect(reason, result.health.reasons.join('\n')).toBeDefined();
  const [, used, cores] = OTHER.exec(reason as string) as RegExpExecArray;
  // The reason names the measured figures, not a canned sentence.
  expect(Number(cores)).toBe(ms?.cpus);
  expect(Number(used)).toBeCloseTo(ms?.cpu?.otherCores ?? -1, 0);
  expect(ms?.assessment.reasons).toContain(reason);
}

describe('a benchmark beside a CPU hog', () => {
  it('is marked unreliable with the figures; baseline update refuses it (exit 2) and --force records it', async () => {
    hog = await startCpuHog();
    const { result } = await benchmark(parseBenchConfig(inputs()), quiet);
    await hog.stop();
    expectBusy(result);

    const resultPath = join(work, 'busy.json');
    writeFileSync(resultPath, JSON.stringify(result));
    const dir = join(work, 'baselines');
    const refused = await runCli(['baseline', 'update', '--result', resultPath, '--baselines', dir]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^perf-gate: --result: the run is marked unreliable \(/);
    expect(refused.stderr).toMatch(OTHER);
    expect(refused.stderr).toContain('pass --force to record it anyway');
    expect(() => readdirSync(dir)).toThrow(); // nothing written, not even the folder

    const forced = await runCli([
      'baseline',
      'update',
      '--result',
      resultPath,
      '--baselines',
      dir,
      '--force',
    ]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/^created /);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const baseline = JSON.parse(readFileSync(join(dir, files[0] as string), 'utf8')) as {
      result: BenchResult;
    };
    // The baseline keeps the unreliable mark and the machine state, so the verdict can see them.
    expect(baseline.result.health.reliable).toBe(false);
    expect(baseline.result.machineState?.assessment.busy).toBe(true);
  }, 300_000); // a benchmark beside the hogs and two CLI subprocesses

  it('gate --update-baseline refuses to record it (exit 3, the reason in the outcome) unless forced', async () => {
    const dir = join(work, 'gate-baselines');
    hog = await startCpuHog();
    const refused = await runGate(
      parseGateConfig(inputs({ baselines: dir, 'update-baseline': 'true' })),
      quiet,
    );
    expectBusy(refused.current);
    expect(refused.exitCode).toBe(3);
    expect(refused.baselineUpdate).toBeUndefined();
    expect(refused.baselineRefused).toMatch(/^baseline not updated: the run is marked unreliable \(/);
    expect(refused.baselineRefused).toMatch(OTHER);
    expect(refused.baselineRefused).toContain('--force');
    expect(() => readdirSync(dir)).toThrow();

    const forced = await runGate(
      parseGateConfig(inputs({ baselines: dir, 'update-baseline': 'true', force: 'true' })),
      quiet,
    );
    await hog.stop();
    expect(forced.exitCode).toBe(3); // no baseline to compare with yet: inconclusive
    expect(forced.baselineRefused).toBeUndefined();
    expect(forced.baselineUpdate?.path).toMatch(/gate-baselines/);
    expect(readdirSync(dir)).toHaveLength(1);
  }, 300_000);
});
