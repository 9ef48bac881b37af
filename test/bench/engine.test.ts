import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { latencyFromSamples, runBenchmark } from '../../src/bench/engine.js';
import { hardwareClassOf } from '../../src/bench/fingerprint.js';
import { preallocateOutputs, resolveInputs } from '../../src/bench/inputs.js';
import { DEFAULT_SESSION_SETTINGS } from '../../src/bench/session.js';
import { timeRuns, warmUp } from '../../src/bench/timing.js';
import { ensureModel } from '../../src/model/index.js';
import { BenchResultSchema } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('latencyFromSamples', () => {
  it('summarises with type-7 quantiles (R: quantile(1:10, c(.5,.9,.95,.99), type = 7) = 5.5 9.1 9.55 9.91)', () => {
    const l = latencyFromSamples([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(l.p50).toBeCloseTo(5.5, 12);
    expect(l.p90).toBeCloseTo(9.1, 12);
    expect(l.p95).toBeCloseTo(9.55, 12);
    expect(l.p99).toBeCloseTo(9.91, 12);
    expect(l.mean).toBeCloseTo(5.5, 12);
    expect(l.min).toBe(1);
    expect(l.max).toBe(10);
    expect(l.count).toBe(10);
    expect(l.timedSeconds).toBeCloseTo(0.055, 12);
    expect(l.throughputPerSecond).toBeCloseTo(10 / 0.055, 9);
    // Samples keep their measured order (drift analysis needs it).
    expect(l.samplesMs.slice(0, 3)).toEqual([10, 9, 8]);
  });
});

describe('timed loop', () => {
  it('count-bound: exactly N samples, each the duration of one call', async () => {
    let calls = 0;
    const samples = await timeRuns(
      async () => {
        calls++;
      },
      { iterations: 25 },
    );
    expect(samples).toHaveLength(25);
    expect(calls).toBe(25);
    expect(Array.from(samples).every((s) => s >= 0)).toBe(true);
  });

  it('time-bound: stops after the budget, capped by maxIterations', async () => {
    const capped = await timeRuns(async () => undefined, { durationSeconds: 60, maxIterations: 7 });
    expect(capped).toHaveLength(7);
    const timed = await timeRuns(() => new Promise((r) => setTimeout(r, 5)), {
      durationSeconds: 0.05,
      maxIterations: 1000,
    });
    expect(timed.length).toBeGreaterThan(0);
    expect(timed.length).toBeLessThan(1000);
  });

  it('warm-up honours both the count and the time minimum', async () => {
    expect(await warmUp(async () => undefined, 4, 0)).toBe(4);
    // The time minimum is a lower bound on elapsed time, whatever the machine's load.
    const start = process.hrtime.bigint();
    await warmUp(() => new Promise((r) => setTimeout(r, 2)), 1, 0.03);
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeGreaterThanOrEqual(0.03);
  });
});

describe('hardware class', () => {
  it.each([
    ['AMD EPYC 7B13 64-Core Processor', 2, 'cpu', undefined, 'cpu-amd-epyc-7b13-64-core-2c'],
    ['Intel(R) Xeon(R) CPU @ 2.20GHz', 4, 'cpu', undefined, 'cpu-intel-xeon-4c'],
    ['AMD EPYC', 16, 'cuda', 'NVIDIA H100 80GB HBM3', 'gpu-nvidia-h100-80gb-hbm3'],
    ['AMD EPYC', 16, 'cuda', undefined, 'cpu-amd-epyc-16c'],
  ])('%s x%d on %s (gpu %s) -> %s', (cpu, cores, ep, gpu, expected) => {
    expect(hardwareClassOf(cpu, cores, ep, gpu)).toBe(expected);
  });
});

describe('runBenchmark on a generated YOLOv8n (real onnxruntime session)', () => {
  it('produces a schema-valid result with every sample and the fingerprint', async () => {
    const { path } = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, join(REPO_ROOT, '.cache/models'));
    const phases: string[] = [];
    const { result } = await runBenchmark(
      {
        modelPath: path,
        session: DEFAULT_SESSION_SETTINGS,
        provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
        dims: {},
        warmupIterations: 2,
        warmupSeconds: 0,
        stop: { iterations: 9 },
      },
      { onPhase: (p) => phases.push(p) },
    );
    expect(phases).toEqual(['load', 'warmup', 'timed', 'done']);
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
    expect(result.latency.samplesMs).toHaveLength(9);
    expect(result.model.inputs).toEqual([{ name: 'images', dtype: 'float32', shape: [1, 3, 64, 64] }]);
    expect(result.model.outputs[0]).toMatchObject({ name: 'output0', shape: [1, 84, 84] });
    expect(result.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.environment.onnxruntime).toBe('1.29.0');
    expect(result.environment.hardwareClass).toMatch(/^cpu-/);
    expect(result.memory.peakRssBytes).toBeGreaterThan(result.memory.rssBeforeSessionBytes / 2);
  });

  it('pre-allocates outputs only when every output shape is static', async () => {
    const { path } = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, join(REPO_ROOT, '.cache/models'));
    const session = await ort.InferenceSession.create(path);
    const fetches = preallocateOutputs(session.outputMetadata);
    expect(Object.keys(fetches ?? {})).toEqual(['output0']);
    expect(fetches?.output0?.dims).toEqual([1, 84, 84]);
    expect(resolveInputs(session.inputMetadata)).toEqual([
      { name: 'images', dtype: 'float32', shape: [1, 3, 64, 64] },
    ]);
    await session.release();
    expect(
      preallocateOutputs([{ name: 'y', isTensor: true, type: 'float32', shape: ['batch', 84] }]),
    ).toBeUndefined();
  });
});
