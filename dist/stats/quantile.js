import { mean as ssMean, quantile as ssQuantile, quantileSorted, sampleStandardDeviation, } from 'simple-statistics';
import { assertClosedUnit, finiteCopy } from './validate.js';
/**
 * The one quantile definition used everywhere in perf-gate (P50/P90/P95/P99, bootstrap
 * resamples, reports): Hyndman & Fan (1996) **type 7**, linear interpolation between order
 * statistics at h = (n − 1)·q (0-based), i.e. Q(q) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎).
 * It is the default of R's `quantile()`, NumPy's `percentile`/`quantile` (`method='linear'`)
 * and Excel's `PERCENTILE.INC`, and it is what simple-statistics 7.12's `quantileSorted`
 * implements (its source: "linear interpolation method (type=7 in R/numpy)").
 *
 * Reference: R. J. Hyndman and Y. Fan, "Sample Quantiles in Statistical Packages",
 * The American Statistician 50(4):361–365, 1996.
 */
export const QUANTILE_DEFINITION = 'Hyndman-Fan type 7 (linear interpolation, h = (n-1)q)';
function isSortedAscending(x) {
    for (let i = 1; i < x.length; i++) {
        if (x[i] < x[i - 1])
            return false;
    }
    return true;
}
/**
 * Sample quantile of `samples` (sorted or not) at probability `q`, by the Hyndman & Fan type 7
 * definition ({@link QUANTILE_DEFINITION}). Sorted input is read directly (simple-statistics
 * `quantileSorted`); unsorted input is copied and partially ordered by Floyd–Rivest selection
 * (simple-statistics `quantile`), O(n) expected.
 *
 * Reference: Hyndman & Fan (1996), The American Statistician 50(4):361–365, definition 7.
 *
 * @param samples finite values, at least one
 * @param q probability in [0, 1]
 */
export function quantile(samples, q) {
    assertClosedUnit(q, 'quantile q');
    const x = Array.from(finiteCopy(samples, 'quantile samples'));
    return isSortedAscending(x) ? quantileSorted(x, q) : ssQuantile(x, q);
}
/**
 * Count, mean, sample standard deviation (n − 1 divisor, Bessel's correction), extremes and
 * the P50/P90/P95/P99 quantiles (Hyndman & Fan 1996 type 7, {@link QUANTILE_DEFINITION}) of one
 * sample, sorting once. Mean uses simple-statistics' Kahan-compensated sum (Kahan, "Further
 * remarks on reducing truncation errors", CACM 8(1):40, 1965).
 *
 * @param samples finite values, at least one
 */
export function summarize(samples) {
    const sorted = Array.from(finiteCopy(samples, 'summarize samples').sort());
    const count = sorted.length;
    return {
        count,
        mean: ssMean(sorted),
        stdev: count < 2 ? Number.NaN : sampleStandardDeviation(sorted),
        min: sorted[0],
        max: sorted[count - 1],
        p50: quantileSorted(sorted, 0.5),
        p90: quantileSorted(sorted, 0.9),
        p95: quantileSorted(sorted, 0.95),
        p99: quantileSorted(sorted, 0.99),
    };
}
