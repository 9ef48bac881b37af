/**
 * The one list of execution providers this gate knows, which of them run on a GPU, the parser of
 * `--ep`, and onnxruntime's graph optimisation levels. Pure and free of native modules on purpose:
 * parsing a config must not load koffi or onnxruntime (src/gpu/providers.ts does the checks that
 * need them, src/bench builds sessions, src/baseline and src/compare pick the memory figure, all
 * from this list).
 */
import { UsageError } from '../util/errors.js';
/** Providers accepted by `--ep`, in the order the help text lists them. */
export const EXECUTION_PROVIDERS = ['cuda', 'tensorrt', 'webgpu', 'cpu'];
/** Providers that run the model on a GPU (GPU memory is gated, GPU telemetry is sampled). */
export const GPU_PROVIDERS = ['cuda', 'tensorrt', 'webgpu'];
/** Providers that run on NVIDIA's CUDA stack (NVML telemetry, CUDA_LAUNCH_BLOCKING when profiling). */
export const CUDA_PROVIDERS = ['cuda', 'tensorrt'];
/** Providers whose `:N` suffix is a CUDA device id. */
export const PROVIDERS_WITH_DEVICE_ID = CUDA_PROVIDERS;
/**
 * Short provider name of anything a result or trace may carry: `cuda`, `cuda:1`,
 * `CUDAExecutionProvider`, `WebGpuExecutionProvider`.
 */
export function shortProviderName(name) {
    return name
        .split(':')[0]
        .replace(/ExecutionProvider$/i, '')
        .toLowerCase();
}
/** True when `name` (any spelling accepted by {@link shortProviderName}) runs on a GPU. */
export function isGpuProvider(name) {
    return GPU_PROVIDERS.includes(shortProviderName(name));
}
/** True when `name` runs on the CUDA stack (cuda, tensorrt). */
export function isCudaProvider(name) {
    return CUDA_PROVIDERS.includes(shortProviderName(name));
}
/** Parses "cuda:0,cpu" into requests; UsageError names the input and lists the valid names. */
export function parseExecutionProviders(value, inputName = '--ep') {
    const parts = value.split(',').map((p) => p.trim());
    if (value.trim() === '' || parts.some((p) => p === '')) {
        throw new UsageError(`${inputName}: expected a comma-separated list of ${EXECUTION_PROVIDERS.join(', ')} (optionally name:deviceId), got "${value}"`);
    }
    const seen = new Set();
    return parts.map((part) => {
        const m = /^([a-z]+)(?::(\d+))?$/i.exec(part);
        const name = m?.[1]?.toLowerCase();
        if (!m || !name || !EXECUTION_PROVIDERS.includes(name)) {
            throw new UsageError(`${inputName}: unknown execution provider "${part}" in "${value}"; valid: ${EXECUTION_PROVIDERS.join(', ')} (e.g. "cuda:0,cpu")`);
        }
        const ep = name;
        if (m[2] !== undefined && !PROVIDERS_WITH_DEVICE_ID.includes(ep)) {
            throw new UsageError(`${inputName}: "${name}" takes no device id, got "${part}"`);
        }
        if (seen.has(name))
            throw new UsageError(`${inputName}: "${name}" is listed twice in "${value}"`);
        seen.add(name);
        return m[2] === undefined ? { name: ep } : { name: ep, deviceId: Number(m[2]) };
    });
}
/** The `--ep` text of a provider list: the inverse of {@link parseExecutionProviders}. */
export function formatExecutionProviders(list) {
    return list.map((e) => (e.deviceId !== undefined ? `${e.name}:${e.deviceId}` : e.name)).join(',');
}
/** onnxruntime's graph optimisation levels, as `--graph-optimization` takes them. */
export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'];
