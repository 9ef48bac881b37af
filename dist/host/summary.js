/**
 * Pure summary of two host snapshots around the timed window: what competed with the benchmark,
 * from the differences of the kernel's cumulative counters. No I/O.
 *
 * - CPU use: /proc/stat's aggregate line counts, per state, the clock ticks all CPUs spent there
 *   (proc(5)). busy = user + nice + system + irq + softirq (guest time is already inside user and
 *   nice); over the window, busy / all ticks × CPUs is the average number of busy cores. This
 *   process's own cores come from getrusage, so `otherCores` is what everything else used.
 * - Steal: ticks in which the hypervisor ran another guest on a CPU this machine wanted.
 * - Pressure: PSI's "some" total is the cumulative time in which at least one runnable task waited
 *   for a CPU (Documentation/accounting/psi.rst); its delta over the window, divided by the window,
 *   is the share of the window in which something waited.
 * - Throttling: the cgroup's `nr_throttled` / `throttled_usec` (v2) or `throttled_time` (v1) deltas.
 */
import { assessMachineState, DEFAULT_BUSY_RULE } from './busy.js';
import { isMissing } from './proc.js';
/** Names of the sources, as reported in `missing`. */
export const SOURCE_NAMES = {
    cpuTimes: '/proc/stat',
    pressure: '/proc/pressure/cpu',
    load: '/proc/loadavg',
    cgroup: 'cgroup cpu controller',
    frequency: 'CPU frequency',
};
const round = (x, digits = 4) => {
    const f = 10 ** digits;
    return Math.round(x * f) / f;
};
function minMeanMax(xs) {
    return {
        min: round(Math.min(...xs), 1),
        mean: round(xs.reduce((a, b) => a + b, 0) / xs.length, 1),
        max: round(Math.max(...xs), 1),
    };
}
/**
 * Summarises the window between `start` and `stop` and applies the busy rule.
 * A source missing in either snapshot is `null` in the summary and listed in `missing`.
 */
export function summarizeMachineState(start, stop, rule = DEFAULT_BUSY_RULE) {
    const windowSeconds = Math.max(0, Number(stop.atNs - start.atNs) / 1e9);
    const missing = [];
    const both = (key, a, b) => {
        const gone = isMissing(a) ? a : isMissing(b) ? b : undefined;
        if (gone) {
            missing.push({ source: SOURCE_NAMES[key], reason: gone.missing });
            return null;
        }
        return [a, b];
    };
    const ownCpuSeconds = Math.max(0, (stop.self.cpuUs - start.self.cpuUs) / 1e6);
    const ownCores = windowSeconds > 0 ? ownCpuSeconds / windowSeconds : 0;
    let cpus = null;
    let cpu = null;
    const times = both('cpuTimes', start.cpuTimes, stop.cpuTimes);
    if (times) {
        const [a, b] = times;
        cpus = b.cpus;
        const d = (k) => Math.max(0, b[k] - a[k]);
        const busy = d('user') + d('nice') + d('system') + d('irq') + d('softirq');
        const total = busy + d('idle') + d('iowait') + d('steal');
        if (total > 0) {
            const busyCores = (busy / total) * b.cpus;
            cpu = {
                busyCores: round(busyCores),
                ownCores: round(ownCores),
                otherCores: round(Math.max(0, busyCores - ownCores)),
                stealCores: round((d('steal') / total) * b.cpus),
            };
        }
        else {
            missing.push({
                source: SOURCE_NAMES.cpuTimes,
                reason: 'no clock tick elapsed between the two snapshots (window too short)',
            });
        }
    }
    let pressure = null;
    const psi = both('pressure', start.pressure, stop.pressure);
    if (psi) {
        const [a, b] = psi;
        const stalled = Math.max(0, b.someTotalUs - a.someTotalUs) / 1e6;
        pressure = {
            someShare: windowSeconds > 0 ? round(Math.min(1, stalled / windowSeconds)) : 0,
            someAvg10AtStop: b.someAvg10,
        };
    }
    let loadAverage = null;
    const load = both('load', start.load, stop.load);
    if (load) {
        const [a, b] = load;
        loadAverage = {
            start: a,
            stop: b,
            load1PerCpuAtStop: cpus ? round(b.load1 / cpus, 3) : round(b.load1, 3),
        };
    }
    let cgroup = null;
    const cg = both('cgroup', start.cgroup, stop.cgroup);
    if (cg) {
        const [a, b] = cg;
        const throttledSeconds = Math.max(0, b.throttledUs - a.throttledUs) / 1e6;
        cgroup = {
            version: b.version,
            path: b.path,
            quotaCores: b.quotaCores === null ? null : round(b.quotaCores, 3),
            periods: Math.max(0, b.periods - a.periods),
            throttledPeriods: Math.max(0, b.throttledPeriods - a.throttledPeriods),
            throttledSeconds: round(throttledSeconds),
            throttledShare: windowSeconds > 0 ? round(throttledSeconds / windowSeconds) : 0,
        };
    }
    let cpuFrequencyMHz = null;
    const freq = both('frequency', start.frequency, stop.frequency);
    if (freq) {
        const [a, b] = freq;
        cpuFrequencyMHz = { source: b.source, start: minMeanMax(a.mhz), stop: minMeanMax(b.mhz) };
    }
    const state = {
        windowSeconds: round(windowSeconds),
        cpus,
        cpu,
        ownCpuSeconds: round(ownCpuSeconds),
        contextSwitches: {
            voluntary: Math.max(0, stop.self.voluntaryContextSwitches - start.self.voluntaryContextSwitches),
            involuntary: Math.max(0, stop.self.involuntaryContextSwitches - start.self.involuntaryContextSwitches),
        },
        pressure,
        loadAverage,
        cgroup,
        cpuFrequencyMHz,
        missing,
    };
    return { ...state, assessment: assessMachineState(state, rule) };
}
