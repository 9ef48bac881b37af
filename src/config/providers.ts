/**
 * The execution providers the gate knows, and the parsing of `--ep` / `execution-provider`. The one
 * owner of the provider names: src/gpu checks availability, src/bench builds sessions, src/baseline
 * and src/compare pick the memory figure, all from this list. Imports nothing native, so parsing a
 * config never loads onnxruntime or koffi.
 */
import { UsageError } from '../util/errors.js';

export const EXECUTION_PROVIDERS = ['cuda', 'tensorrt', 'webgpu', 'cpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

/** Providers that run the model on a GPU: GPU telemetry, GPU memory, CUDA_LAUNCH_BLOCKING for profiling. */
export const GPU_PROVIDERS: ReadonlySet<string> = new Set<ExecutionProvider>(['cuda', 'tensorrt', 'webgpu']);

/** Providers whose kernels are CUDA kernels (NVML telemetry, CUDA libraries). */
export const CUDA_PROVIDERS: ReadonlySet<string> = new Set<ExecutionProvider>(['cuda', 'tensorrt']);

/** True for the providers whose kernels are CUDA kernels. */
export function isCudaProvider(name: string): name is 'cuda' | 'tensorrt' {
  return CUDA_PROVIDERS.has(name);
}

/** True for a provider name (or `name:device`) that runs on a GPU. */
export function isGpuProvider(name: string): boolean {
  return GPU_PROVIDERS.has(name.split(':')[0] ?? name);
}

export interface ExecutionProviderRequest {
  name: ExecutionProvider;
  deviceId?: number;
}
/** Alias used by src/config and src/core. */
export type ExecutionProviderSpec = ExecutionProviderRequest;

/** `cuda:0,cpu` → [{ name: 'cuda', deviceId: 0 }, { name: 'cpu' }]; the inverse of {@link formatExecutionProviders}. */
export function parseExecutionProviders(value: string, inputName = '--ep'): ExecutionProviderRequest[] {
  const parts = value.split(',').map((p) => p.trim());
  if (value.trim() === '' || parts.some((p) => p === '')) {
    throw new UsageError(
      `${inputName}: expected a comma-separated list of ${EXECUTION_PROVIDERS.join(', ')} (optionally name:deviceId), got "${value}"`,
    );
  }
  const seen = new Set<string>();
  return parts.map((part) => {
    const m = /^([a-z]+)(?::(\d+))?$/i.exec(part);
    const name = m?.[1]?.toLowerCase();
    if (!m || !name || !(EXECUTION_PROVIDERS as readonly string[]).includes(name)) {
      throw new UsageError(
        `${inputName}: unknown execution provider "${part}" in "${value}"; valid: ${EXECUTION_PROVIDERS.join(', ')} (e.g. "cuda:0,cpu")`,
      );
    }
    if (m[2] !== undefined && !CUDA_PROVIDERS.has(name)) {
      throw new UsageError(`${inputName}: "${name}" takes no device id, got "${part}"`);
    }
    if (seen.has(name)) throw new UsageError(`${inputName}: "${name}" is listed twice in "${value}"`);
    seen.add(name);
    return m[2] === undefined
      ? { name: name as ExecutionProvider }
      : { name: name as ExecutionProvider, deviceId: Number(m[2]) };
  });
}

/** The `--ep` text of a provider list. */
export function formatExecutionProviders(list: readonly ExecutionProviderRequest[]): string {
  return list.map((e) => (e.deviceId !== undefined ? `${e.name}:${e.deviceId}` : e.name)).join(',');
}

/** onnxruntime's graph optimisation levels, as `--graph-optimization` takes them. */
export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'] as const;
export type GraphOptimizationLevel = (typeof GRAPH_OPTIMIZATION_LEVELS)[number];
