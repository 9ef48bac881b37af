/**
 * Glue for src/core/bench.ts: finds the GPU the session runs on, measures idle GPU memory before
 * the session, identifies this benchmark's process in the driver's list when the session has been
 * created, samples the GPU on a worker thread during the timed window, and writes the summary into
 * the result document. Without GPU telemetry it logs why and does nothing (the benchmark goes on).
 *
 * Which GPU: device-map.ts maps the CUDA device id through CUDA_VISIBLE_DEVICES and
 * CUDA_DEVICE_ORDER to a UUID. When that mapping is not certain, the device whose used memory grew
 * when the session was created is taken instead, and the summary says which method decided.
 * Which process: the driver lists host pids, so inside a container our pid is not in the list;
 * the process that appeared when the session was created is ours (device-map.ts identifyOwnProcess).
 */
import { errorMessage } from '../util/errors.js';
import { identifyOwnProcess, pickGrownDevice, resolveCudaDevice, } from './device-map.js';
import { gpuFingerprint } from './fingerprint.js';
import { startGpuSampler } from './sampler.js';
import { isGpuUnavailable, openGpuTelemetry } from './telemetry.js';
/** Every device worth watching for the session's memory: GPUs and their MIG devices. */
function allUuids(topology) {
    return topology.flatMap((g) => [g.uuid, ...g.migDevices.map((m) => m.uuid)]);
}
function readMemory(source, uuids) {
    const out = new Map();
    for (const uuid of uuids) {
        try {
            out.set(uuid, source.memoryUsed(uuid));
        }
        catch {
            out.set(uuid, null);
        }
    }
    return out;
}
function readProcesses(source, uuid) {
    try {
        return source.processes(uuid);
    }
    catch {
        return null;
    }
}
export function startGpuMonitor(options = {}) {
    const log = options.log ?? (() => undefined);
    const env = options.env ?? process.env;
    const cudaDeviceId = options.cudaDeviceId ?? options.deviceIndex ?? 0;
    const pid = options.pid ?? process.pid;
    const openOptions = {
        nvmlLibrary: options.nvmlLibrary,
        smiCommand: options.smiCommand,
        disableNvml: options.disableNvml,
        env,
    };
    let fingerprint;
    let topology = [];
    let resolution;
    let target;
    let selection;
    const source = openGpuTelemetry(openOptions);
    if (isGpuUnavailable(source)) {
        log(`GPU telemetry unavailable: ${source.unavailable}`);
    }
    else {
        try {
            topology = source.topology();
            resolution = resolveCudaDevice(cudaDeviceId, env, topology);
            selection = resolution.method;
            if (resolution.uuid === null)
                log(`GPU telemetry: ${resolution.method}`);
            else {
                target = resolution.uuid;
                const info = source.deviceInfo(target);
                if (info)
                    fingerprint = gpuFingerprint(info);
                else
                    log(`GPU telemetry: no device ${target}`);
            }
        }
        catch (err) {
            log(`GPU telemetry: ${errorMessage(err)}`);
        }
        finally {
            source.close();
        }
    }
    let before;
    let idleUsedBytes = null;
    let own;
    let sampler;
    let summary;
    const withSource = (what, f) => {
        const s = openGpuTelemetry(openOptions);
        if (isGpuUnavailable(s)) {
            log(`GPU ${what}: ${s.unavailable}`);
            return undefined;
        }
        try {
            return f(s);
        }
        catch (err) {
            log(`GPU ${what}: ${errorMessage(err)}`);
            return undefined;
        }
        finally {
            s.close();
        }
    };
    return {
        get fingerprint() {
            return fingerprint;
        },
        get deviceSelection() {
            return selection;
        },
        get ownProcess() {
            return own;
        },
        beforeSession: async () => {
            if (!fingerprint || target === undefined)
                return;
            const uuids = allUuids(topology);
            before = withSource('idle memory not measured', (s) => {
                // The lowest of three readings of each device: the idle level the peak is measured against.
                const readings = [readMemory(s, uuids), readMemory(s, uuids), readMemory(s, uuids)];
                const memory = new Map();
                for (const uuid of uuids) {
                    const values = readings.map((r) => r.get(uuid)).filter((v) => typeof v === 'number');
                    memory.set(uuid, values.length ? Math.min(...values) : null);
                }
                const processes = new Map(uuids.map((u) => [u, readProcesses(s, u)]));
                return { memory, processes };
            });
            idleUsedBytes = before?.memory.get(target) ?? null;
        },
        afterSession: async () => {
            if (!fingerprint || target === undefined || !resolution || !before)
                return;
            const snapshot = before;
            const after = withSource('device check after the session was created', (s) => {
                const memory = readMemory(s, allUuids(topology));
                if (!resolution.certain) {
                    const grown = pickGrownDevice(snapshot.memory, memory);
                    if ('uuid' in grown) {
                        const growth = `${Math.round(grown.growthBytes / 2 ** 20)} MiB`;
                        if (grown.uuid === target) {
                            selection = `${resolution.method}; confirmed: its used memory grew by ${growth} when the session was created`;
                        }
                        else {
                            selection = `${resolution.method}; but the session's memory (+${growth}) appeared on ${grown.uuid}, which is used instead`;
                            target = grown.uuid;
                            const info = s.deviceInfo(target);
                            if (info)
                                fingerprint = gpuFingerprint(info);
                        }
                    }
                    else {
                        selection = `${resolution.method}; not confirmed: ${grown.none}`;
                    }
                }
                return { processes: readProcesses(s, target) };
            });
            idleUsedBytes = snapshot.memory.get(target) ?? null;
            own = identifyOwnProcess(snapshot.processes.get(target) ?? null, after?.processes ?? null, pid);
            log(`GPU device: ${selection}; process: ${own.method}`);
        },
        observer: {
            start: async () => {
                if (!fingerprint || target === undefined)
                    return;
                const s = await startGpuSampler({
                    intervalMs: options.intervalMs,
                    device: target,
                    nvmlLibrary: options.nvmlLibrary,
                    smiCommand: options.smiCommand,
                    disableNvml: options.disableNvml,
                    env,
                    // Before afterSession has run (a caller without that hook), assume the driver lists our pid.
                    pid: own ? own.pid : pid,
                    ...(own && own.ambiguous.length > 0 ? { ambiguousPids: own.ambiguous } : {}),
                    ...(selection ? { deviceSelection: selection } : {}),
                    ...(own ? { ownProcessMethod: own.method } : {}),
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
