/**
 * Default busy rule, with the reasoning in docs/machine-state.md: other processes' CPU above a
 * quarter of the machine (one competing process on two cores is half), steal above 10%, cgroup
 * throttling above 5% of the window. CPU pressure is recorded, not judged by default: PSI counts this
 * benchmark's own threads waiting for each other too (onnxruntime's spinning pool plus Node's main
 * thread on 2 cores); set it per runner from scripts/measure-busy.ts.
 */
export const DEFAULT_BUSY_RULE = {
    maxOtherCpuShare: 0.25,
    maxPressureShare: 1,
    maxStealShare: 0.1,
    maxThrottledShare: 0.05,
    minWindowSeconds: 0.5,
};
/** The runner calibration's reference workload and phase length. */
export const CALIBRATION_DEFAULTS = {
    arch: 'yolov8n',
    /** Small enough for a few hundred runs a second on 2 cores, large enough that the timer is noise. */
    imgsz: 64,
    /** Seconds timed before and again after the benchmark (about a second in all). */
    phaseSeconds: 0.5,
    warmupRuns: 3,
    maxRuns: 100_000,
};
