/**
 * E-Divisive Means change-point detection with a permutation significance test. Pure.
 *
 * Method: Matteson, D. S. & James, N. A. (2014), "A Nonparametric Approach for Multiple Change
 * Point Analysis of Multivariate Data", JASA 109(505):334–345, with the energy-distance exponent
 * α = 1 and the end of each segment as κ (the "E-Divisive Means" variant MongoDB uses in CI:
 * Daly, Brown, Ingo, O'Leary & Bradford, "The Use of Change Point Detection to Identify Software
 * Performance Regressions in a Continuous Integration System", ICPE 2020; also Apache Otava,
 * formerly Hunter: Fleming et al., ICPE 2023).
 *
 * For a segment Z split at τ into X = Z[0, τ) (m values) and Y = Z[τ, L) (n values):
 *
 *   Ê(X, Y) = 2/(mn) Σᵢⱼ |Xᵢ − Yⱼ| − 1/C(m,2) Σᵢ<ₖ |Xᵢ − Xₖ| − 1/C(n,2) Σⱼ<ₖ |Yⱼ − Yₖ|
 *   Q̂(τ)    = mn/(m + n) · Ê(X, Y)
 *
 * Divisive search: the best split of every current segment is computed (O(L²) per segment, with
 * running sums), the largest Q̂ over all segments is the candidate; it is accepted when the
 * permutation test rejects "no change": the values are shuffled within each segment R times and the
 * largest Q̂ is recomputed; p = (1 + #{Q̂_perm ≥ Q̂}) / (R + 1) (Davison & Hinkley 1997, §4.3;
 * the ≥ keeps the test valid with ties). The search stops at the first candidate with p > α.
 */
import { createRandomSource, DEFAULT_SEED } from '../stats/rng.js';
/**
 * The split of the segment `values[start, end)` with the largest Q̂, over τ in
 * [minSize, L − minSize] (τ relative to `start`); undefined when the segment is too short.
 * O(L²) time, O(1) extra memory.
 */
export function bestSplit(values, minSize = 3, start = 0, end = values.length) {
    const L = end - start;
    const min = Math.max(2, minSize);
    if (L < 2 * min)
        return undefined;
    // tau = 0: everything is in Y.
    let cross = 0;
    let withinX = 0;
    let withinY = 0;
    for (let i = start; i < end; i++) {
        const vi = values[i];
        for (let j = i + 1; j < end; j++)
            withinY += Math.abs(vi - values[j]);
    }
    let best;
    for (let t = 0; t < L - min; t++) {
        // Move values[t] from Y to X.
        const vt = values[start + t];
        let toX = 0;
        for (let i = start; i < start + t; i++)
            toX += Math.abs(vt - values[i]);
        let toY = 0;
        for (let j = start + t + 1; j < end; j++)
            toY += Math.abs(vt - values[j]);
        cross += toY - toX;
        withinX += toX;
        withinY -= toY;
        const m = t + 1;
        const n = L - m;
        if (m < min)
            continue;
        const e = (2 * cross) / (m * n) - (2 * withinX) / (m * (m - 1)) - (2 * withinY) / (n * (n - 1));
        const q = ((m * n) / (m + n)) * e;
        if (!best || q > best.qhat)
            best = { tau: m, qhat: q };
    }
    return best;
}
function bestCandidate(series, bounds, min) {
    let best;
    for (let s = 0; s + 1 < bounds.length; s++) {
        const start = bounds[s];
        const end = bounds[s + 1];
        const split = bestSplit(series, min, start, end);
        if (split && (!best || split.qhat > best.qhat))
            best = { start, end, index: start + split.tau, qhat: split.qhat };
    }
    return best;
}
/**
 * Finds the change points of `series` (in order of index). Deterministic for a given seed.
 * @throws RangeError for non-finite values or options out of range.
 */
export function eDivisive(series, options = {}) {
    const significance = options.significance ?? 0.01;
    const permutations = options.permutations ?? 199;
    const min = Math.max(2, options.minSize ?? 3);
    const maxChangePoints = options.maxChangePoints ?? 50;
    if (!(significance > 0 && significance < 1))
        throw new RangeError(`significance: expected a number in (0, 1), got ${significance}`);
    if (!Number.isInteger(permutations) || permutations < 1)
        throw new RangeError(`permutations: expected a positive integer, got ${permutations}`);
    if (series.some((v) => !Number.isFinite(v)))
        throw new RangeError('series: every value must be finite');
    const random = createRandomSource(options.seed ?? DEFAULT_SEED);
    const bounds = [0, series.length];
    const found = [];
    // More exceedances than this and p > significance whatever the remaining permutations give.
    const maxExceed = Math.floor(significance * (permutations + 1)) - 1;
    const shuffled = new Float64Array(series.length);
    while (found.length < maxChangePoints) {
        const candidate = bestCandidate(series, bounds, min);
        // Constant segments give Q̂ = 0 everywhere: nothing to test.
        if (!candidate || !(candidate.qhat > 1e-12 * Math.max(1, ...series.map(Math.abs))))
            break;
        const tolerance = 1e-9 * Math.abs(candidate.qhat);
        let exceed = 0;
        let rejected = maxExceed < 0;
        for (let r = 0; r < permutations && !rejected; r++) {
            // Shuffle within each segment (Fisher–Yates), keeping the segments' boundaries.
            for (let s = 0; s + 1 < bounds.length; s++) {
                const start = bounds[s];
                const end = bounds[s + 1];
                for (let i = start; i < end; i++)
                    shuffled[i] = series[i];
                for (let i = end - 1; i > start; i--) {
                    const j = start + Math.floor(random() * (i - start + 1));
                    const t = shuffled[i];
                    shuffled[i] = shuffled[j];
                    shuffled[j] = t;
                }
            }
            const permuted = bestCandidate(shuffled, bounds, min);
            if (permuted && permuted.qhat >= candidate.qhat - tolerance) {
                exceed++;
                if (exceed > maxExceed)
                    rejected = true;
            }
        }
        if (rejected)
            break;
        const pValue = (exceed + 1) / (permutations + 1);
        found.push({ index: candidate.index, qhat: candidate.qhat, pValue, order: found.length + 1 });
        bounds.push(candidate.index);
        bounds.sort((a, b) => a - b);
    }
    return { changePoints: found.sort((a, b) => a.index - b.index) };
}
