/**
 * Synthetic, deterministic result documents for the verdict tests: latency samples from a seeded
 * log-normal generator (inverse-CDF of a seeded uniform stream), everything else plain data.
 */
import { latencyFromSamples } from '../../src/bench/engine.js';
import type { RunSummary } from '../../src/compare/schema.js';
import type { BenchResult } from '../../src/schema/result.js';
import { createRandomSource, normalQuantile } from '../../src/stats/index.js';

export const MIB = 1024 * 1024;
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

/** n log-normal latencies with median `medianMs` and log-σ `sigma`, from `seed`; optional tail. */
export function latencies(
  n: number,
  seed: number,
  {
    medianMs = 10,
    sigma = 0.05,
    scale = 1,
    tailFraction = 0,
    tailScale = 1,
  }: { medianMs?: number; sigma?: number; scale?: number; tailFraction?: number; tailScale?: number } = {},
): number[] {
  const random = createRandomSource(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = Math.min(1 - 1e-12, Math.max(1e-12, random()));
    let v = medianMs * Math.exp(sigma * normalQuantile(u)) * scale;
    if (tailFraction > 0 && random() < tailFraction) v *= 1.5 * tailScale;
    out.push(Math.round(v * 1e6) / 1e6);
  }
  return out;
}

export interface ResultOptions {
  name?: string;
  sha256?: string;
  shape?: number[];
  rssBytes?: number;
  gpuBytes?: number;
  env?: Record<string, unknown>;
  reliable?: boolean;
  reasons?: string[];
  provider?: string;
}

/** A complete, schema-valid result document around `samples`. */
export function makeResult(samples: number[], o: ResultOptions = {}): BenchResult {
  const provider = o.provider ?? 'cpu';
  const result: BenchResult = {
    kind: 'yolo-perf-gate/result',
    schemaVersion: 1,
    tool: { name: 'yolo-perf-gate', version: '0.1.0' },
    createdAt: '2026-01-01T00:00:00.000Z',
    model: {
      path: `${o.name ?? 'yolov8n'}.onnx`,
      name: o.name ?? 'yolov8n',
      sha256: o.sha256 ?? SHA_A,
      sizeBytes: 1000,
      inputs: [{ name: 'images', dtype: 'float32', shape: o.shape ?? [1, 3, 640, 640] }],
      outputs: [{ name: 'output0', dtype: 'float32', shape: [1, 84, 8400] }],
    },
    settings: {
      graphOptimizationLevel: 'all',
      intraOpThreads: 1,
      interOpThreads: 1,
      warmupIterations: 10,
      warmupSeconds: 1,
      iterations: samples.length,
      dims: {},
    },
    provider: { requested: [provider], actual: provider, fallback: false },
    latency: latencyFromSamples(samples.length > 0 ? samples : [1]),
    memory: {
      peakRssBytes: o.rssBytes ?? 200 * MIB,
      rssBeforeSessionBytes: 100 * MIB,
      ...(o.gpuBytes !== undefined ? { peakGpuBytes: o.gpuBytes } : {}),
    },
    environment: {
      hardwareClass: 'cpu-test-2c',
      cpuModel: 'Test CPU',
      logicalCpus: 2,
      totalMemoryBytes: 8 * 1024 * MIB,
      os: 'linux 6.1',
      arch: 'x64',
      node: 'v20.20.2',
      onnxruntime: '1.29.0',
      executionProvider: provider,
      intraOpThreads: 1,
      interOpThreads: 1,
      graphOptimizationLevel: 'all',
      ...(o.env ?? {}),
    } as BenchResult['environment'],
    health: { reliable: o.reliable ?? true, reasons: o.reasons ?? [] },
  };
  // Keep the samples exactly as given (also empty or invalid ones, for the bad-input tests).
  result.latency.samplesMs = samples;
  return result;
}

/** History entries with the given P50s (P99 = 1.5 × P50, memory constant). */
export function historyOf(p50s: number[], sha256 = SHA_A, peakMemoryBytes = 200 * MIB): RunSummary[] {
  return p50s.map((p50, i) => ({
    recordedAt: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`,
    modelSha256: sha256,
    count: 1000,
    p50,
    p90: p50 * 1.2,
    p99: p50 * 1.5,
    mean: p50,
    peakMemoryBytes,
  }));
}
