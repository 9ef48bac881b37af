/**
 * GPU sampler: samples NVML (or nvidia-smi) on a worker thread at a fixed interval while the main
 * thread times `session.run`, then summarises the samples. `measureIdleMemory` reads the
 * device-level used memory before the session is created (the baseline of the device-level
 * peak-memory method).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UsageError, errorMessage } from '../util/errors.js';
import { summarizeGpuSamples } from './summary.js';
import { isGpuUnavailable, openGpuTelemetry } from './telemetry.js';
export const DEFAULT_SAMPLE_INTERVAL_MS = 50;
/**
 * The worker: the compiled sampler-worker.js next to this file, or, when running from the
 * TypeScript sources (tests, `tsx`), a bootstrap that registers tsx in the worker and imports
 * sampler-worker.ts (`--import tsx` in a worker's execArgv is not applied on Node 20).
 */
function createWorker(workerData, env) {
    const envOption = env ? { env } : {};
    const js = new URL('./sampler-worker.js', import.meta.url);
    if (existsSync(fileURLToPath(js)))
        return new Worker(js, { workerData, ...envOption });
    const ts = new URL('./sampler-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); })` +
        `.catch((err) => { throw err; });`;
    return new Worker(boot, { eval: true, workerData, ...envOption });
}
function checkInterval(intervalMs) {
    if (!Number.isFinite(intervalMs) || intervalMs <= 0) {
        throw new UsageError(`gpu sample interval: expected a positive number of milliseconds, got "${intervalMs}"`);
    }
}
/**
 * Starts sampling on a worker thread; resolves once the first sample has been taken, or with
 * `{ unavailable }` when there is no GPU telemetry (CPU-only runs go on without it).
 */
export function startGpuSampler(options = {}) {
    const intervalMs = options.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
    checkInterval(intervalMs);
    const device = options.device ?? options.deviceIndex ?? 0;
    const pid = options.pid === undefined ? process.pid : options.pid;
    const data = {
        intervalMs,
        device,
        nvmlLibrary: options.nvmlLibrary,
        smiCommand: options.smiCommand,
        disableNvml: options.disableNvml,
    };
    const worker = createWorker(data, options.env);
    return new Promise((resolve) => {
        let done = null;
        let failStop = null;
        let ready = false;
        worker.on('message', (msg) => {
            if (msg.type === 'unavailable')
                resolve({ unavailable: msg.reason });
            else if (msg.type === 'done')
                done?.(msg);
            else if (msg.type === 'ready') {
                ready = true;
                let samples = [];
                let errors = { count: 0, last: null };
                resolve({
                    kind: msg.kind,
                    device: msg.device,
                    samples: () => samples,
                    errors: () => errors,
                    stop: () => new Promise((res, rej) => {
                        failStop = rej;
                        done = (m) => {
                            samples = m.samples;
                            errors = { count: m.errors, last: m.lastError };
                            res(summarizeGpuSamples(samples, {
                                pid,
                                selfPid: process.pid,
                                ...(options.ambiguousPids ? { ambiguousPids: options.ambiguousPids } : {}),
                                idleUsedBytes: options.idleUsedBytes ?? null,
                                source: msg.kind,
                                deviceIndex: msg.device.index,
                                deviceUuid: msg.device.uuid,
                                mig: msg.device.migParentUuid !== undefined,
                                ...(options.deviceSelection ? { deviceSelection: options.deviceSelection } : {}),
                                ...(options.ownProcessMethod ? { ownProcessMethod: options.ownProcessMethod } : {}),
                                intervalMs,
                                minClockFraction: options.minClockFraction,
                                maxSmClockMhz: msg.device.maxSmClockMhz,
                                maxTimelinePoints: options.maxTimelinePoints,
                            }));
                        };
                        worker.postMessage({ type: 'stop' });
                    }),
                });
            }
        });
        worker.on('error', (err) => {
            if (!ready)
                resolve({ unavailable: `GPU sampler worker failed: ${errorMessage(err)}` });
            else
                failStop?.(err);
        });
        worker.on('exit', (code) => {
            if (!ready)
                resolve({ unavailable: `GPU sampler worker exited with code ${code} before sampling` });
            else
                failStop?.(new Error(`GPU sampler worker exited with code ${code}`));
        });
    });
}
/**
 * Device-level used memory before the onnxruntime session is created (main thread; nothing is
 * being timed yet). Takes `readings` samples `spacingMs` apart and keeps the lowest.
 */
export async function measureIdleMemory(options = {}) {
    const source = openGpuTelemetry(options);
    if (isGpuUnavailable(source))
        return source;
    try {
        const values = [];
        const readings = options.readings ?? 3;
        for (let i = 0; i < readings; i++) {
            if (i > 0)
                await new Promise((r) => setTimeout(r, options.spacingMs ?? 20));
            const used = source.memoryUsed(options.device ?? options.deviceIndex ?? 0);
            if (used !== null)
                values.push(used);
        }
        if (values.length === 0)
            return { unavailable: `${source.kind} does not report device used memory` };
        return { kind: source.kind, usedBytes: Math.min(...values) };
    }
    catch (err) {
        return { unavailable: `${source.kind}: ${errorMessage(err)}` };
    }
    finally {
        source.close();
    }
}
