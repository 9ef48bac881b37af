/**
 * Serial dependence of a run's samples: autocovariances, the automatic block length of the block
 * bootstrap, and the long-run variance by batch means. Successive latencies of one run are not
 * independent (frequency, background load and cache state drift within the run), so intervals and
 * tests built on them must use the long-run variance, not the iid one (docs/verdict.md#samples-two-runs-no-history).
 */
import { assertInteger, finiteCopy } from './validate.js';
/**
 * Sample autocovariances γ̂(0..maxLag) of a series in time order, mean-centred with divisor n
 * (the positive semi-definite estimator; Brockwell & Davis, Time Series: Theory and Methods,
 * 2nd ed., 1991, §7.2).
 */
export function autocovariances(series, maxLag) {
    const x = finiteCopy(series, 'autocovariances series');
    const n = x.length;
    assertInteger(maxLag, 'autocovariances maxLag', 0);
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += x[i];
    mean /= n;
    for (let i = 0; i < n; i++)
        x[i] = x[i] - mean;
    const top = Math.min(maxLag, n - 1);
    const out = new Float64Array(maxLag + 1);
    for (let k = 0; k <= top; k++) {
        let s = 0;
        for (let i = k; i < n; i++)
            s += x[i] * x[i - k];
        out[k] = s / n;
    }
    return out;
}
/**
 * Flat-top lag window (Politis & Romano, "Bias-corrected nonparametric spectral estimation",
 * J. Time Series Anal. 16(1):67–103, 1995): 1 up to |t| = ½, then linear down to 0 at |t| = 1.
 */
function flatTop(t) {
    const a = Math.abs(t);
    return a <= 0.5 ? 1 : a <= 1 ? 2 * (1 - a) : 0;
}
/**
 * Automatic block length for the circular and the stationary block bootstrap of Politis & White
 * ("Automatic block-length selection for the dependent bootstrap", Econometric Reviews
 * 23(1):53–70, 2004) with the correction of Patton, Politis & White (Econometric Reviews
 * 28(4):372–375, 2009): b = (2Ĝ²/D̂)^{1/3}·n^{1/3} with Ĝ = Σ λ(k/M)|k|γ̂(k),
 * ĝ = Σ λ(k/M)γ̂(k) over |k| ≤ M, D̂_CB = (4/3)ĝ², D̂_SB = 2ĝ², λ the flat-top window.
 * M = 2·max(m̂, 1), where m̂ is the first lag of the first run of K_N = max(5, ⌊log₁₀ n⌋) consecutive
 * autocorrelations inside ±2√(log₁₀ n / n), or M = ⌈√n⌉ + K_N when there is no such run; M is
 * capped at ⌈√n⌉ + K_N. The result is
 * capped at ⌈min(3√n, n/3)⌉ and floored at 1 (arch does not floor: a series without
 * autocorrelation gets b < 1 there, the iid bootstrap here). These are the tuning constants of the paper and of arch's
 * `optimal_block_length` (Sheppard, arch 8.0), whose values the tests reproduce.
 *
 * @param series observations in time order (at least 8)
 */
export function optimalBlockLength(series) {
    const n = series.length;
    if (n < 8)
        throw new RangeError(`optimalBlockLength: expected at least 8 observations, got ${n}`);
    const kn = Math.max(5, Math.floor(Math.log10(n)));
    const mMax = Math.ceil(Math.sqrt(n)) + kn;
    const cap = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
    const gamma = autocovariances(series, mMax + kn);
    const g0 = gamma[0];
    if (!(g0 > 0))
        return { circular: 1, stationary: 1, lag: 0, cap, bandwidth: 0, longRunVariance: 0, biasConstant: 0 };
    const band = 2 * Math.sqrt(Math.log10(n) / n);
    const insignificant = (k) => Math.abs(gamma[k] / g0) < band;
    // m̂: the first lag of the first run of K_N insignificant autocorrelations within lags 1..mMax
    // (the convention of Patton's MATLAB code, R np::b.star and arch); none: M = mMax.
    let lag = -1;
    for (let m = 1; m + kn - 1 < mMax + 1 && lag < 0; m++) {
        let all = true;
        for (let k = m; k < m + kn; k++) {
            if (!insignificant(k)) {
                all = false;
                break;
            }
        }
        if (all)
            lag = m;
    }
    const big = lag < 0 ? mMax : Math.min(2 * Math.max(lag, 1), mMax);
    let gHat = 0;
    let sHat = g0;
    for (let k = 1; k <= big; k++) {
        const w = flatTop(k / big) * gamma[k];
        gHat += 2 * k * w;
        sHat += 2 * w;
    }
    const d2 = sHat * sHat;
    const extra = { bandwidth: big, longRunVariance: sHat, biasConstant: gHat };
    if (!(d2 > 0))
        return { circular: cap, stationary: cap, lag, cap, ...extra };
    const scale = Math.cbrt((2 * gHat * gHat * n) / d2);
    const clamp = (b) => Math.min(cap, Math.max(1, b));
    return {
        circular: clamp(scale / Math.cbrt(4 / 3)),
        stationary: clamp(scale / Math.cbrt(2)),
        lag,
        cap,
        ...extra,
    };
}
/**
 * Batch size for a batch-means long-run variance with first-order relative bias at most `bias`:
 * the non-overlapping batch-means estimator has E[σ̂²] ≈ σ²_∞ − G/m with G = 2Σₖ k·γ(k)
 * (Song & Schmeiser, "Optimal mean-squared-error batch sizes", Management Science 41(1):110–123,
 * 1995), so m = ⌈G/(bias·σ²_∞)⌉, with G and σ²_∞ from the flat-top estimates of
 * {@link optimalBlockLength}. Kept within [⌊√n⌋, ⌊n/8⌋] (Flegal & Jones' √n as the floor; at least
 * 8 batches so the variance estimate keeps 7 degrees of freedom); ⌊√n⌋ when the estimates are not
 * positive.
 *
 * @param series observations in time order (at least 2)
 * @param bias tolerated relative bias (default 0.1)
 */
export function batchSizeForBias(series, bias = 0.1) {
    const n = series.length;
    const floor = Math.max(1, Math.floor(Math.sqrt(n)));
    const ceiling = Math.max(floor, Math.floor(n / 8));
    if (n < 8)
        return Math.max(1, Math.min(floor, Math.floor(n / 2)));
    const pw = optimalBlockLength(series);
    if (!(pw.longRunVariance > 0 && pw.biasConstant > 0))
        return Math.min(floor, Math.floor(n / 2));
    const m = Math.ceil(pw.biasConstant / (bias * pw.longRunVariance));
    return Math.min(ceiling, Math.max(floor, m));
}
/**
 * Long-run variance of a stationary series by non-overlapping batch means (Schmeiser, "Batch size
 * effects in the analysis of simulation output", Operations Research 30(3):556–568, 1982):
 * the series is cut into a = ⌊n/m⌋ consecutive batches (sizes m or m + 1, every observation used)
 * and σ̂²_∞ = Σ mₖ(B̄ₖ − x̄)²/(a − 1), which is consistent when m and n/m both grow; the default
 * batch size m = ⌊√n⌋ is that of Flegal & Jones ("Batch means and spectral variance estimators in
 * Markov chain Monte Carlo", Ann. Statist. 38(2):1034–1070, 2010). With m = 1 it is the iid sample
 * variance. Under normality the estimate has a − 1 degrees of freedom, which is what the t
 * reference of the tests built on it uses.
 *
 * @param series observations in time order (at least 2)
 * @param batchSize m (default ⌊√n⌋); at most n/2 so that there are two batches
 */
export function batchMeansVariance(series, batchSize) {
    const x = finiteCopy(series, 'batchMeansVariance series', 2);
    const n = x.length;
    const m = batchSize ?? Math.max(1, Math.floor(Math.sqrt(n)));
    assertInteger(m, 'batchMeansVariance batchSize', 1);
    if (m > n / 2) {
        throw new RangeError(`batchMeansVariance batchSize: expected at most n/2 = ${n / 2}, got ${m}`);
    }
    const a = Math.floor(n / m);
    let mean = 0;
    for (let i = 0; i < n; i++)
        mean += x[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++)
        ss += (x[i] - mean) ** 2;
    const variance = ss / (n - 1);
    let acc = 0;
    for (let k = 0; k < a; k++) {
        const from = Math.round((k * n) / a);
        const to = Math.round(((k + 1) * n) / a);
        let s = 0;
        for (let i = from; i < to; i++)
            s += x[i];
        const size = to - from;
        acc += size * (s / size - mean) ** 2;
    }
    const longRunVariance = acc / (a - 1);
    return {
        longRunVariance,
        variance,
        batchSize: m,
        batches: a,
        df: a - 1,
        effectiveSampleSize: longRunVariance > 0 ? (n * variance) / longRunVariance : n,
    };
}
