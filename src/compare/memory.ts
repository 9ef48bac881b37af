import { isGpuProvider } from '../config/providers.js';
import type { BenchResult } from '../schema/result.js';

/**
 * The peak-memory figure the gate tests for one run: GPU bytes on GPU providers (when measured),
 * RSS bytes otherwise. The one owner of that choice (baselines, reports, the verdict). Pure.
 */
export function gatedPeakMemoryBytes(result: BenchResult): number {
  if (isGpuProvider(result.provider.actual) && result.memory.peakGpuBytes !== undefined)
    return result.memory.peakGpuBytes;
  return result.memory.peakRssBytes;
}

/** Which figure two runs are compared on: GPU memory only when both measured it. */
export function comparedMemory(baseline: BenchResult, current: BenchResult): { gpu: boolean; label: string } {
  const gpu =
    isGpuProvider(baseline.provider.actual) &&
    isGpuProvider(current.provider.actual) &&
    baseline.memory.peakGpuBytes !== undefined &&
    current.memory.peakGpuBytes !== undefined;
  return { gpu, label: gpu ? 'Peak GPU memory' : 'Peak RSS' };
}

/** A run's figure for {@link comparedMemory}. */
export function memoryOf(result: BenchResult, gpu: boolean): number {
  return gpu ? (result.memory.peakGpuBytes as number) : result.memory.peakRssBytes;
}
