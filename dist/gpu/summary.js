/**
 * Pure summariser of GPU samples: peak memory (per-process or device-level minus idle), utilisation,
 * clocks, temperature, power, health, and a downsampled timeline for the result JSON.
 */
import { assessGpuHealth } from './health.js';
import { MIG_UTILIZATION_UNAVAILABLE } from './mig.js';
export const DEFAULT_MAX_TIMELINE_POINTS = 200;
const present = (xs) => xs.filter((x) => x !== null);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const max = (xs) => (xs.length ? Math.max(...xs) : null);
const min = (xs) => (xs.length ? Math.min(...xs) : null);
/** Our pid's used memory in one sample: null when not listed, not reported or our pid is unknown. */
export function processUsedBytes(sample, pid) {
    if (pid === null)
        return null;
    return sample.processes?.find((p) => p.pid === pid)?.usedBytes ?? null;
}
export function peakMemory(samples, pid, idleUsedBytes) {
    const deviceUsedPeakBytes = max(present(samples.map((s) => s.memoryUsedBytes)));
    const perProcess = present(samples.map((s) => processUsedBytes(s, pid)));
    if (perProcess.length > 0) {
        return {
            bytes: Math.max(...perProcess),
            method: 'per-process',
            reason: `the driver lists pid ${pid} with its used memory (${perProcess.length} of ${samples.length} samples)`,
            idleUsedBytes,
            deviceUsedPeakBytes,
        };
    }
    // Why per-process failed.
    const lists = samples.filter((s) => s.processes !== null);
    let why;
    if (samples.length === 0)
        why = 'no samples';
    else if (lists.length === 0)
        why = 'the process list could not be read';
    else if (pid === null)
        why = "this benchmark's process could not be identified in the driver's list";
    else if (lists.some((s) => s.processes?.some((p) => p.pid === pid)))
        why = `the driver lists pid ${pid} but does not report its memory`;
    else {
        const seen = [...new Set(lists.flatMap((s) => s.processes?.map((p) => p.pid) ?? []))].sort((a, b) => a - b);
        why =
            `pid ${pid} is not in the driver's process list` +
                (seen.length ? ` (it lists pid ${seen.join(', ')}; in a container the PID namespace differs)` : '');
    }
    if (deviceUsedPeakBytes !== null && idleUsedBytes !== null) {
        return {
            bytes: Math.max(0, deviceUsedPeakBytes - idleUsedBytes),
            method: 'device-minus-idle',
            reason: `${why}: device used memory minus the idle level measured before the session was created`,
            idleUsedBytes,
            deviceUsedPeakBytes,
        };
    }
    return {
        bytes: null,
        method: 'unavailable',
        reason: `${why}, and ${deviceUsedPeakBytes === null ? 'device used memory was not reported' : 'no idle level was measured'}`,
        idleUsedBytes,
        deviceUsedPeakBytes,
    };
}
/**
 * Picks at most `maxPoints` samples, one per equal-width bucket: the one with the highest used
 * memory, so the peak stays visible in the timeline.
 */
export function downsampleTimeline(samples, pid, maxPoints = DEFAULT_MAX_TIMELINE_POINTS) {
    const t0 = samples[0]?.timestampMs ?? 0;
    const point = (s) => ({
        tMs: s.timestampMs - t0,
        memoryUsedBytes: s.memoryUsedBytes,
        processUsedBytes: processUsedBytes(s, pid),
        utilizationGpuPercent: s.utilizationGpuPercent,
        smClockMhz: s.smClockMhz,
        temperatureC: s.temperatureC,
        powerWatts: s.powerWatts,
        clockEventReasons: s.clockEventReasons,
    });
    if (samples.length <= maxPoints)
        return samples.map(point);
    const out = [];
    const size = samples.length / maxPoints;
    for (let b = 0; b < maxPoints; b++) {
        const bucket = samples.slice(Math.floor(b * size), Math.floor((b + 1) * size));
        let best = bucket[0];
        for (const s of bucket) {
            const m = processUsedBytes(s, pid) ?? s.memoryUsedBytes ?? -1;
            const bm = processUsedBytes(best, pid) ?? best.memoryUsedBytes ?? -1;
            if (m > bm)
                best = s;
        }
        out.push(point(best));
    }
    return out;
}
export function summarizeGpuSamples(samples, options) {
    const first = samples[0];
    const last = samples[samples.length - 1];
    const util = present(samples.map((s) => s.utilizationGpuPercent));
    return {
        source: options.source,
        deviceIndex: options.deviceIndex,
        ...(options.deviceUuid ? { deviceUuid: options.deviceUuid } : {}),
        ...(options.mig !== undefined ? { mig: options.mig } : {}),
        ...(options.deviceSelection ? { deviceSelection: options.deviceSelection } : {}),
        pid: options.selfPid ?? options.pid ?? 0,
        ...(options.ownProcessMethod !== undefined || options.pid === null
            ? { ownProcess: { pid: options.pid, method: options.ownProcessMethod ?? 'unknown' } }
            : {}),
        intervalMs: options.intervalMs,
        sampleCount: samples.length,
        durationMs: first && last ? last.timestampMs - first.timestampMs : 0,
        peakMemory: peakMemory(samples, options.pid, options.idleUsedBytes),
        utilizationGpuPercent: {
            mean: mean(util),
            max: max(util),
            ...(util.length === 0 && options.mig ? { reason: MIG_UTILIZATION_UNAVAILABLE } : {}),
        },
        smClockMhz: {
            min: min(present(samples.map((s) => s.smClockMhz))),
            mean: mean(present(samples.map((s) => s.smClockMhz))),
        },
        temperatureC: { max: max(present(samples.map((s) => s.temperatureC))) },
        powerWatts: {
            mean: mean(present(samples.map((s) => s.powerWatts))),
            max: max(present(samples.map((s) => s.powerWatts))),
        },
        health: assessGpuHealth(samples, options),
        timeline: downsampleTimeline(samples, options.pid, options.maxTimelinePoints),
    };
}
