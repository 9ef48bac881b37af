import type { RunSummary } from '../compare/schema.js';
import { isGpuProvider } from '../gpu/provider-names.js';
import type { BenchResult } from '../schema/result.js';

/** Peak memory the gate tests: GPU bytes on GPU providers (when measured), RSS bytes otherwise. */
export function gatedPeakMemoryBytes(result: BenchResult): number {
  if (isGpuProvider(result.provider.actual) && result.memory.peakGpuBytes !== undefined)
    return result.memory.peakGpuBytes;
  return result.memory.peakRssBytes;
}

/** The run-level summary of one result, as kept in a baseline's history. */
export function runSummaryOf(
  result: BenchResult,
  recorded: { recordedAt: string; commit?: string },
): RunSummary {
  const l = result.latency;
  return {
    recordedAt: recorded.recordedAt,
    ...(recorded.commit ? { commit: recorded.commit } : {}),
    modelSha256: result.model.sha256,
    count: l.count,
    p50: l.p50,
    p90: l.p90,
    p99: l.p99,
    mean: l.mean,
    peakMemoryBytes: gatedPeakMemoryBytes(result),
  };
}

/**
 * Even thinning: keeps `max` of `samples` at indices floor(i * n / max), i = 0..max-1, so the kept
 * samples span the whole run in measurement order (warm-up drift and periodic noise stay visible).
 * Returns the input unchanged when it has at most `max` samples.
 */
export function thinSamples(samples: readonly number[], max: number): number[] {
  const n = samples.length;
  if (n <= max) return [...samples];
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(samples[Math.floor((i * n) / max)] as number);
  return out;
}
