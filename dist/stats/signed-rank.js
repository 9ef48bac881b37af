/**
 * One-sample (paired) rank statistics: the Wilcoxon signed-rank test and the Hodges–Lehmann
 * estimate of the centre of symmetry with its distribution-free interval (Walsh averages).
 */
import { quickselect } from 'simple-statistics';
import { normalCdf, normalQuantile, normalSf } from './normal.js';
import { createRandomSource } from './rng.js';
import { assertInteger, assertOpenUnit, finiteCopy } from './validate.js';
/** Largest number of non-zero differences for which the exact null distribution is used by default. */
export const SIGNED_RANK_EXACT_MAX_N = 50;
const pmfCache = new Map();
/**
 * Null distribution of the signed-rank statistic V (sum of the ranks of the positive differences)
 * for n differences without ties or zeros: `pmf[v] = P(V = v)`, v = 0..n(n+1)/2. Under H₀ each rank
 * carries a positive sign independently with probability ½, so adding rank r maps P to
 * (P(v) + P(v − r))/2 (Wilcoxon, "Individual comparisons by ranking methods", Biometrics Bulletin
 * 1(6):80–83, 1945; the same recursion as R's `dsignrank`). Kept in probabilities, not counts, so
 * it neither overflows nor cancels.
 */
export function signedRankNullPmf(n) {
    assertInteger(n, 'signedRankNullPmf n', 1);
    const hit = pmfCache.get(n);
    if (hit)
        return hit;
    const top = (n * (n + 1)) / 2;
    let pmf = new Float64Array(top + 1);
    pmf[0] = 1;
    for (let r = 1; r <= n; r++) {
        const next = new Float64Array(top + 1);
        const reach = (r * (r + 1)) / 2;
        for (let v = 0; v <= reach; v++) {
            next[v] = (pmf[v] + (v >= r ? pmf[v - r] : 0)) / 2;
        }
        pmf = next;
    }
    if (pmfCache.size > 64)
        pmfCache.clear();
    pmfCache.set(n, pmf);
    return pmf;
}
function lowerCdf(pmf, v) {
    let s = 0;
    for (let i = 0; i <= Math.min(v, pmf.length - 1); i++)
        s += pmf[i];
    return Math.min(1, s);
}
/** Midranks of |d| (1-based), in the order of `abs`, with Σ(t³ − t) over tie groups. */
function absRanks(abs) {
    const n = abs.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => abs[a] - abs[b]);
    const ranks = new Float64Array(n);
    let tieTerm = 0;
    let i = 0;
    while (i < n) {
        let j = i + 1;
        while (j < n && abs[order[j]] === abs[order[i]])
            j++;
        const t = j - i;
        tieTerm += t * t * t - t;
        for (let k = i; k < j; k++)
            ranks[order[k]] = (i + 1 + j) / 2;
        i = j;
    }
    return { ranks, tieTerm };
}
/**
 * Wilcoxon signed-rank test of H₀: the differences are symmetric about 0 (Wilcoxon 1945).
 *
 * - 'exact': the null distribution of V by {@link signedRankNullPmf}; needs no ties and no zeros.
 *   Two-sided p = min(1, 2·min(P(V ≥ v), P(V ≤ v))), as R's `wilcox.test`.
 * - 'asymptotic': normal approximation with the tie-corrected variance
 *   n(n+1)(2n+1)/24 − Σ(t³ − t)/48 and a continuity correction of ½ (Hollander, Wolfe & Chicken,
 *   Nonparametric Statistical Methods, 3rd ed., 2014, §3.1). Zeros by Pratt's method (Pratt,
 *   "Remarks on zeros and ties in the Wilcoxon signed rank procedures", JASA 54(287):655–667,
 *   1959): zeros take part in the ranking and their ranks are then dropped, so the mean and
 *   variance of V lose the terms of ranks 1..n₀: E = (n(n+1) − n₀(n₀+1))/4,
 *   Var = (n(n+1)(2n+1) − n₀(n₀+1)(2n₀+1))/24 − Σ(t³ − t)/48 (SciPy's `zero_method='pratt'`).
 *
 * @param differences paired differences (e.g. log ratios of block medians), finite
 */
export function wilcoxonSignedRank(differences, options = {}) {
    const alternative = options.alternative ?? 'two-sided';
    if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
        throw new RangeError(`alternative: expected 'two-sided', 'less' or 'greater', got ${String(alternative)}`);
    }
    const zeroMethod = options.zeroMethod ?? 'pratt';
    if (zeroMethod !== 'pratt' && zeroMethod !== 'wilcox') {
        throw new RangeError(`zeroMethod: expected 'pratt' or 'wilcox', got ${String(zeroMethod)}`);
    }
    const correction = options.correction ?? true;
    const all = finiteCopy(differences, 'wilcoxonSignedRank differences');
    const zeros = all.reduce((c, v) => c + (v === 0 ? 1 : 0), 0);
    const d = zeroMethod === 'wilcox' ? all.filter((v) => v !== 0) : all;
    const n = d.length;
    const n0 = zeroMethod === 'pratt' ? zeros : 0;
    const { ranks, tieTerm } = absRanks(d.map(Math.abs));
    let statistic = 0;
    for (let i = 0; i < n; i++)
        if (d[i] > 0)
            statistic += ranks[i];
    // Zero ranks take part in tie groups only among themselves (|0| ties only with |0|); their tie
    // term is removed together with their ranks.
    const zeroTie = n0 * n0 * n0 - n0;
    const ties = tieTerm - zeroTie > 0;
    const base = { statistic, alternative, n: all.length, zeros, ties };
    const nonZero = n - n0;
    if (nonZero === 0)
        return { ...base, p: 1, method: 'asymptotic', z: 0 };
    const requested = options.method ?? 'auto';
    if (requested !== 'auto' && requested !== 'exact' && requested !== 'asymptotic') {
        throw new RangeError(`method: expected 'auto', 'exact' or 'asymptotic', got ${String(requested)}`);
    }
    const exactOk = !ties && zeros === 0;
    const method = requested === 'auto' ? (exactOk && n <= SIGNED_RANK_EXACT_MAX_N ? 'exact' : 'asymptotic') : requested;
    if (method === 'exact') {
        if (!exactOk) {
            throw new RangeError("wilcoxonSignedRank: method 'exact' needs differences without ties or zeros; use 'asymptotic'");
        }
        const pmf = signedRankNullPmf(n);
        const top = pmf.length - 1;
        const upper = 1 - lowerCdf(pmf, Math.ceil(statistic) - 1); // P(V ≥ v)
        const lower = lowerCdf(pmf, Math.floor(statistic)); // P(V ≤ v)
        const upperPrecise = statistic > top / 2 ? lowerCdf(pmf, top - Math.ceil(statistic)) : upper; // by symmetry
        const p = alternative === 'greater'
            ? upperPrecise
            : alternative === 'less'
                ? lower
                : Math.min(1, 2 * Math.min(upperPrecise, lower));
        return { ...base, p, method };
    }
    const mean = (n * (n + 1) - n0 * (n0 + 1)) / 4;
    const variance = (n * (n + 1) * (2 * n + 1) - n0 * (n0 + 1) * (2 * n0 + 1)) / 24 - (tieTerm - zeroTie) / 48;
    if (!(variance > 0))
        return { ...base, p: 1, method, z: 0 };
    let num = statistic - mean;
    if (correction) {
        const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(num);
        num -= 0.5 * sign;
    }
    const z = num / Math.sqrt(variance);
    const p = alternative === 'greater'
        ? normalSf(z)
        : alternative === 'less'
            ? normalCdf(z)
            : Math.min(1, 2 * Math.min(normalSf(z), normalCdf(z)));
    return { ...base, p, z, method };
}
/**
 * k-th smallest (1-based) of the n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j, of the sorted sample
 * `sorted`, without materialising them: randomised selection over the upper triangle of the sorted
 * matrix dᵢ + dⱼ (Monahan, "Algorithm 616: fast computation of the Hodges–Lehmann location
 * estimator", ACM TOMS 10(3):265–270, 1984; the same band scheme as `kthPairwiseDifference`).
 * Per row i a band [lo[i], hi[i]) of candidate columns j ≥ i is kept; a pivot drawn from the band
 * is counted in O(n) with one pointer (row counts fall as i grows) and the band shrinks to one side;
 * at most 4n remaining candidates are finished with Floyd–Rivest selection. Expected
 * O(n log n) time.
 */
export function kthWalshAverage(sorted, k) {
    const n = sorted.length;
    const total = (n * (n + 1)) / 2;
    if (!(Number.isInteger(k) && k >= 1 && k <= total)) {
        throw new RangeError(`kthWalshAverage: k must be an integer in [1, ${total}], got ${k}`);
    }
    const lo = Int32Array.from({ length: n }, (_, i) => i);
    const hi = new Int32Array(n).fill(n);
    const tmp = new Int32Array(n);
    // Row i's boundary: first column j ≥ i with dᵢ + dⱼ not below (strict) / above (non-strict) 2v.
    const count = (pivotSum, strict) => {
        let j = n;
        let c = 0;
        for (let i = 0; i < n; i++) {
            const di = sorted[i];
            if (strict)
                while (j > 0 && di + sorted[j - 1] >= pivotSum)
                    j--;
            else
                while (j > 0 && di + sorted[j - 1] > pivotSum)
                    j--;
            const col = Math.max(i, j);
            tmp[i] = col;
            c += col - i;
        }
        return c;
    };
    let below = 0;
    let inBand = total;
    const random = createRandomSource(0x57a1); // steers pivots only; the result is deterministic
    const finishAt = Math.max(4 * n, 256);
    while (inBand > finishAt) {
        let r = Math.floor(random() * inBand);
        let pivotSum = Number.NaN;
        for (let i = 0; i < n; i++) {
            const w = hi[i] - lo[i];
            if (r < w) {
                pivotSum = sorted[i] + sorted[lo[i] + r];
                break;
            }
            r -= w;
        }
        const less = count(pivotSum, true);
        if (less >= k) {
            hi.set(tmp);
            inBand = less - below;
            continue;
        }
        const atMost = count(pivotSum, false);
        if (atMost >= k)
            return pivotSum / 2;
        lo.set(tmp);
        below = atMost;
        let band = 0;
        for (let i = 0; i < n; i++)
            band += hi[i] - lo[i];
        inBand = band;
    }
    const candidates = [];
    for (let i = 0; i < n; i++) {
        const di = sorted[i];
        for (let j = lo[i]; j < hi[i]; j++)
            candidates.push(di + sorted[j]);
    }
    const idx = k - below - 1;
    quickselect(candidates, idx, 0, candidates.length - 1);
    return candidates[idx] / 2;
}
/**
 * Hodges–Lehmann one-sample estimate θ̂ = median of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j (Hodges
 * & Lehmann, Ann. Math. Statist. 34(2):598–611, 1963), and the distribution-free confidence interval
 * [W₍C₎, W₍M+1−C₎] that inverts the Wilcoxon signed-rank test (Tukey's construction; Hollander,
 * Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., 2014, §3.2–3.3). For n ≤ 50, C is
 * R's `qsignrank(α/2, n)` (the smallest c with P(V ≤ c) ≥ α/2, at least 1; as `wilcox.test(...,
 * conf.int = TRUE)`), otherwise C = ⌊n(n+1)/4 − z₁₋α/₂·√(n(n+1)(2n+1)/24)⌋ (normal approximation,
 * rounded down: conservative). Valid for continuous symmetric differences; ties are not corrected
 * for in C. Order statistics are found by selection ({@link kthWalshAverage}), so thousands of
 * differences take milliseconds.
 *
 * @param differences paired differences, at least 1
 */
export function hodgesLehmannOneSample(differences, options = {}) {
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'hodgesLehmannOneSample confidence');
    const sorted = finiteCopy(differences, 'hodgesLehmannOneSample differences').sort();
    const n = sorted.length;
    const total = (n * (n + 1)) / 2;
    const half = Math.floor((total + 1) / 2);
    const estimate = total % 2 === 1
        ? kthWalshAverage(sorted, half)
        : (kthWalshAverage(sorted, half) + kthWalshAverage(sorted, half + 1)) / 2;
    const alpha = 1 - confidence;
    let rank;
    let achieved;
    let method;
    if (n <= SIGNED_RANK_EXACT_MAX_N) {
        const pmf = signedRankNullPmf(n);
        let c = 0;
        let cdf = pmf[0]; // P(V ≤ c)
        while (cdf < alpha / 2 && c < total) {
            c++;
            cdf += pmf[c];
        }
        rank = Math.max(1, c);
        achieved = 1 - 2 * lowerCdf(pmf, rank - 1);
        method = 'exact';
    }
    else {
        const z = normalQuantile(1 - alpha / 2);
        rank = Math.max(1, Math.floor(total / 2 - z * Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24)));
        method = 'asymptotic';
    }
    rank = Math.min(rank, half);
    const result = {
        estimate,
        lower: kthWalshAverage(sorted, rank),
        upper: kthWalshAverage(sorted, total + 1 - rank),
        rank,
        method,
        n,
    };
    if (achieved !== undefined)
        result.achievedConfidence = achieved;
    return result;
}
