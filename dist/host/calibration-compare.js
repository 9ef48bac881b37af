/**
 * Pure: the calibration summary of one run, and the comparison of a current run's calibration with
 * its baseline's, for the verdict ("this runner is 18% slower on the reference workload than when
 * the baseline was recorded"). No I/O, no native module.
 *
 * Method. Each run measures the reference workload twice (before and after its benchmark). On the
 * log scale a run's speed is the mean of its two log-medians, and the difference d between them is
 * a duplicate measurement of the same quantity, so the within-run standard deviation is estimated
 * from the duplicates as s² = Σ d² / (2n) over the n runs (Bland & Altman, "Statistics notes:
 * Measurement error", BMJ 1996;313:744; Dahlberg's formula). The difference of two runs' means then
 * has standard error s (each mean averages two measurements: s²/2 + s²/2), with n = 2 degrees of
 * freedom, and its confidence interval uses Student's t quantile.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
/** Default relative tolerance of a runner speed change before the stored comparison is doubted. */
export const DEFAULT_CALIBRATION_TOLERANCE = 0.1;
/** Builds the calibration block of a result from its two phases. */
export function summarizeCalibration(workload, before, after) {
    const ok = before.medianMs > 0 && after.medianMs > 0;
    return {
        workload,
        before,
        after,
        medianMs: ok ? round(Math.sqrt(before.medianMs * after.medianMs), 6) : 0,
        drift: ok ? round(after.medianMs / before.medianMs - 1, 4) : 0,
    };
}
const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
const pctText = (r) => `${Math.abs((r - 1) * 100).toFixed(0)}%`;
const way = (r) => (r >= 1 ? 'slower' : 'faster');
const signed = (r) => `${r >= 1 ? '+' : '\u2212'}${pctText(r)}`;
function workloadDifference(a, b) {
    for (const k of [
        'sha256',
        'provider',
        'intraOpThreads',
        'interOpThreads',
        'graphOptimizationLevel',
    ]) {
        if (a[k] !== b[k])
            return `${k} ${String(b[k])} vs ${String(a[k])}`;
    }
    return undefined;
}
/**
 * Compares the runner's speed on the reference workload now (`current`) with its speed when the
 * baseline was recorded (`baseline`). Either may be missing (results from before calibration existed).
 * @param options.tolerance relative change of the runner's speed that still counts as the same runner (default 0.10).
 * @param options.confidence of the interval (default 0.95).
 */
export function compareCalibration(current, baseline, options = {}) {
    const tolerance = options.tolerance ?? DEFAULT_CALIBRATION_TOLERANCE;
    const confidence = options.confidence ?? 0.95;
    const none = (message) => ({
        status: 'not-comparable',
        ratio: null,
        interval: null,
        confidence,
        tolerance,
        logStandardError: null,
        message,
    });
    if (!current || !baseline)
        return none(`runner calibration not compared: the ${!current ? 'current run' : 'baseline'} has none`);
    const diff = workloadDifference(current.workload, baseline.workload);
    if (diff)
        return none(`runner calibration not compared: different reference workloads (${diff})`);
    const phases = [current.before, current.after, baseline.before, baseline.after];
    if (phases.some((p) => !(p.medianMs > 0)))
        return none('runner calibration not compared: a reference median is zero');
    const logMean = (c) => (Math.log(c.before.medianMs) + Math.log(c.after.medianMs)) / 2;
    const dup = (c) => Math.log(c.after.medianMs) - Math.log(c.before.medianMs);
    const delta = logMean(current) - logMean(baseline);
    const se = Math.sqrt((dup(current) ** 2 + dup(baseline) ** 2) / 4);
    const t = tQuantile(1 - (1 - confidence) / 2, 2);
    const ratio = Math.exp(delta);
    const interval = [Math.exp(delta - t * se), Math.exp(delta + t * se)];
    const limit = Math.log(1 + tolerance);
    const status = Math.abs(delta) > limit
        ? delta > 0
            ? 'slower'
            : 'faster'
        : Math.abs(delta - t * se) <= limit && Math.abs(delta + t * se) <= limit
            ? 'same'
            : 'uncertain';
    const range = `${(confidence * 100).toFixed(0)}% interval ${signed(interval[0])} to ${signed(interval[1])}; tolerance ±${(tolerance * 100).toFixed(0)}%`;
    const message = status === 'slower' || status === 'faster'
        ? `this runner is ${pctText(ratio)} ${way(ratio)} on the reference workload than when the baseline was recorded (${range})`
        : status === 'same'
            ? `this runner runs the reference workload at the speed it had when the baseline was recorded (${signed(ratio)}, ${range})`
            : `this runner's speed on the reference workload is ${signed(ratio)} against the baseline's, but its own noise is too large to rule out a change beyond the tolerance (${range})`;
    return {
        status,
        ratio: round(ratio, 4),
        interval: [round(interval[0], 4), round(interval[1], 4)],
        confidence,
        tolerance,
        logStandardError: round(se, 5),
        message,
    };
}
