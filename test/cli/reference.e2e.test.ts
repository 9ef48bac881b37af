/**
 * `--reference interleaved` end to end: a baseline recorded by `gate --update-baseline` in one
 * process is judged by `gate` in another, both real `perf-gate` child processes on a tiny generated
 * model, and the comparison says the P50 was compared as a ratio to the reference. The busy-machine
 * rule is switched off (the machine running the tests is often busy); no timing is asserted.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Baseline } from '../../src/baseline/schema.js';
import type { Comparison } from '../../src/compare/schema.js';
import { ensureModel } from '../../src/model/index.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { runMain } from '../helpers/run-main.js';

const CACHE = join(REPO_ROOT, '.cache/models');
let dir: string;
let modelPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-reference-e2e-'));
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE)).path;
  // Generated here once, so neither child process spends its time building the reference.
  await ensureModel({ arch: 'yolo11n', imgsz: 64 }, CACHE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUIET_RULES = ['--busy-cpu-share', '1', '--busy-steal', '1', '--busy-throttled', '1'];

describe('gate --reference interleaved (real child processes)', () => {
  it('records the ratio into the baseline history and compares the next run as a ratio', async () => {
    const baselines = join(dir, 'baselines');
    const common = [
      'gate',
      '--model',
      modelPath,
      '--name',
      'tiny',
      '--baselines',
      baselines,
      '--baseline',
      'stored',
      '--cache-dir',
      CACHE,
      '--iterations',
      '40',
      '--warmup',
      '2',
      '--warmup-seconds',
      '0',
      '--calibration-seconds',
      '0',
      '--reference',
      'interleaved',
      ...QUIET_RULES,
    ];
    const record = await runCli([...common, '--update-baseline'], { timeoutMs: 240_000 });
    expect(record.stderr).not.toMatch(/Error|perf-gate:/);
    expect(record.status).toBe(3); // no baseline yet: inconclusive, and the run is recorded
    expect(record.stdout).toMatch(
      /^reference {2}P50 \S+ ms on yolo11n at 64 px, interleaved \(40 runs\): ratio \d/m,
    );
    const [file] = (await readdir(baselines)).filter((f) => f.endsWith('.json'));
    const baseline = JSON.parse(await readFile(join(baselines, file as string), 'utf8')) as Baseline;
    expect(baseline.history).toHaveLength(1);
    expect(baseline.history[0]?.referenceRatio).toBeGreaterThan(0);
    expect(baseline.history[0]?.referenceSha256).toMatch(/^[0-9a-f]{64}$/);
    const shown = await runMain(['baseline', 'show', join(baselines, file as string)]);
    expect(shown.out).toMatch(/ P50\/reference\n.* \d+\.\d{4}\n/);

    const comparisonPath = join(dir, 'comparison.json');
    const judged = await runCli([...common, '--comparison-out', comparisonPath], { timeoutMs: 240_000 });
    expect([0, 1, 3]).toContain(judged.status);
    expect(judged.stdout).toMatch(
      /^P50 basis: P50 compared as a ratio to the interleaved reference workload \(yolo11n 64 px\): \d+\.\d{3} vs baseline \d+\.\d{3}/m,
    );
    const comparison = JSON.parse(await readFile(comparisonPath, 'utf8')) as Comparison;
    expect(comparison.reference).toMatchObject({ basis: 'ratio', model: 'yolo11n', imgsz: 64 });
    expect(comparison.reference?.sha256).toBe(baseline.history[0]?.referenceSha256);
    const p50 = comparison.metrics.find((m) => m.metric === 'p50');
    expect(p50?.method).toMatch(/^ratio to the interleaved reference workload \(yolo11n 64 px\)/);
    // One history run: the spread is assumed, so the ratio can say "no change" but not decide more.
    expect(p50?.verdict).not.toBe('regression');

    // Without --reference, the same baseline is compared in absolute time, and the reason says why.
    const off = await runCli(
      [
        ...common.filter((a) => a !== 'interleaved' && a !== '--reference'),
        '--comparison-out',
        comparisonPath,
      ],
      { timeoutMs: 240_000 },
    );
    expect([0, 1, 3]).toContain(off.status);
    expect(off.stdout).toMatch(
      /^P50 basis: P50 compared in absolute time, not as a ratio to the reference workload: the current run has no reference ratio/m,
    );
  }, 600_000);
});

describe('--reference as an input', () => {
  it.each([
    [
      ['bench', '--reference', 'sometimes'],
      /^perf-gate: --reference: expected one of off, interleaved; got "sometimes"$/m,
    ],
    [
      ['gate', '--baseline-model', 'a.onnx', '--model', 'b.onnx', '--reference', 'interleaved'],
      /^perf-gate: --reference: paired mode \(--baseline-model\) already times both models interleaved in one window; the reference workload is for stored baselines$/m,
    ],
    [
      ['compare', '--baseline-model', 'a.onnx', '--model', 'b.onnx', '--reference', 'interleaved'],
      /^perf-gate: --reference: paired mode already times both models interleaved/m,
    ],
  ])('%j is a usage error naming the input', async (args, message) => {
    const r = await runMain(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
