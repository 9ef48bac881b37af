/**
 * The interleaved reference workload (src/bench/reference.ts, `timeInterleaved` in
 * src/bench/timing.ts): real onnxruntime sessions on small generated models, and the seeded order of
 * each pair. Nothing here asserts a time: only counts, orders, shapes and the schema.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSummaryOf } from '../../src/baseline/summary.js';
import { runBenchmark, type BenchOptions } from '../../src/bench/engine.js';
import { referenceBlock, referenceImageSize, type DeclaredInput } from '../../src/bench/reference.js';
import { DEFAULT_SESSION_SETTINGS } from '../../src/bench/session.js';
import { timeInterleaved } from '../../src/bench/timing.js';
import { ensureModel } from '../../src/model/index.js';
import { BenchResultSchema, type ReferenceBlock } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { sha256File } from '../../src/util/hash.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { writeReluModelWithDims } from '../helpers/dynamic-model.js';

const CACHE = join(REPO_ROOT, '.cache/models');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-reference-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(modelPath: string, o: Partial<BenchOptions> = {}): BenchOptions {
  return {
    modelPath,
    session: { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: 1, interOpThreads: 1 },
    provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
    dims: {},
    warmupIterations: 2,
    warmupSeconds: 0,
    stop: { iterations: 12 },
    reference: { cacheDir: CACHE },
    ...o,
  };
}

describe('runBenchmark with the interleaved reference (real onnxruntime sessions)', () => {
  it('records a reference block: one reference run per model run, a positive ratio, a valid result', async () => {
    const { path } = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE);
    const phases: string[] = [];
    const { result } = await runBenchmark(options(path), { onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(['reference', 'load', 'warmup', 'timed', 'done']);
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
    const ref = result.reference as ReferenceBlock;
    expect(ref).toMatchObject({ model: 'yolo11n', imgsz: 64, samples: 12, orderSeed: 0x5eed });
    expect(result.latency.count).toBe(12);
    expect(ref.samples).toBe(result.latency.count);
    // The sha256 of the reference's ONNX bytes: the generated yolo11n at the model's size.
    expect(ref.sha256).toBe(
      await sha256File((await ensureModel({ arch: 'yolo11n', imgsz: 64 }, CACHE)).path),
    );
    expect(ref.ratio).toBeGreaterThan(0);
    expect(ref.ratio).toBeCloseTo(result.latency.p50 / ref.p50Ms, 6);
    expect(ref.logRatioSe).toBeGreaterThanOrEqual(0);
    // A baseline recorded from this run keeps the ratio in its history row.
    const row = runSummaryOf(result, { recordedAt: '2026-12-04T00:00:00.000Z' });
    expect(row).toMatchObject({ referenceRatio: ref.ratio, referenceSha256: ref.sha256 });
    expect(row.referenceLogSe).toBe(ref.logRatioSe);
  });

  it('uses the size --dim gives a dynamic model, and the same session settings', async () => {
    const path = join(dir, 'dynamic-batch.onnx');
    writeReluModelWithDims(path, ['batch', 3, 64, 64]);
    const { result } = await runBenchmark(options(path, { dims: { batch: 1 }, stop: { iterations: 5 } }));
    expect(result.reference).toMatchObject({ model: 'yolo11n', imgsz: 64, samples: 5 });
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
  });

  it.each<{ name: string; dims: (number | string)[]; set: Record<string, number>; reason: RegExp }>([
    {
      name: 'a dynamic input whose size --dim does not make square',
      dims: ['batch', 3, 'height', 'width'],
      set: { batch: 1, height: 64, width: 96 },
      reason: /^model input "images" is 64×96, not square/,
    },
    {
      name: 'an input that is not an image',
      dims: [1, 64],
      set: {},
      reason: /^model input "images" has shape \[1, 64\]; the reference needs an NCHW image input/,
    },
    {
      name: 'a size the generator cannot build',
      dims: [1, 3, 40, 40],
      set: {},
      reason: /^model input "images" is 40 px; the reference is generated at a multiple of 32 px/,
    },
  ])(
    'skips the reference with the reason for $name, and the benchmark still runs',
    async ({ dims, set, reason }) => {
      const path = join(dir, `skip-${dims.join('x')}.onnx`);
      writeReluModelWithDims(path, dims);
      const { result } = await runBenchmark(options(path, { dims: set, stop: { iterations: 4 } }));
      expect(result.latency.count).toBe(4);
      expect(result.reference).toEqual({ skipped: expect.stringMatching(reason) as string });
      expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
      expect(runSummaryOf(result, { recordedAt: '2026-12-04T00:00:00.000Z' }).referenceRatio).toBeUndefined();
    },
  );
});

describe('referenceImageSize (the model input the reference is built for)', () => {
  const one = (dims: DeclaredInput['dims']): DeclaredInput[] => [{ name: 'images', dims }];
  it.each<{ inputs: DeclaredInput[]; dims: Record<string, number>; expected: unknown }>([
    { inputs: one([1, 3, 640, 640]), dims: {}, expected: { imgsz: 640 } },
    { inputs: one([4, 3, 320, 320]), dims: {}, expected: { imgsz: 320 } },
    { inputs: one(['batch', 3, 'h', 'w']), dims: { batch: 1, h: 192, w: 192 }, expected: { imgsz: 192 } },
    {
      inputs: one([1, 3, undefined, undefined]),
      dims: { 'images[2]': 96, 'images[3]': 96 },
      expected: { imgsz: 96 },
    },
    {
      inputs: one(['batch', 3, 'height', 'width']),
      dims: { batch: 1 },
      expected: {
        skipped:
          'model input "images" [batch, 3, height, width] is dynamic ("height", "width" not set by --dim), so there is no fixed size to build the reference at',
      },
    },
    {
      inputs: [
        { name: 'images', dims: [1, 3, 64, 64] },
        { name: 'scale', dims: [1] },
      ],
      dims: {},
      expected: {
        skipped: 'the model has 2 inputs (images, scale); the reference needs one NCHW image input',
      },
    },
    {
      inputs: one([1, 1, 64, 64]),
      dims: {},
      expected: {
        skipped:
          'model input "images" has shape [1, 1, 64, 64]; the reference needs an NCHW image input [N, 3, S, S]',
      },
    },
  ])('$inputs.0.dims with $dims -> $expected', ({ inputs, dims, expected }) => {
    expect(referenceImageSize(inputs, dims)).toEqual(expected);
  });
});

describe('timeInterleaved', () => {
  /** Records which workload ran, in order, through two do-nothing runs. */
  async function record(
    seed: number,
    iterations: number,
  ): Promise<{ calls: string; order: string; n: number[] }> {
    let calls = '';
    const r = await timeInterleaved(
      async () => {
        calls += 'M';
      },
      async () => {
        calls += 'R';
      },
      { iterations },
      { seed },
    );
    return { calls, order: r.order, n: [r.samples.length, r.reference.length] };
  }

  it('runs one reference run per model run, the order of each pair drawn from the seed', async () => {
    const a = await record(7, 200);
    expect(a.n).toEqual([200, 200]);
    expect(a.order).toMatch(/^[MR]{200}$/);
    // The calls are the pairs in the recorded order: MR for M, RM for R.
    expect(a.calls).toBe([...a.order].map((first) => (first === 'M' ? 'MR' : 'RM')).join(''));
    // Neither always goes first.
    const modelFirst = [...a.order].filter((x) => x === 'M').length;
    expect(modelFirst).toBeGreaterThan(60);
    expect(modelFirst).toBeLessThan(140);
    // The same seed gives the same order; another seed another one.
    expect((await record(7, 200)).order).toBe(a.order);
    expect((await record(8, 200)).order).not.toBe(a.order);
    // The default seed is fixed too.
    const d1 = await timeInterleaved(
      async () => undefined,
      async () => undefined,
      { iterations: 50 },
    );
    const d2 = await timeInterleaved(
      async () => undefined,
      async () => undefined,
      { iterations: 50 },
    );
    expect(d1.order).toBe(d2.order);
  });

  it('keeps the stop rule of the model samples: a count, or a time budget capped by maxIterations', async () => {
    const capped = await timeInterleaved(
      async () => undefined,
      async () => undefined,
      {
        durationSeconds: 60,
        maxIterations: 9,
      },
    );
    expect([capped.samples.length, capped.reference.length]).toEqual([9, 9]);
    const timed = await timeInterleaved(
      () => new Promise((r) => setTimeout(r, 2)),
      () => new Promise((r) => setTimeout(r, 2)),
      { durationSeconds: 0.05, maxIterations: 1000 },
    );
    expect(timed.samples.length).toBeGreaterThan(0);
    expect(timed.samples.length).toBeLessThan(1000);
    expect(timed.reference.length).toBe(timed.samples.length);
  });
});

describe('referenceBlock (pure)', () => {
  it('the ratio of the P50s, and a log SE that the pairing keeps small when both share the drift', () => {
    // Both workloads follow the same slow drift of the machine (±20%), the model at 2.5× the reference.
    const drift = Array.from({ length: 400 }, (_, i) => 1 + 0.2 * Math.sin(i / 40));
    const jitter = (i: number, k: number): number => 1 + 0.01 * Math.sin(i * k);
    const reference = drift.map((d, i) => 4 * d * jitter(i, 1.7));
    const model = drift.map((d, i) => 10 * d * jitter(i, 2.3));
    const b = referenceBlock({ model: 'yolo11n', imgsz: 192, sha256: 'e'.repeat(64) }, model, reference);
    expect(b.ratio).toBeCloseTo(2.5, 1);
    expect(b.samples).toBe(400);
    // Pairs share the drift: log(ratio) is known to a fraction of the ±20% the absolute P50 spans.
    expect(b.logRatioSe).toBeLessThan(0.01);
    expect(referenceBlock({ model: 'yolo11n', imgsz: 64, sha256: 'e'.repeat(64) }, [5], [2])).toEqual({
      model: 'yolo11n',
      imgsz: 64,
      sha256: 'e'.repeat(64),
      samples: 1,
      p50Ms: 2,
      ratio: 2.5,
      orderSeed: 0x5eed,
    });
  });
});
