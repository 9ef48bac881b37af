/**
 * GPU health guard (pure): decides whether the samples of the timed window describe a GPU that
 * ran at full, undisturbed speed. The verdict policy turns a would-be regression into
 * "inconclusive" when `reliable` is false.
 */
import { ClockEventReason, THROTTLE_REASONS, hasReason } from './reasons.js';
export const DEFAULT_MIN_CLOCK_FRACTION = 0.9;
const pct = (x) => `${(x * 100).toFixed(0)}%`;
export function assessGpuHealth(samples, options) {
    const minClockFraction = options.minClockFraction ?? DEFAULT_MIN_CLOCK_FRACTION;
    const tolerate = options.tolerateFraction ?? 0;
    const reasons = [];
    const n = samples.length;
    if (n === 0) {
        return {
            reliable: false,
            reasons: ['no GPU samples were taken in the timed window'],
            sampleCount: 0,
            throttling: [],
            lowClockFraction: null,
            minClockFraction,
            otherProcesses: [],
        };
    }
    // Throttling: fraction of samples (with a known mask) in which each reason was active.
    const withMask = samples.filter((s) => s.clockEventReasons !== null);
    const throttling = [];
    for (const name of THROTTLE_REASONS) {
        const bit = ClockEventReason[name];
        const active = withMask.filter((s) => hasReason(s.clockEventReasons, bit)).length;
        if (active === 0)
            continue;
        const fraction = active / withMask.length;
        throttling.push({ reason: name, fraction });
        if (fraction > tolerate) {
            reasons.push(`GPU throttling: ${name} active in ${pct(fraction)} of ${withMask.length} samples`);
        }
    }
    // Clock drop: SM clock below minClockFraction × max SM clock.
    const clocked = samples.filter((s) => s.smClockMhz !== null && (s.maxSmClockMhz ?? options.maxSmClockMhz ?? null) !== null);
    let lowClockFraction = null;
    if (clocked.length > 0) {
        const low = clocked.filter((s) => {
            const max = (s.maxSmClockMhz ?? options.maxSmClockMhz);
            return s.smClockMhz < minClockFraction * max;
        });
        lowClockFraction = low.length / clocked.length;
        if (low.length > 0 && lowClockFraction > tolerate) {
            const minClock = Math.min(...low.map((s) => s.smClockMhz));
            const max = (low[0]?.maxSmClockMhz ?? options.maxSmClockMhz);
            reasons.push(`SM clock below ${pct(minClockFraction)} of max (${max} MHz) in ${pct(lowClockFraction)} of samples (lowest ${minClock} MHz)`);
        }
    }
    // Other processes on the GPU: anything in the driver's list that is not this benchmark.
    const maybeOurs = new Set(options.ambiguousPids ?? []);
    const others = new Set();
    for (const s of samples) {
        for (const p of s.processes ?? [])
            if (p.pid !== options.pid && !maybeOurs.has(p.pid))
                others.add(p.pid);
    }
    const otherProcesses = [...others].sort((a, b) => a - b);
    if (otherProcesses.length > 0) {
        reasons.push(`other processes used the GPU during the measurement: pid ${otherProcesses.join(', ')}`);
    }
    if (maybeOurs.size > 0) {
        reasons.push(`pids ${[...maybeOurs].sort((a, b) => a - b).join(', ')} appeared with the session; one is this benchmark, the other(s) share the GPU`);
    }
    return {
        reliable: reasons.length === 0,
        reasons,
        sampleCount: n,
        throttling,
        lowClockFraction,
        minClockFraction,
        otherProcesses,
    };
}
