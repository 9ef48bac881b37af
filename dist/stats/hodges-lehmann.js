import { quickselect } from 'simple-statistics';
import { EXACT_AUTO_MAX_N, mannWhitneyNullPmf } from './mann-whitney.js';
import { normalQuantile } from './normal.js';
import { createRandomSource } from './rng.js';
import { assertOpenUnit, sortedCopy } from './validate.js';
/**
 * Counts of differences below a pivot, per row of the implicit sorted matrix
 * M[i][j] = ys[j] − xs[i] (rows: ascending in j; count per row non-decreasing in i).
 * Two pointers, O(n1 + n2). Comparisons use the computed difference itself, so the result is
 * exact for floating-point differences (rounding is monotone).
 */
function countRows(xs, ys, pivot, strict, out) {
    const n2 = ys.length;
    let j = 0;
    let total = 0;
    for (let i = 0; i < xs.length; i++) {
        const xi = xs[i];
        if (strict)
            while (j < n2 && ys[j] - xi < pivot)
                j++;
        else
            while (j < n2 && ys[j] - xi <= pivot)
                j++;
        out[i] = j;
        total += j;
    }
    return total;
}
/**
 * k-th smallest (1-based) of the n1·n2 pairwise differences ys[j] − xs[i] without materialising
 * them: randomised selection in the sorted matrix X + Y (Johnson & Mizoguchi, "Selecting the
 * K-th element in X + Y and X1 + X2 + … + Xm", SIAM J. Comput. 7(2):147–153, 1978; the same
 * scheme as Monahan's Algorithm 616, ACM TOMS 10(3):265–270, 1984, for the one-sample
 * Hodges–Lehmann estimator). A band [L[i], R[i]) of candidate columns is kept per row; a pivot is
 * drawn uniformly from the band, counted against in O(n1 + n2), and the band shrinks to one side.
 * When at most `4(n1 + n2)` candidates remain they are gathered and finished with Floyd–Rivest
 * selection (simple-statistics `quickselect`). Expected O((n1 + n2)·log(n1·n2)) time.
 */
export function kthPairwiseDifference(xs, ys, k) {
    const n1 = xs.length;
    const n2 = ys.length;
    const total = n1 * n2;
    if (!(Number.isInteger(k) && k >= 1 && k <= total)) {
        throw new RangeError(`kthPairwiseDifference: k must be an integer in [1, ${total}], got ${k}`);
    }
    const lo = new Int32Array(n1); // columns [0, lo[i]) are known to be below the answer
    const hi = new Int32Array(n1).fill(n2); // columns [hi[i], n2) are known to be above it
    const tmp = new Int32Array(n1);
    let below = 0; // Σ lo[i]
    let inBand = total; // Σ (hi[i] − lo[i])
    const random = createRandomSource(0x4a4d); // only steers pivots: the result is deterministic anyway
    const finishAt = Math.max(4 * (n1 + n2), 256);
    while (inBand > finishAt) {
        // Pivot: a uniformly drawn candidate of the band.
        let r = Math.floor(random() * inBand);
        let pivot = Number.NaN;
        for (let i = 0; i < n1; i++) {
            const w = hi[i] - lo[i];
            if (r < w) {
                pivot = ys[lo[i] + r] - xs[i];
                break;
            }
            r -= w;
        }
        const lessCount = countRows(xs, ys, pivot, true, tmp);
        if (lessCount >= k) {
            hi.set(tmp);
            inBand = lessCount - below;
            continue;
        }
        const leCount = countRows(xs, ys, pivot, false, tmp);
        if (leCount >= k)
            return pivot;
        lo.set(tmp);
        below = leCount;
        let band = 0;
        for (let i = 0; i < n1; i++)
            band += hi[i] - lo[i];
        inBand = band;
    }
    const candidates = [];
    for (let i = 0; i < n1; i++) {
        const xi = xs[i];
        for (let j = lo[i]; j < hi[i]; j++)
            candidates.push(ys[j] - xi);
    }
    const idx = k - below - 1;
    quickselect(candidates, idx, 0, candidates.length - 1);
    return candidates[idx];
}
/**
 * Critical rank C for the distribution-free confidence interval of a shift:
 * the largest C ≥ 1 with P(U ≤ C − 1) ≤ α/2 under the exact null of U (small samples), or
 * C = ⌊n1·n2/2 − z₁₋α/₂·√(n1·n2(n1+n2+1)/12)⌋ (normal approximation, rounded down: conservative).
 */
function criticalRank(n1, n2, confidence) {
    const alpha = 1 - confidence;
    if (n1 <= EXACT_AUTO_MAX_N && n2 <= EXACT_AUTO_MAX_N) {
        const pmf = mannWhitneyNullPmf(n1, n2);
        // Coverage of [D₍C₎, D₍N+1−C₎] is 1 − 2·P(U ≤ C − 1). Start at C = 1 (P(U ≤ 0)) and grow C
        // while P(U ≤ C) stays within α/2. If even C = 1 misses (tiny samples), keep C = 1 and report
        // the lower achieved confidence.
        let c = 1;
        let cdf = pmf[0]; // P(U ≤ C − 1)
        while (c < pmf.length && cdf + pmf[c] <= alpha / 2 + 1e-12) {
            cdf += pmf[c];
            c++;
        }
        return { rank: c, achieved: 1 - 2 * cdf, method: 'exact' };
    }
    const z = normalQuantile(1 - alpha / 2);
    const c = Math.floor((n1 * n2) / 2 - z * Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12));
    return { rank: Math.max(1, c), method: 'asymptotic' };
}
/**
 * Hodges–Lehmann estimate of the shift Δ between two independent samples, Δ̂ = median over all
 * pairs of (yⱼ − xᵢ) (Hodges & Lehmann, "Estimates of location based on rank tests",
 * Ann. Math. Statist. 34(2):598–611, 1963), with the distribution-free confidence interval of
 * Moses and Lehmann: [D₍C₎, D₍n1·n2+1−C₎] over the ordered differences D, where C comes from the
 * null distribution of the Mann–Whitney U (Lehmann, Nonparametrics, 1975, §2.6; Hollander, Wolfe &
 * Chicken, Nonparametric Statistical Methods, 3rd ed., 2014, §4.3, eq. 4.42/4.43).
 * C is exact for n1, n2 ≤ 50 and from the normal approximation otherwise; ties are not corrected
 * for in C (the interval is then conservative for a continuous shift model).
 *
 * The differences are never materialised: order statistics are found by selection in X + Y
 * ({@link kthPairwiseDifference}), so 5,000 × 5,000 samples (25 M differences) take well under
 * a second.
 *
 * @param x reference sample (e.g. baseline latencies)
 * @param y other sample (e.g. current latencies); positive Δ means y is larger
 */
export function hodgesLehmannShift(x, y, options = {}) {
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'hodgesLehmannShift confidence');
    const xs = sortedCopy(x, 'hodgesLehmannShift x');
    const ys = sortedCopy(y, 'hodgesLehmannShift y');
    const total = xs.length * ys.length;
    const half = Math.floor((total + 1) / 2);
    const estimate = total % 2 === 1
        ? kthPairwiseDifference(xs, ys, half)
        : (kthPairwiseDifference(xs, ys, half) + kthPairwiseDifference(xs, ys, half + 1)) / 2;
    const { rank, achieved, method } = criticalRank(xs.length, ys.length, confidence);
    const c = Math.min(rank, half);
    const result = {
        estimate,
        lower: kthPairwiseDifference(xs, ys, c),
        upper: kthPairwiseDifference(xs, ys, total + 1 - c),
        rank: c,
        method,
    };
    if (achieved !== undefined)
        result.achievedConfidence = achieved;
    return result;
}
