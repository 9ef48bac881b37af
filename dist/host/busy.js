export { DEFAULT_BUSY_RULE } from '../config/host.js';
const pct = (x) => `${(x * 100).toFixed(0)}%`;
const cores = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
/**
 * Applies `rule` to a machine-state summary. Every threshold is a share (0–1); 1 switches a check
 * off. A window shorter than `rule.minWindowSeconds` is not judged (the tick-based /proc/stat
 * figures are too coarse there) and says so in `notes`; so does every check whose source is missing.
 */
export function assessMachineState(state, rule) {
    const reasons = [];
    const notes = [];
    const window = `${state.windowSeconds.toFixed(1)} s`;
    if (state.windowSeconds < rule.minWindowSeconds) {
        notes.push(`the timed window (${window}) is shorter than ${rule.minWindowSeconds} s: machine state recorded, not judged`);
        return { busy: false, reasons, notes, rule };
    }
    if (state.cpu && state.cpus) {
        const share = state.cpu.otherCores / state.cpus;
        if (share > rule.maxOtherCpuShare) {
            reasons.push(`other processes used ${cores(state.cpu.otherCores)} of ${state.cpus} cores during the timed window ` +
                `(${pct(share)} of the machine; this run used ${cores(state.cpu.ownCores)}; limit ${pct(rule.maxOtherCpuShare)})`);
        }
        const steal = state.cpu.stealCores / state.cpus;
        if (steal > rule.maxStealShare) {
            reasons.push(`the hypervisor stole ${cores(state.cpu.stealCores)} of ${state.cpus} cores during the timed window ` +
                `(steal time ${pct(steal)}; limit ${pct(rule.maxStealShare)})`);
        }
    }
    else
        notes.push('other processes\u2019 CPU use and steal time not judged: /proc/stat is missing');
    if (state.pressure) {
        if (state.pressure.someShare > rule.maxPressureShare) {
            reasons.push(`CPU pressure: tasks waited for a CPU during ${pct(state.pressure.someShare)} of the ${window} timed window ` +
                `(/proc/pressure/cpu "some"; limit ${pct(rule.maxPressureShare)})`);
        }
    }
    else
        notes.push('CPU pressure not judged: /proc/pressure/cpu is missing');
    if (state.cgroup) {
        const c = state.cgroup;
        if (c.throttledShare > rule.maxThrottledShare) {
            const quota = c.quotaCores === null ? 'its' : `its ${cores(c.quotaCores)}-core`;
            reasons.push(`the cgroup hit ${quota} CPU quota: throttled in ${c.throttledPeriods} of ${c.periods} periods, ` +
                `${c.throttledSeconds.toFixed(2)} s of the ${window} timed window (${pct(c.throttledShare)}; limit ${pct(rule.maxThrottledShare)})`);
        }
    }
    return { busy: reasons.length > 0, reasons, notes, rule };
}
