/**
 * Glue for src/core/bench.ts: measures idle GPU memory before the session, samples the GPU on a
 * worker thread during the timed window, and writes the summary into the result document. Without
 * GPU telemetry it logs why and does nothing (the benchmark goes on).
 */
import { errorMessage } from '../util/errors.js';
import { gpuFingerprint } from './fingerprint.js';
import { measureIdleMemory, startGpuSampler } from './sampler.js';
import { isGpuUnavailable, openGpuTelemetry } from './telemetry.js';
export function startGpuMonitor(options = {}) {
    const log = options.log ?? (() => undefined);
    const deviceIndex = options.deviceIndex ?? 0;
    let fingerprint;
    const source = openGpuTelemetry({ nvmlLibrary: options.nvmlLibrary });
    if (isGpuUnavailable(source)) {
        log(`GPU telemetry unavailable: ${source.unavailable}`);
    }
    else {
        try {
            const device = source.devices().find((d) => d.index === deviceIndex);
            if (device)
                fingerprint = gpuFingerprint(device);
            else
                log(`GPU telemetry: no device ${deviceIndex}`);
        }
        catch (err) {
            log(`GPU telemetry: ${errorMessage(err)}`);
        }
        finally {
            source.close();
        }
    }
    let idleUsedBytes = null;
    let sampler;
    let summary;
    return {
        fingerprint,
        beforeSession: async () => {
            if (!fingerprint)
                return;
            const idle = await measureIdleMemory({ deviceIndex, nvmlLibrary: options.nvmlLibrary });
            if (isGpuUnavailable(idle))
                log(`GPU idle memory not measured: ${idle.unavailable}`);
            else
                idleUsedBytes = idle.usedBytes;
        },
        observer: {
            start: async () => {
                if (!fingerprint)
                    return;
                const s = await startGpuSampler({
                    intervalMs: options.intervalMs,
                    deviceIndex,
                    nvmlLibrary: options.nvmlLibrary,
                    pid: options.pid,
                    idleUsedBytes,
                    minClockFraction: options.minClockFraction,
                });
                if (isGpuUnavailable(s))
                    log(`GPU sampling unavailable: ${s.unavailable}`);
                else
                    sampler = s;
            },
            stop: async () => {
                if (!sampler)
                    return undefined;
                summary = await sampler.stop();
                return summary;
            },
        },
        summary: () => summary,
        applyTo: (result) => {
            if (!summary)
                return;
            result.gpu = summary;
            if (summary.peakMemory.bytes !== null)
                result.memory.peakGpuBytes = summary.peakMemory.bytes;
            result.memory.gpuMethod = `${summary.peakMemory.method}: ${summary.peakMemory.reason}`;
            if (!summary.health.reliable) {
                result.health.reliable = false;
                result.health.reasons.push(...summary.health.reasons);
            }
        },
    };
}
