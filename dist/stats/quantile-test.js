import { planQuantileSide, relabelOrderStatistics, sparsitySe, type7Position, valueAtRank, } from './order-resample.js';
import { createRandomSource, DEFAULT_SEED } from './rng.js';
import { assertInteger, assertOpenUnit, sortedCopy } from './validate.js';
/** 9,999 relabellings: the smallest attainable p is 1e-4, below α/5 for α down to 0.0005. */
export const DEFAULT_QUANTILE_PERMUTATIONS = 9_999;
/** Hyndman–Fan type-7 quantile of an ascending sample. */
function type7(sorted, q) {
    const { lower, upper, fraction } = type7Position(sorted.length, q);
    const a = sorted[lower];
    return fraction === 0 ? a : a + fraction * (sorted[upper] - a);
}
/** log q and the sparsity SE of log q from a window of log values. */
function logStats(w, s) {
    return { logQ: valueAtRank(w, s.window.from, (s.n - 1) * s.q), se: sparsitySe(w, s) };
}
/**
 * Two-sample permutation test of equal q-quantiles (e.g. P99) of two independent samples of
 * positive values, on the log scale: statistic D = log q(current) − log q(baseline), divided by
 * √(SE²₁ + SE²₂) where each SE comes from the order-statistic sparsity estimate (Siddiqui 1960;
 * Bloch & Gastwirth 1968). Studentizing makes the test exact when the two samples are exchangeable
 * (identical distributions) and asymptotically valid for equal quantiles when the distributions
 * otherwise differ (Chung & Romano, "Exact and asymptotically robust permutation tests",
 * Ann. Statist. 41(2):484–507, 2013, §3 for the median); the unstudentized difference does not
 * have that second property. The p-value is (b + 1)/(m + 1) over m random relabellings, b of them
 * at least as extreme — never 0, and a valid p-value for the Monte-Carlo test (Phipson & Smyth,
 * "Permutation p-values should never be zero", Stat. Appl. Genet. Mol. Biol. 9(1):39, 2010).
 *
 * Quantiles are type 7 on the log values (the log is monotone, so the order statistics are the
 * same; only the interpolation between two of them is done on the log scale). Each relabelling
 * only draws labels for the pooled values from the nearer end down to the quantiles' order
 * statistics, so a P99 at 10,000 + 10,000 samples costs about 250 label draws per relabelling.
 *
 * @param baseline strictly positive values
 * @param current strictly positive values
 */
export function quantilePermutationTest(baseline, current, options) {
    const q = options.quantile;
    assertOpenUnit(q, 'quantilePermutationTest quantile');
    const permutations = options.permutations ?? DEFAULT_QUANTILE_PERMUTATIONS;
    assertInteger(permutations, 'quantilePermutationTest permutations', 1);
    const studentized = options.studentized ?? true;
    const alternative = options.alternative ?? 'two-sided';
    const base = sortedCopy(baseline, 'quantilePermutationTest baseline', 2);
    const cur = sortedCopy(current, 'quantilePermutationTest current', 2);
    if (!(base[0] > 0 && cur[0] > 0)) {
        throw new RangeError('quantilePermutationTest: a quantile ratio needs strictly positive samples');
    }
    const n1 = base.length;
    const n2 = cur.length;
    const logBase = base.map(Math.log);
    const logCur = cur.map(Math.log);
    const s1 = planQuantileSide(n1, q, studentized);
    const s2 = planQuantileSide(n2, q, studentized);
    const statistic = (w1, w2) => {
        const a = logStats(w1, s1);
        const b = logStats(w2, s2);
        const d = b.logQ - a.logQ;
        if (!studentized)
            return d;
        const se = Math.hypot(a.se, b.se);
        return se > 0 ? d / se : d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
    };
    const observed = statistic(logBase.slice(s1.window.from, s1.window.to + 1), logCur.slice(s2.window.from, s2.window.to + 1));
    const pooled = new Float64Array(n1 + n2);
    pooled.set(logBase);
    pooled.set(logCur, n1);
    pooled.sort();
    const fromTop = q >= 0.5;
    const w1 = new Float64Array(s1.window.to - s1.window.from + 1);
    const w2 = new Float64Array(s2.window.to - s2.window.from + 1);
    const random = createRandomSource(options.seed ?? DEFAULT_SEED);
    // Relative tolerance so that relabellings equal to the observed statistic up to rounding count
    // (none for an infinite statistic: both spans without spread, only equally infinite ones count).
    const tol = Number.isFinite(observed) ? 1e-12 * Math.max(1, Math.abs(observed)) : 0;
    let extreme = 0;
    for (let m = 0; m < permutations; m++) {
        relabelOrderStatistics(pooled, n1, s1.window, s2.window, fromTop, random, w1, w2);
        const t = statistic(w1, w2);
        const hit = alternative === 'greater'
            ? t >= observed - tol
            : alternative === 'less'
                ? t <= observed + tol
                : Math.abs(t) >= Math.abs(observed) - tol;
        if (hit)
            extreme++;
    }
    return {
        p: (extreme + 1) / (permutations + 1),
        statistic: observed,
        ratio: type7(cur, q) / type7(base, q),
        exceedances: extreme,
        permutations,
        studentized,
        alternative,
    };
}
