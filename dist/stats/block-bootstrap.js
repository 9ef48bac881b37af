/**
 * Circular block bootstrap of a quantile and of a quantile ratio, for samples that are serially
 * dependent (one run's latencies in time order). Resampling whole blocks of consecutive samples
 * keeps the dependence inside each block, so the interval widens by as much as the autocorrelation
 * inflates the quantile's variance; with block length 1 it is the iid bootstrap.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { quantileSorted } from 'simple-statistics';
import { optimalBlockLength } from './autocorrelation.js';
import { normalQuantile } from './normal.js';
import { createRandomSource, DEFAULT_SEED } from './rng.js';
import { assertClosedUnit, assertInteger, assertOpenUnit, finiteCopy } from './validate.js';
function prepare(samples, name, block) {
    const x = finiteCopy(samples, name);
    const n = x.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
    const sorted = new Float64Array(n);
    const rankOf = new Int32Array(n);
    order.forEach((t, r) => {
        sorted[r] = x[t];
        rankOf[t] = r;
    });
    return { sorted, rankOf, counts: new Int32Array(n), block: Math.min(block, n) };
}
/**
 * Type-7 quantile of one circular-block-bootstrap resample: ⌈n/b⌉ blocks of b consecutive time
 * indices starting at uniform positions, wrapping around the end (Politis & Romano 1992), the last
 * block cut so the resample has n values. The resample is tallied by sorted position, so its
 * order statistics are read off without sorting: O(n) per resample.
 */
function resampleQuantile(p, q, random) {
    const { counts, block } = p;
    const n = p.sorted.length;
    counts.fill(0);
    if (block === 1) {
        // iid resampling: time order is irrelevant, so draw sorted positions directly (rankOf is a
        // bijection, the distribution is the same) and skip the per-block bookkeeping below.
        for (let d = 0; d < n; d++) {
            const r = Math.floor(random() * n);
            counts[r] = counts[r] + 1;
        }
        return quantileFromCounts(p, q);
    }
    let drawn = 0;
    while (drawn < n) {
        const start = Math.floor(random() * n);
        const len = Math.min(block, n - drawn);
        tallyBlock(p, start, len);
        drawn += len;
    }
    return quantileFromCounts(p, q);
}
/** Counts the `len` time indices from `start` (wrapping around the end) by their sorted position. */
function tallyBlock(p, start, len) {
    const { rankOf, counts } = p;
    const n = rankOf.length;
    // The block as at most two straight runs of time indices: up to the end, then from 0.
    const firstEnd = Math.min(n, start + len);
    for (let t = start; t < firstEnd; t++) {
        const r = rankOf[t];
        counts[r] = counts[r] + 1;
    }
    for (let t = 0, rest = len - (firstEnd - start); t < rest; t++) {
        const r = rankOf[t];
        counts[r] = counts[r] + 1;
    }
}
/** Type-7 q-quantile of the resample tallied in `p.counts`, read off by sorted position. */
function quantileFromCounts(p, q) {
    const { sorted, counts } = p;
    const n = sorted.length;
    const h = (n - 1) * q;
    const lowRank = Math.floor(h);
    const fraction = h - lowRank;
    if (q > 0.5) {
        // Walk down from the top: order statistic r is sorted[i] for the i where the count of
        // values at or above i first exceeds n − 1 − r.
        const fromTop = (rank) => {
            let i = n - 1;
            let seen = counts[i];
            while (seen <= n - 1 - rank) {
                i--;
                seen += counts[i];
            }
            return sorted[i];
        };
        const low = fromTop(lowRank);
        return fraction === 0 || lowRank + 1 >= n ? low : low + fraction * (fromTop(lowRank + 1) - low);
    }
    let i = 0;
    let seen = counts[0];
    while (seen <= lowRank) {
        i++;
        seen += counts[i];
    }
    const low = sorted[i];
    if (fraction === 0 || lowRank + 1 >= n)
        return low;
    while (seen <= lowRank + 1) {
        i++;
        seen += counts[i];
    }
    return low + fraction * (sorted[i] - low);
}
/**
 * Block length for bootstrapping the q-quantile of a series: the Politis–White–Patton circular
 * block length ({@link optimalBlockLength}), lengthened until the first-order bias of the block
 * variance estimate, −G/(b·σ²_∞), is at most 10% (G, σ²_∞ the flat-top estimates; Künsch 1989;
 * Hall, Horowitz & Jing, "On blocking rules for the bootstrap with dependent data", Biometrika
 * 82(3):561–574, 1995) and capped at
 * ⌈min(3√n, n/3)⌉: the MSE-optimal length trades that bias for variance, an interval must not.
 * It is computed on the quantile's influence function — the indicator
 * series 1{xₜ ≤ q̂} (the quantile is, to first order, a mean of it; Künsch, "The jackknife and the
 * bootstrap for general stationary observations", Ann. Statist. 17(3):1217–1241, 1989, §3) — and of
 * the median indicator, whichever is longer, rounded to an integer ≥ 1. The median indicator sees
 * drift of the level, which moves every quantile; the q-indicator sees clusters of tail events.
 */
export function quantileBlockLength(samples, q) {
    assertOpenUnit(q, 'quantileBlockLength q');
    const x = finiteCopy(samples, 'quantileBlockLength samples');
    if (x.length < 8)
        return 1;
    const sorted = Float64Array.from(x).sort();
    const indicatorLength = (p) => {
        const cut = quantileSorted(Array.from(sorted), p);
        const pw = optimalBlockLength(Array.from(x, (v) => (v <= cut ? 1 : 0)));
        // The MSE-optimal length leaves the block bootstrap variance biased low by about G/(b·σ²_∞)
        // (Künsch 1989; Hall, Horowitz & Jing 1995; a third at AR(1) 0.8, n = 300); an interval needs the bias
        // small, so the block is at least as long as that bias allows at 10%, up to the cap.
        if (!(pw.longRunVariance > 0 && pw.biasConstant > 0))
            return pw.circular;
        return Math.max(pw.circular, Math.min(pw.cap, pw.biasConstant / (0.1 * pw.longRunVariance)));
    };
    const b = q === 0.5 ? indicatorLength(0.5) : Math.max(indicatorLength(q), indicatorLength(0.5));
    return Math.max(1, Math.round(b));
}
function resolveBlock(value, samples, q, name) {
    if (value === undefined || value === 'auto')
        return quantileBlockLength(samples, q === 0 || q === 1 ? 0.5 : q);
    assertInteger(value, name, 1);
    return value;
}
function percentileLimits(values, confidence) {
    values.sort();
    const sortedValues = Array.from(values);
    const alpha = 1 - confidence;
    return {
        lower: quantileSorted(sortedValues, alpha / 2),
        upper: quantileSorted(sortedValues, 1 - alpha / 2),
    };
}
/**
 * Widens percentile limits by t₁₋α/₂(df)/z₁₋α/₂ on the log scale around the estimate, keeping
 * their asymmetry: with a few dozen blocks the bootstrap variance is itself uncertain, as a
 * batch-means variance with (blocks − 1) degrees of freedom is (Schmeiser 1982), and an interval
 * read at the normal quantile is then too short in the cases where the variance came out low.
 */
function widen(estimate, lower, upper, confidence, df) {
    if (!Number.isFinite(df))
        return { lower, upper };
    const p = 1 - (1 - confidence) / 2;
    const factor = tQuantile(p, Math.max(df, 1)) / normalQuantile(p);
    return { lower: estimate * (lower / estimate) ** factor, upper: estimate * (upper / estimate) ** factor };
}
/** Sample variance (divisor B − 1) of the logs of the bootstrap replicates; 0 for one replicate. */
function logVariance(values) {
    let mean = 0;
    for (const v of values)
        mean += Math.log(v);
    mean /= values.length;
    let ss = 0;
    for (const v of values)
        ss += (Math.log(v) - mean) ** 2;
    return values.length > 1 ? ss / (values.length - 1) : 0;
}
function commonOptions(options, name) {
    const q = options.quantile;
    assertClosedUnit(q, `${name} quantile`);
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, `${name} confidence`);
    const resamples = options.resamples ?? 2000;
    assertInteger(resamples, `${name} resamples`, 2);
    return { q, confidence, resamples, seed: options.seed ?? DEFAULT_SEED };
}
/**
 * Percentile confidence interval and log-scale standard error of one run's q-quantile by the
 * circular block bootstrap (Politis & Romano, "A circular block-resampling procedure for stationary
 * data", in Exploring the Limits of Bootstrap, Wiley, 1992, 263–270; the moving-block bootstrap of
 * Künsch 1989 with the series wrapped on a circle so every observation is equally likely to be
 * drawn), block length chosen by {@link quantileBlockLength} unless given. Percentile interval as in
 * Efron & Tibshirani (An Introduction to the Bootstrap, 1993, ch. 13), type-7 quantiles; seeded.
 *
 * `logSe` is what the run-level comparison needs as the run's own uncertainty of log(P50).
 *
 * @param samples strictly positive values in time order
 */
export function blockBootstrapQuantile(samples, options) {
    const { q, confidence, resamples, seed } = commonOptions(options, 'blockBootstrapQuantile');
    const block = resolveBlock(options.blockLength, samples, q, 'blockBootstrapQuantile blockLength');
    const p = prepare(samples, 'blockBootstrapQuantile samples', block);
    if (!(p.sorted[0] > 0)) {
        throw new RangeError('blockBootstrapQuantile: a log-scale standard error needs strictly positive samples');
    }
    const estimate = quantileSorted(Array.from(p.sorted), q);
    const random = createRandomSource(seed);
    const values = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++)
        values[b] = resampleQuantile(p, q, random);
    const logSe = Math.sqrt(logVariance(values));
    const df = Math.max(1, Math.floor(p.sorted.length / p.block) - 1);
    const limits = percentileLimits(values, confidence);
    return {
        estimate,
        ...widen(estimate, limits.lower, limits.upper, confidence, df),
        logSe,
        df,
        blockLength: p.block,
        resamples,
        method: 'circular-block-bootstrap',
    };
}
/**
 * Percentile confidence interval for q(current)/q(baseline) when each side is one run's samples in
 * time order: two independent circular block bootstraps (Politis & Romano 1992), one per side, each
 * with its own automatic block length (Politis & White 2004; Patton, Politis & White 2009; see
 * {@link quantileBlockLength}).
 *
 * With `blockLength: 1` it is the iid two-sample percentile bootstrap (each sample resampled
 * independently with replacement at its own size; Efron & Tibshirani, An Introduction to the
 * Bootstrap, 1993, ch. 8 and ch. 13), drawing exactly the resamples that `floor(random()·n)` index
 * draws build, except that the log-scale limits are widened by t(df)/z with df ≈ n₁ + n₂ − 2 (a
 * factor of 1.006 at 100 + 100 samples, 1.002 at 300 + 300). With iid samples the automatic block
 * length is 1. Seeded and reproducible; O(n) per resample, so 10,000 + 10,000 samples × 2,000
 * resamples take a fraction of a second.
 *
 * @param baseline strictly positive values in time order
 * @param current strictly positive values in time order
 */
export function blockBootstrapQuantileRatioCI(baseline, current, options) {
    const { q, confidence, resamples, seed } = commonOptions(options, 'blockBootstrapQuantileRatioCI');
    const bl = options.blockLength;
    const perSide = typeof bl === 'object' ? bl : { baseline: bl, current: bl };
    const base = prepare(baseline, 'blockBootstrapQuantileRatioCI baseline', resolveBlock(perSide.baseline, baseline, q, 'blockBootstrapQuantileRatioCI blockLength.baseline'));
    const cur = prepare(current, 'blockBootstrapQuantileRatioCI current', resolveBlock(perSide.current, current, q, 'blockBootstrapQuantileRatioCI blockLength.current'));
    if (!(base.sorted[0] > 0 && cur.sorted[0] > 0)) {
        throw new RangeError('blockBootstrapQuantileRatioCI: a quantile ratio needs strictly positive samples');
    }
    const estimate = quantileSorted(Array.from(cur.sorted), q) / quantileSorted(Array.from(base.sorted), q);
    const random = createRandomSource(seed);
    const ratios = new Float64Array(resamples);
    const baseQ = new Float64Array(resamples);
    const curQ = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) {
        const qb = resampleQuantile(base, q, random);
        const qc = resampleQuantile(cur, q, random);
        baseQ[b] = qb;
        curQ[b] = qc;
        ratios[b] = qc / qb;
    }
    const logSe = Math.sqrt(logVariance(ratios));
    // Welch–Satterthwaite over the two sides, each side's variance with (blocks − 1) df.
    const vb = logVariance(baseQ);
    const vc = logVariance(curQ);
    const kb = Math.max(1, Math.floor(base.sorted.length / base.block) - 1);
    const kc = Math.max(1, Math.floor(cur.sorted.length / cur.block) - 1);
    const denom = (vb * vb) / kb + (vc * vc) / kc;
    const df = denom > 0 ? ((vb + vc) * (vb + vc)) / denom : Infinity;
    const limits = percentileLimits(ratios, confidence);
    return {
        estimate,
        ...widen(estimate, limits.lower, limits.upper, confidence, df),
        logSe,
        df,
        blockLengths: { baseline: base.block, current: cur.block },
        resamples,
        method: 'circular-block-bootstrap',
    };
}
/**
 * Log-scale standard error of q(numerator)/q(denominator) when the two series were measured
 * interleaved, pair by pair (numerator[t] and denominator[t] next to each other in time): the
 * circular block bootstrap of the bivariate series (xₜ, yₜ), every resample drawing the same blocks
 * of time indices for both (Künsch, "The jackknife and the bootstrap for general stationary
 * observations", Ann. Statist. 17(3):1217–1241, 1989, which treats vector-valued series; circular
 * blocks: Politis & Romano 1992). Drawing the blocks jointly keeps what the two series share — the
 * machine's drift moves both — so the ratio's standard error is the one of the pairs as measured,
 * not the wider one of two independent runs; the blocks keep each series' own autocorrelation, so it
 * is not the over-confident iid one either. Seeded and reproducible, O(n) per resample.
 *
 * @param numerator strictly positive values in time order (e.g. the model's latencies)
 * @param denominator strictly positive values, paired with `numerator` by index (the reference's)
 */
export function pairedBlockBootstrapQuantileRatio(numerator, denominator, options) {
    const { q, resamples, seed } = commonOptions(options, 'pairedBlockBootstrapQuantileRatio');
    if (numerator.length !== denominator.length) {
        throw new RangeError(`pairedBlockBootstrapQuantileRatio: the series are paired by index and must have one length, got ${numerator.length} and ${denominator.length}`);
    }
    const qb = q === 0 || q === 1 ? 0.5 : q;
    const block = options.blockLength === undefined || options.blockLength === 'auto'
        ? Math.max(quantileBlockLength(numerator, qb), quantileBlockLength(denominator, qb))
        : options.blockLength;
    assertInteger(block, 'pairedBlockBootstrapQuantileRatio blockLength', 1);
    const a = prepare(numerator, 'pairedBlockBootstrapQuantileRatio numerator', block);
    const b = prepare(denominator, 'pairedBlockBootstrapQuantileRatio denominator', block);
    if (!(a.sorted[0] > 0 && b.sorted[0] > 0)) {
        throw new RangeError('pairedBlockBootstrapQuantileRatio: a quantile ratio needs strictly positive samples');
    }
    const n = a.sorted.length;
    const estimate = quantileSorted(Array.from(a.sorted), q) / quantileSorted(Array.from(b.sorted), q);
    const random = createRandomSource(seed);
    const ratios = new Float64Array(resamples);
    for (let r = 0; r < resamples; r++) {
        a.counts.fill(0);
        b.counts.fill(0);
        for (let drawn = 0; drawn < n;) {
            const start = Math.floor(random() * n);
            const len = Math.min(a.block, n - drawn);
            tallyBlock(a, start, len);
            tallyBlock(b, start, len);
            drawn += len;
        }
        ratios[r] = quantileFromCounts(a, q) / quantileFromCounts(b, q);
    }
    return {
        estimate,
        logSe: Math.sqrt(logVariance(ratios)),
        df: Math.max(1, Math.floor(n / a.block) - 1),
        blockLength: a.block,
        resamples,
        method: 'paired-circular-block-bootstrap',
    };
}
