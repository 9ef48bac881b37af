import { isGpuProvider } from '../config/providers.js';
/**
 * The peak-memory figure the gate tests for one run: GPU bytes on GPU providers (when measured),
 * RSS bytes otherwise. The one owner of that choice (baselines, reports, the verdict). Pure.
 */
export function gatedPeakMemoryBytes(result) {
    if (isGpuProvider(result.provider.actual) && result.memory.peakGpuBytes !== undefined)
        return result.memory.peakGpuBytes;
    return result.memory.peakRssBytes;
}
/** Which figure two runs are compared on: GPU memory only when both measured it. */
export function comparedMemory(baseline, current) {
    const gpu = isGpuProvider(baseline.provider.actual) &&
        isGpuProvider(current.provider.actual) &&
        baseline.memory.peakGpuBytes !== undefined &&
        current.memory.peakGpuBytes !== undefined;
    return { gpu, label: gpu ? 'Peak GPU memory' : 'Peak RSS' };
}
/** A run's figure for {@link comparedMemory}. */
export function memoryOf(result, gpu) {
    return gpu ? result.memory.peakGpuBytes : result.memory.peakRssBytes;
}
