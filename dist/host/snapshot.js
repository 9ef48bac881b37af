/**
 * One snapshot of the machine's cumulative counters, taken just before the first timed run and just
 * after the last: the summary works on the differences, so nothing runs during the timed window.
 */
import { REAL_ROOTS, readCgroupCpu, readCpuFrequency, readCpuTimes, readLoadAverage, readPressure, } from './proc.js';
/** getrusage(RUSAGE_SELF) through Node: every thread of the process, onnxruntime's included. */
export function processSelfUsage() {
    const r = process.resourceUsage();
    return {
        cpuUs: r.userCPUTime + r.systemCPUTime,
        voluntaryContextSwitches: r.voluntaryContextSwitches,
        involuntaryContextSwitches: r.involuntaryContextSwitches,
    };
}
/**
 * Reads every source once. The process's CPU time and the clock are read next to /proc/stat, so
 * the machine-wide and the own figures cover the same interval.
 */
export function takeHostSnapshot(sources = {}) {
    const roots = sources.roots ?? REAL_ROOTS;
    const self = sources.self ?? processSelfUsage;
    const clock = sources.clock ?? process.hrtime.bigint;
    const pressure = readPressure(roots);
    const load = readLoadAverage(roots);
    const cgroup = readCgroupCpu(roots);
    const frequency = readCpuFrequency(roots);
    const atNs = clock();
    const usage = self();
    const cpuTimes = readCpuTimes(roots);
    return { atNs, self: usage, cpuTimes, pressure, load, cgroup, frequency };
}
