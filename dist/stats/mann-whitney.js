import { normalCdf, normalSf } from './normal.js';
import { createRandomSource, DEFAULT_SEED } from './rng.js';
import { assertInteger, sortedCopy } from './validate.js';
/** 'auto' uses the exact distribution (no ties) or permutations (ties) when both n ≤ this. */
export const EXACT_AUTO_MAX_N = 50;
/** Largest n1·n2 for which an explicitly requested exact distribution is computed. */
export const EXACT_MAX_PRODUCT = 20_000;
const DEFAULT_PERMUTATIONS = 9_999;
/**
 * Merge two sorted samples: U of x, the tie term and the pooled midranks, in O(n1 + n2).
 * U1 = Σ over distinct values v of cx(v)·(#y < v + ½·cy(v)), which equals R1 − n1(n1+1)/2 with
 * midranks (Mann & Whitney 1947; midrank treatment of ties: Kendall, Rank Correlation Methods).
 */
function pool(xs, ys) {
    const n1 = xs.length;
    const n2 = ys.length;
    const ranks = new Float64Array(n1 + n2);
    let i = 0;
    let j = 0;
    let r = 0;
    let yBelow = 0;
    let u1 = 0;
    let tieTerm = 0;
    while (i < n1 || j < n2) {
        const xi = i < n1 ? xs[i] : Infinity;
        const yj = j < n2 ? ys[j] : Infinity;
        const v = xi <= yj ? xi : yj;
        let cx = 0;
        let cy = 0;
        while (i < n1 && xs[i] === v) {
            cx++;
            i++;
        }
        while (j < n2 && ys[j] === v) {
            cy++;
            j++;
        }
        const t = cx + cy;
        u1 += cx * (yBelow + cy / 2);
        yBelow += cy;
        tieTerm += t * t * t - t;
        const mid = r + (t + 1) / 2;
        ranks.fill(mid, r, r + t);
        r += t;
    }
    return { u1, tieTerm, ties: tieTerm > 0, ranks };
}
const exactCache = new Map();
/**
 * Null distribution of the Mann–Whitney U statistic for sample sizes (n1, n2) without ties:
 * `pmf[u] = P(U = u)`, u = 0..n1·n2.
 *
 * Counting recursion of Mann & Whitney (1947), eq. (3), written on probabilities so that it only
 * adds positive terms (no cancellation, no overflow): the largest pooled value belongs to x with
 * probability m/(m+n), and then it exceeds all n values of y, so
 * p(m, n; u) = m/(m+n)·p(m−1, n; u−n) + n/(m+n)·p(m, n−1; u). Cost O((n1·n2)²/4).
 *
 * Reference: H. B. Mann and D. R. Whitney, "On a test of whether one of two random variables is
 * stochastically larger than the other", Ann. Math. Statist. 18(1):50–60, 1947.
 */
export function mannWhitneyNullPmf(n1, n2) {
    assertInteger(n1, 'n1', 1);
    assertInteger(n2, 'n2', 1);
    const m = Math.min(n1, n2);
    const n = Math.max(n1, n2);
    const key = `${m},${n}`;
    const hit = exactCache.get(key);
    if (hit)
        return hit;
    // prev[k]: distribution for (a − 1, k); cur[k]: for (a, k).
    let prev = [];
    for (let k = 0; k <= n; k++)
        prev.push(Float64Array.of(1));
    for (let a = 1; a <= m; a++) {
        const cur = [Float64Array.of(1)];
        for (let k = 1; k <= n; k++) {
            const out = new Float64Array(a * k + 1);
            const wx = a / (a + k);
            const wy = k / (a + k);
            const fromX = prev[k]; // (a−1, k): length (a−1)k + 1, shifted by k
            const fromY = cur[k - 1]; // (a, k−1): length a(k−1) + 1
            for (let u = 0; u < fromY.length; u++)
                out[u] = wy * fromY[u];
            for (let u = 0; u < fromX.length; u++)
                out[u + k] = out[u + k] + wx * fromX[u];
            cur.push(out);
        }
        prev = cur;
    }
    const pmf = prev[n];
    if (exactCache.size > 64)
        exactCache.clear();
    exactCache.set(key, pmf);
    return pmf;
}
/** P(U ≥ u) under the no-ties null, summing the shorter tail for precision. */
function exactSf(pmf, u) {
    const top = pmf.length - 1;
    const k = Math.ceil(u - 1e-9);
    if (k <= 0)
        return 1;
    if (k > top)
        return 0;
    let s = 0;
    if (k > top / 2) {
        for (let v = k; v <= top; v++)
            s += pmf[v];
        return s;
    }
    for (let v = 0; v < k; v++)
        s += pmf[v];
    return 1 - s;
}
function exactP(u1, u2, n1, n2, alternative) {
    const pmf = mannWhitneyNullPmf(n1, n2);
    if (alternative === 'greater')
        return exactSf(pmf, u1);
    if (alternative === 'less')
        return exactSf(pmf, u2);
    return Math.min(1, 2 * exactSf(pmf, Math.max(u1, u2)));
}
function asymptotic(pooled, n1, n2, alternative, continuity) {
    const n = n1 + n2;
    const mu = (n1 * n2) / 2;
    const variance = ((n1 * n2) / 12) * (n + 1 - pooled.tieTerm / (n * (n - 1)));
    if (!(variance > 0))
        return { p: 1, z: 0 }; // every value tied: no evidence either way
    let num = pooled.u1 - mu;
    if (continuity) {
        const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(num);
        num -= 0.5 * sign;
    }
    const z = num / Math.sqrt(variance);
    let p;
    if (alternative === 'greater')
        p = normalSf(z);
    else if (alternative === 'less')
        p = normalCdf(z);
    else
        p = 2 * Math.min(normalSf(z), normalCdf(z));
    return { p: Math.min(1, Math.max(0, p)), z };
}
function permutationP(pooled, n1, n2, alternative, permutations, seed) {
    // The ranks are in ascending order of value whichever sample is called x, and a random subset
    // of size k = min(n1, n2) is drawn, so the two-sided p-value is invariant to swapping x and y.
    const ranks = Float64Array.from(pooled.ranks);
    const total = ranks.length;
    const k = Math.min(n1, n2);
    const subsetIsX = n1 <= n2;
    const offset = (k * (k + 1)) / 2;
    const mu = (n1 * n2) / 2;
    const observed = pooled.u1;
    const observedDev = Math.abs(observed - mu);
    const eps = 1e-7;
    const random = createRandomSource(seed);
    let extreme = 0;
    for (let b = 0; b < permutations; b++) {
        let sum = 0;
        for (let i = 0; i < k; i++) {
            const j = i + Math.floor(random() * (total - i));
            const t = ranks[j];
            ranks[j] = ranks[i];
            ranks[i] = t;
            sum += t;
        }
        const uSubset = sum - offset;
        const u = subsetIsX ? uSubset : n1 * n2 - uSubset;
        if (alternative === 'greater'
            ? u >= observed - eps
            : alternative === 'less'
                ? u <= observed + eps
                : Math.abs(u - mu) >= observedDev - eps) {
            extreme++;
        }
    }
    return (extreme + 1) / (permutations + 1);
}
/**
 * Mann–Whitney U test (Wilcoxon rank-sum test) of two independent samples, with SciPy's
 * semantics (`scipy.stats.mannwhitneyu`): `u1` is the statistic of x, 'greater' means x tends
 * to be larger than y, two-sided p-values are doubled one-sided tail probabilities, clipped to 1.
 *
 * - ranking: both samples are sorted (O(n log n)) and merged once; ties get midranks.
 * - 'asymptotic': normal approximation with the tie-corrected variance
 *   σ² = n1·n2/12·((n+1) − Σ(t³−t)/(n(n−1))) and an optional continuity correction of ½ towards
 *   the mean (Lehmann, Nonparametrics: Statistical Methods Based on Ranks, 1975, §1.4;
 *   Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., 2014, §4.1).
 *   If every value is tied (σ = 0) the result is p = 1, z = 0 (SciPy returns NaN).
 * - 'exact': the exact null distribution of U by the Mann–Whitney (1947) counting recursion
 *   ({@link mannWhitneyNullPmf}); valid without ties, refused with ties or n1·n2 > 20,000.
 * - 'permutation': Monte-Carlo permutation test on the pooled midranks (valid with ties), seeded,
 *   with p = (b + 1)/(B + 1) (Phipson & Smyth, "Permutation p-values should never be zero",
 *   Stat. Appl. Genet. Mol. Biol. 9(1), 2010).
 *
 * p-values below ~1e-15 from the normal approximation are not reliable (see normalCdf).
 *
 * @param x first sample (finite values)
 * @param y second sample (finite values)
 */
export function mannWhitneyU(x, y, options = {}) {
    const alternative = options.alternative ?? 'two-sided';
    if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
        throw new RangeError(`alternative: expected 'two-sided', 'less' or 'greater', got ${String(alternative)}`);
    }
    const requested = options.method ?? 'auto';
    const continuity = options.continuity ?? true;
    const xs = sortedCopy(x, 'mannWhitneyU x');
    const ys = sortedCopy(y, 'mannWhitneyU y');
    const n1 = xs.length;
    const n2 = ys.length;
    const pooled = pool(xs, ys);
    const u1 = pooled.u1;
    const u2 = n1 * n2 - u1;
    const base = { u1, u2, alternative, n1, n2, ties: pooled.ties };
    let method;
    if (requested === 'auto') {
        const small = n1 <= EXACT_AUTO_MAX_N && n2 <= EXACT_AUTO_MAX_N;
        method = !small ? 'asymptotic' : pooled.ties ? 'permutation' : 'exact';
    }
    else if (requested === 'exact' || requested === 'asymptotic' || requested === 'permutation') {
        method = requested;
    }
    else {
        throw new RangeError(`method: expected 'auto', 'exact', 'asymptotic' or 'permutation', got ${String(requested)}`);
    }
    switch (method) {
        case 'exact': {
            if (pooled.ties) {
                throw new RangeError("mannWhitneyU: method 'exact' requires samples without ties; use 'permutation'");
            }
            if (n1 * n2 > EXACT_MAX_PRODUCT) {
                throw new RangeError(`mannWhitneyU: method 'exact' supports n1*n2 <= ${EXACT_MAX_PRODUCT}, got ${n1 * n2}; use 'asymptotic'`);
            }
            return { ...base, p: exactP(u1, u2, n1, n2, alternative), method };
        }
        case 'asymptotic': {
            const { p, z } = asymptotic(pooled, n1, n2, alternative, continuity);
            return { ...base, p, z, method };
        }
        case 'permutation': {
            const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
            assertInteger(permutations, 'permutations', 1);
            const p = permutationP(pooled, n1, n2, alternative, permutations, options.seed ?? DEFAULT_SEED);
            return { ...base, p, method, permutations };
        }
    }
}
