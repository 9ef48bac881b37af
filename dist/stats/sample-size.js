import { logFactorial } from './fisher.js';
import { assertInteger, assertOpenUnit } from './validate.js';
/**
 * Binomial CDF P(X ≤ t) for X ~ Binomial(n, p), summed term by term in log space
 * (log-sum-exp), so that it neither underflows for large n nor loses the small tail; ln k! is
 * @stdlib's `gammaln(k + 1)` ({@link logFactorial}).
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
 * What a two-sample test of a tail quantile needs, at family-wise level `alpha` with Holm across
 * `familySize` metrics and intervals at `confidence`:
 *
 * - samples per side: MLPerf LoadGen's rule at the interval's confidence,
 *   {@link minSamplesForQuantile}(quantile, confidence) — the sample must reach past the quantile,
 *   so that the largest value bounds it from above at that confidence (Thompson 1936 / Wilks 1941);
 *   299 for P99 at 95%, 459 at 99%. Below it the interval of the quantile has no upper end inside
 *   the data and the quantile is not gated.
 * - samples for a change confined to the tail: such a change leaves as evidence mainly which side
 *   the k values beyond the quantile came from, and a test of that alone cannot be more significant
 *   than the chance 2·C(n, k)/C(2n, k) that all k land on one side; from
 *   {@link minSamplesForExceedanceTest}(quantile, α/m) samples per side (P99 at α/m = 0.002: 451)
 *   that can go below α/m. Adaptive modes should measure this many; below it (but above the gating
 *   minimum) a P99 regression is caught only when the change reaches further into the tail
 *   (docs/verdict.md#p99-test-size-and-power: at n = 300 and α/m = 0.002 a P99 +47% that slows the slowest 5% is caught
 *   in 95% of runs, one that slows only the slowest 3% in 47%).
 * - permutations: Holm's first step compares the smallest p-value with α/m, and a Monte-Carlo
 *   permutation p-value (b + 1)/(B + 1) can only go below α/m when B + 1 > m/α (Phipson & Smyth,
 *   Stat. Appl. Genet. Mol. Biol. 9(1):39, 2010); ten times that is required, so that the
 *   Monte-Carlo error of a p-value near α/m stays near 30%.
 *
 * The gating minimum does not grow with a smaller α: the studentized permutation test
 * ({@link quantilePermutationTest}) uses how far the tail values lie, not only how many exceed a
 * cut, so when a change reaches a few percent into the tail it can go far below the exact
 * conditional test on the exceedances of the pooled P99 (6 exceedances at n = 300 per side: never
 * below 0.0305).
 */
export function quantileTestRequirements(quantile, alpha, options = {}) {
    assertOpenUnit(quantile, 'quantileTestRequirements quantile');
    assertOpenUnit(alpha, 'quantileTestRequirements alpha');
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'quantileTestRequirements confidence');
    const familySize = options.familySize ?? 1;
    assertInteger(familySize, 'quantileTestRequirements familySize', 1);
    const samplesPerSide = minSamplesForQuantile(quantile, confidence);
    const permutations = Math.ceil((10 * familySize) / alpha) - 1;
    const samplesForTailOnlyChange = Math.max(samplesPerSide, minSamplesForExceedanceTest(quantile, alpha / familySize));
    const what = `P${percentLabel(quantile)}`;
    return {
        samplesPerSide,
        samplesForTailOnlyChange,
        permutations,
        reason: `${what} is gated from ${samplesPerSide} samples per side (MLPerf LoadGen rule at ${percentLabel(confidence)}% confidence); a change confined to the slowest ${percentLabel(1 - quantile)}% can only reach α/${familySize}=${Number((alpha / familySize).toPrecision(3))} from ${samplesForTailOnlyChange} samples per side (exact conditional bound)`,
    };
}
/**
 * Fewest samples per side at which the exact conditional test on exceedance counts (Fisher's
 * exact test of the counts above the pooled `quantile`) can reach two-sided `level` at all: with
 * k = ⌈2n(1 − quantile)⌉ pooled exceedances, the most extreme split (all k on one side) has
 * p = 2·C(n, k)/C(2n, k). For P99 at level 0.002 this is 451 per side; at n = 300 the floor is
 * 0.0305. Stated to explain why perf-gate does not test P99 on exceedance counts.
 */
export function minSamplesForExceedanceTest(quantile, level) {
    assertOpenUnit(quantile, 'minSamplesForExceedanceTest quantile');
    assertOpenUnit(level, 'minSamplesForExceedanceTest level');
    const floor = (n) => {
        const k = Math.ceil(2 * n * (1 - quantile) - 1e-9);
        if (k < 1)
            return 1;
        return Math.min(1, 2 * Math.exp(logFactorial(n) - logFactorial(n - k) - logFactorial(2 * n) + logFactorial(2 * n - k)));
    };
    let n = 1;
    while (floor(n) > level) {
        n++;
        if (n > 1e7)
            throw new RangeError('minSamplesForExceedanceTest: required sample size is out of range');
    }
    return n;
}
