/**
 * The common interface of the GPU telemetry sources (NVML through koffi, nvidia-smi as fallback)
 * and `openGpuTelemetry`, which picks the first that works and otherwise says why none does.
 * A CPU-only run simply gets `{ unavailable }` and continues.
 */
import { errorMessage } from '../util/errors.js';
import { openNvml } from './nvml.js';
import { openNvidiaSmi } from './smi.js';
export function isGpuUnavailable(x) {
    return typeof x === 'object' && x !== null && typeof x.unavailable === 'string';
}
/** NVML first, nvidia-smi second; never throws. */
export function openGpuTelemetry(options = {}) {
    const env = options.env ?? process.env;
    let nvmlWhy = 'disabled';
    if (!options.disableNvml) {
        try {
            return openNvml({ library: options.nvmlLibrary, env });
        }
        catch (err) {
            nvmlWhy = errorMessage(err);
        }
    }
    try {
        return openNvidiaSmi({ command: options.smiCommand, env });
    }
    catch (err) {
        return { unavailable: `no GPU telemetry: NVML: ${nvmlWhy}; nvidia-smi: ${errorMessage(err)}` };
    }
}
