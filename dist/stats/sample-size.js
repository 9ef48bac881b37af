import { assertInteger, assertOpenUnit } from './validate.js';
/** ln Γ(k + 1) by summation for small k (exact enough) and lgamma-free Stirling series beyond. */
function logFactorial(k) {
    if (k < 256) {
        let s = 0;
        for (let i = 2; i <= k; i++)
            s += Math.log(i);
        return s;
    }
    const n = k + 1; // Stirling series for ln Γ(n) (Abramowitz & Stegun 6.1.40)
    return ((n - 0.5) * Math.log(n) -
        n +
        0.5 * Math.log(2 * Math.PI) +
        1 / (12 * n) -
        1 / (360 * n ** 3) +
        1 / (1260 * n ** 5));
}
/**
 * Binomial CDF P(X ≤ t) for X ~ Binomial(n, p), summed term by term in log space
 * (log-sum-exp), so that it neither underflows for large n nor loses the small tail.
 */
export function binomialCdf(t, n, p) {
    assertInteger(n, 'binomialCdf n', 0);
    if (t < 0)
        return 0;
    if (t >= n)
        return 1;
    if (p <= 0)
        return 1;
    if (p >= 1)
        return 0;
    const lp = Math.log(p);
    const lq = Math.log1p(-p);
    const lnf = logFactorial(n);
    const logs = [];
    for (let k = 0; k <= Math.floor(t); k++) {
        logs.push(lnf - logFactorial(k) - logFactorial(n - k) + k * lp + (n - k) * lq);
    }
    const m = Math.max(...logs);
    let s = 0;
    for (const l of logs)
        s += Math.exp(l - m);
    return Math.min(1, Math.exp(m) * s);
}
/**
 * Smallest number of samples n such that P(Binomial(n, 1 − quantile) ≤ maxExceedances) ≤
 * 1 − confidence: with n samples of which at most `maxExceedances` exceed a bound, one can claim
 * with the given confidence that the bound is at or above the true `quantile`. This is MLPerf
 * LoadGen's early-stopping rule for tail latency (mlcommons/inference `loadgen/early_stopping.cc`,
 * `MinPassingQueriesFinder`, with margin d = 0; MLPerf Inference rules, "Early stopping"):
 * e.g. P99 at 99 % confidence needs 459 samples with none above the bound, 662 with one.
 * It is the distribution-free order-statistic bound of Thompson (1936) / Wilks (1941).
 *
 * @param quantile probability in (0, 1), e.g. 0.99
 * @param confidence probability in (0, 1), e.g. 0.99
 * @param maxExceedances integer ≥ 0: samples allowed above the bound (default 0)
 */
export function minSamplesForQuantile(quantile, confidence, maxExceedances = 0) {
    assertOpenUnit(quantile, 'minSamplesForQuantile quantile');
    assertOpenUnit(confidence, 'minSamplesForQuantile confidence');
    assertInteger(maxExceedances, 'minSamplesForQuantile maxExceedances', 0);
    const p = 1 - quantile;
    const target = 1 - confidence;
    const passes = (n) => binomialCdf(maxExceedances, n, p) <= target;
    // CDF is decreasing in n: exponential search for an upper bound, then bisection.
    let lo = maxExceedances; // fails: with n ≤ t samples, P(X ≤ t) = 1
    let hi = Math.max(maxExceedances + 1, 1);
    while (!passes(hi)) {
        lo = hi;
        hi *= 2;
        if (hi > 1e12)
            throw new RangeError('minSamplesForQuantile: required sample size is out of range');
    }
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (passes(mid))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}
function percentLabel(v) {
    return `${Number((v * 100).toPrecision(6))}`;
}
/**
 * Whether `n` samples are enough to report the `quantile` (e.g. P99) at `confidence`, by
 * {@link minSamplesForQuantile} (MLPerf LoadGen's early-stopping rule), with a sentence for reports.
 *
 * @param n number of samples measured
 * @param quantile probability in (0, 1)
 * @param confidence probability in (0, 1)
 * @param maxExceedances samples allowed above the bound (default 0)
 */
export function quantileSampleSufficiency(n, quantile, confidence, maxExceedances = 0) {
    assertInteger(n, 'quantileSampleSufficiency n', 0);
    const required = minSamplesForQuantile(quantile, confidence, maxExceedances);
    const sufficient = n >= required;
    const what = `P${percentLabel(quantile)} at ${percentLabel(confidence)}% confidence`;
    const rule = `(binomial order-statistic bound, MLPerf LoadGen early-stopping rule, ${maxExceedances} sample(s) above the bound)`;
    const reason = sufficient
        ? `${n} samples are enough for ${what}: at least ${required} are needed ${rule}`
        : `${n} samples are too few for ${what}: at least ${required} are needed ${rule}`;
    return { sufficient, required, reason };
}
