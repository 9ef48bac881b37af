/**
 * Order statistics of a bootstrap resample or of a random relabelling, generated without building
 * the resample: only the order statistics near the quantile of interest are produced, so a tail
 * quantile (P99) costs O(n·(1 − q)) per draw instead of O(n). Internal to src/stats.
 */
/**
 * Binomial(m, p) by sequential inversion of the CDF (Devroye, Non-Uniform Random Variate
 * Generation, 1986, §X.4.1, the inversion method), exact up to floating-point rounding. Only used
 * with m·p ≈ 1 (each step of the walks below), where the search takes about two steps.
 */
export function binomialByInversion(m, p, random) {
    if (m <= 0 || p <= 0)
        return 0;
    if (p >= 1)
        return m;
    const u = random();
    let pk = Math.exp(m * Math.log1p(-p));
    let cdf = pk;
    let k = 0;
    const odds = p / (1 - p);
    while (u >= cdf && k < m) {
        pk *= ((m - k) / (k + 1)) * odds;
        k++;
        cdf += pk;
        // Rounding can leave cdf a hair below 1 while u is above it: the remaining mass is negligible.
        if (pk < 1e-300 && k > m * p)
            break;
    }
    return k;
}
/**
 * Fills `out[r − window.from]` with the r-th smallest value (0-based) of a bootstrap resample of the
 * ascending sample `sorted` (n draws with replacement, Efron & Tibshirani, An Introduction to the
 * Bootstrap, 1993, ch. 6), for r in `window`.
 *
 * The resample is represented by its multinomial counts; they are generated one value at a time
 * from the end of the sample nearer to the window: the count at value i, given the m draws not yet
 * placed among the values beyond it, is Binomial(m, 1/(number of values not yet visited))
 * (the conditional binomial decomposition of the multinomial, Devroye 1986, §XI.1). The walk stops
 * once the window is filled, so a P99 window costs about n·(1 − q) binomial draws.
 */
export function resampleOrderStatistics(sorted, window, random, out, scratch) {
    const n = sorted.length;
    const fromTop = window.from + window.to >= n - 1;
    const steps = fromTop ? n - window.from : window.to + 1;
    // Far from both ends (e.g. the median) a walk costs as many binomial draws as a full resample
    // costs uniform ones, and each is dearer: tally n uniform index draws instead.
    if (scratch && steps * 4 > n) {
        tallyOrderStatistics(sorted, window, random, out, scratch);
        return;
    }
    let remaining = n;
    let placed = 0; // draws placed so far, counted from the walk's end
    if (fromTop) {
        // Position t from the top corresponds to ascending rank n − 1 − t.
        const tFirst = n - 1 - window.to;
        const tLast = n - 1 - window.from;
        for (let i = n - 1; i >= 0 && placed <= tLast; i--) {
            const c = i === 0 ? remaining : binomialByInversion(remaining, 1 / (i + 1), random);
            if (c > 0) {
                const a = Math.max(placed, tFirst);
                const b = Math.min(placed + c - 1, tLast);
                const v = sorted[i];
                for (let t = a; t <= b; t++)
                    out[n - 1 - t - window.from] = v;
                placed += c;
                remaining -= c;
            }
        }
    }
    else {
        for (let i = 0; i < n && placed <= window.to; i++) {
            const c = i === n - 1 ? remaining : binomialByInversion(remaining, 1 / (n - i), random);
            if (c > 0) {
                const a = Math.max(placed, window.from);
                const b = Math.min(placed + c - 1, window.to);
                const v = sorted[i];
                for (let r = a; r <= b; r++)
                    out[r - window.from] = v;
                placed += c;
                remaining -= c;
            }
        }
    }
}
/**
 * The same as {@link resampleOrderStatistics} by tallying n index draws `floor(random()·n)` in
 * `counts` (length n) and scanning the tally: O(n) per resample, no sort.
 */
function tallyOrderStatistics(sorted, window, random, out, counts) {
    const n = sorted.length;
    counts.fill(0);
    for (let d = 0; d < n; d++) {
        const i = Math.floor(random() * n);
        counts[i] = counts[i] + 1;
    }
    let placed = 0;
    for (let i = 0; i < n && placed <= window.to; i++) {
        const c = counts[i];
        if (c === 0)
            continue;
        const a = Math.max(placed, window.from);
        const b = Math.min(placed + c - 1, window.to);
        const v = sorted[i];
        for (let r = a; r <= b; r++)
            out[r - window.from] = v;
        placed += c;
    }
}
/**
 * One uniformly random relabelling of the pooled ascending sample `pooled` into a group of n1
 * (label 1) and a group of n2 = N − n1 (label 2), as in a two-sample permutation test (Good,
 * Permutation, Parametric and Bootstrap Tests of Hypotheses, 3rd ed., 2005, ch. 3). Labels are
 * drawn one value at a time from the end nearer to the windows, each by the share of the slots
 * still free in each group (sampling without replacement), and the walk stops once both groups'
 * windows are filled: `out1[r − w1.from]` is the r-th smallest value of group 1, likewise group 2.
 * Both windows must lie on the same side (both ends of the walk are the same).
 */
export function relabelOrderStatistics(pooled, n1, w1, w2, fromTop, random, out1, out2) {
    const total = pooled.length;
    const n2 = total - n1;
    let free1 = n1;
    let free2 = n2;
    let got1 = 0;
    let got2 = 0;
    if (fromTop) {
        const last1 = n1 - 1 - w1.from;
        const last2 = n2 - 1 - w2.from;
        const first1 = n1 - 1 - w1.to;
        const first2 = n2 - 1 - w2.to;
        for (let j = total - 1; j >= 0 && (got1 <= last1 || got2 <= last2); j--) {
            const v = pooled[j];
            if (random() * (free1 + free2) < free1) {
                if (got1 >= first1 && got1 <= last1)
                    out1[n1 - 1 - got1 - w1.from] = v;
                got1++;
                free1--;
            }
            else {
                if (got2 >= first2 && got2 <= last2)
                    out2[n2 - 1 - got2 - w2.from] = v;
                got2++;
                free2--;
            }
        }
    }
    else {
        for (let j = 0; j < total && (got1 <= w1.to || got2 <= w2.to); j++) {
            const v = pooled[j];
            if (random() * (free1 + free2) < free1) {
                if (got1 >= w1.from && got1 <= w1.to)
                    out1[got1 - w1.from] = v;
                got1++;
                free1--;
            }
            else {
                if (got2 >= w2.from && got2 <= w2.to)
                    out2[got2 - w2.from] = v;
                got2++;
                free2--;
            }
        }
    }
}
/**
 * Position h = (n − 1)·q of the type-7 quantile (Hyndman & Fan, The American Statistician
 * 50(4):361–365, 1996) and the two 0-based ranks it interpolates.
 */
export function type7Position(n, q) {
    const h = (n - 1) * q;
    const lower = Math.min(n - 1, Math.floor(h));
    const upper = Math.min(n - 1, lower + 1);
    return { lower, upper, fraction: h - lower };
}
/**
 * Multiple of √(n·q·(1 − q)) used as the half-width, in ranks, of the order-statistic span behind the
 * sparsity standard error. 2 was chosen in the size/power study of docs/verdict.md#p99-test-size-and-power (1 gave a
 * noisier SE and less power, 3 more bias under unequal shapes).
 */
export const SPARSITY_SPAN_FACTOR = 2;
/**
 * The order statistics a sample of n values needs for its type-7 q-quantile (Hyndman & Fan 1996)
 * and, with `withSpan`, for the sparsity standard error ({@link sparsitySe}).
 */
export function planQuantileSide(n, q, withSpan) {
    const { lower, upper } = type7Position(n, q);
    const sd = Math.sqrt(n * q * (1 - q));
    const h = (n - 1) * q;
    const d = Math.max(1, SPARSITY_SPAN_FACTOR * sd);
    const spanLow = Math.max(0, h - d);
    const spanHigh = Math.min(n - 1, h + d);
    return {
        n,
        q,
        window: withSpan
            ? { from: Math.min(lower, Math.floor(spanLow)), to: Math.max(upper, Math.ceil(spanHigh)) }
            : { from: lower, to: upper },
        spanLow,
        spanHigh,
        sd,
    };
}
/** Linear interpolation between order statistics at fractional rank x; `w` holds ranks from `from`. */
export function valueAtRank(w, from, x) {
    const i = Math.floor(x);
    const f = x - i;
    const a = w[i - from];
    return f === 0 ? a : a + f * (w[i + 1 - from] - a);
}
/**
 * Standard error of a quantile estimate from the sparsity (slope of the quantile function),
 * estimated by the difference quotient of two order statistics around it (Siddiqui, J. Res. NBS
 * 64B:145–150, 1960; Bloch & Gastwirth, Ann. Math. Statist. 39:1083–1085, 1968):
 * SE = (x₍b₎ − x₍a₎)/(b − a) · √(nq(1 − q)), a and b at ±{@link SPARSITY_SPAN_FACTOR}·√(nq(1 − q))
 * ranks from h = (n − 1)q, clamped to the sample. `w` holds the values (log values for the SE of a
 * log quantile) of the side's window.
 */
export function sparsitySe(w, side) {
    const width = side.spanHigh - side.spanLow;
    if (!(width > 0))
        return 0;
    const from = side.window.from;
    return ((valueAtRank(w, from, side.spanHigh) - valueAtRank(w, from, side.spanLow)) / width) * side.sd;
}
