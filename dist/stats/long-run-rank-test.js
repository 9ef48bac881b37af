/**
 * A two-sample rank test for samples that are serially dependent within each sample.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import { batchMeansVariance, batchSizeForBias } from './autocorrelation.js';
import { assertInteger, finiteCopy } from './validate.js';
/** Midranks (1-based, ties averaged) of `values`, returned in the original order. */
function midranks(values) {
    const n = values.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
    const ranks = new Float64Array(n);
    let i = 0;
    while (i < n) {
        let j = i + 1;
        while (j < n && values[order[j]] === values[order[i]])
            j++;
        const mid = (i + 1 + j) / 2;
        for (let k = i; k < j; k++)
            ranks[order[k]] = mid;
        i = j;
    }
    return ranks;
}
/**
 * Brunner–Munzel test of H₀: p = P(X < Y) + ½P(X = Y) = ½ (Brunner & Munzel, "The nonparametric
 * Behrens–Fisher problem: asymptotic theory and a small-sample approximation", Biometrical Journal
 * 42(1):17–25, 2000), with the variance of each sample's placements replaced by its **long-run
 * variance** by batch means ({@link batchMeansVariance}; Schmeiser 1982; Flegal & Jones 2010), batch
 * sizes chosen per sample so the estimate's bias stays small ({@link batchSizeForBias}).
 *
 * p̂ is a mean of placements F̂ₓ(yⱼ) (and of F̂ᵧ(xᵢ)); its iid variance σ²/n understates the truth when
 * successive samples are positively correlated, by the factor n/n_eff. Replacing σ² by the long-run
 * variance σ²_∞ = lim n·Var(mean) gives Var(p̂) ≈ σ²_∞,x/n1 + σ²_∞,y/n2, and the reference is a t
 * distribution with Welch–Satterthwaite degrees of freedom from the batch counts (Satterthwaite,
 * Biometrics Bulletin 2(6):110–114, 1946). With batch size 1 this is exactly the Brunner–Munzel test
 * (SciPy's `scipy.stats.brunnermunzel`, t distribution). Unlike Mann–Whitney it does not assume the
 * two samples have the same shape under H₀.
 *
 * If both placement variances are 0 (complete separation or all values tied), p = 0 when p̂ ≠ ½
 * and 1 otherwise.
 *
 * @param x first sample in time order (e.g. baseline latencies)
 * @param y second sample in time order (e.g. current latencies)
 */
export function longRunRankTest(x, y, options = {}) {
    const alternative = options.alternative ?? 'two-sided';
    if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
        throw new RangeError(`alternative: expected 'two-sided', 'less' or 'greater', got ${String(alternative)}`);
    }
    const xs = finiteCopy(x, 'longRunRankTest x', 2);
    const ys = finiteCopy(y, 'longRunRankTest y', 2);
    const n1 = xs.length;
    const n2 = ys.length;
    const pooled = new Float64Array(n1 + n2);
    pooled.set(xs);
    pooled.set(ys, n1);
    const rPooled = midranks(pooled);
    const rx = midranks(xs);
    const ry = midranks(ys);
    // Placements: F̂ᵧ(xᵢ) = (pooled rank − internal rank)/n2, F̂ₓ(yⱼ) likewise (Brunner & Munzel 2000).
    const px = Float64Array.from(rx, (r, i) => (rPooled[i] - r) / n2);
    const py = Float64Array.from(ry, (r, j) => (rPooled[n1 + j] - r) / n1);
    let relativeEffect = 0;
    for (const v of py)
        relativeEffect += v;
    relativeEffect /= n2;
    const bs = options.batchSize ?? 'auto';
    const bx = typeof bs === 'object' ? bs.x : bs === 'auto' ? batchSizeForBias(px) : bs;
    const by = typeof bs === 'object' ? bs.y : bs === 'auto' ? batchSizeForBias(py) : bs;
    assertInteger(bx, 'longRunRankTest batchSize.x', 1);
    assertInteger(by, 'longRunRankTest batchSize.y', 1);
    const vx = batchMeansVariance(px, Math.min(bx, Math.floor(n1 / 2)));
    const vy = batchMeansVariance(py, Math.min(by, Math.floor(n2 / 2)));
    const ax = vx.longRunVariance / n1;
    const ay = vy.longRunVariance / n2;
    const variance = ax + ay;
    const se = Math.sqrt(variance);
    const iidSe = Math.sqrt(vx.variance / n1 + vy.variance / n2);
    const df = variance > 0 ? (variance * variance) / ((ax * ax) / vx.df + (ay * ay) / vy.df) : Number.NaN;
    const base = {
        relativeEffect,
        alternative,
        se,
        iidSe,
        batchSizes: { x: vx.batchSize, y: vy.batchSize },
        effectiveSampleSizes: { x: vx.effectiveSampleSize, y: vy.effectiveSampleSize },
        n1,
        n2,
    };
    const diff = relativeEffect - 0.5;
    if (!(variance > 0)) {
        const statistic = diff === 0 ? 0 : diff > 0 ? Infinity : -Infinity;
        const p = diff === 0 ? 1 : alternative === 'two-sided' ? 0 : (alternative === 'less') === diff > 0 ? 0 : 1;
        return { ...base, statistic, df, p };
    }
    const statistic = diff / se;
    // Upper tail by symmetry, not 1 − cdf, so small p-values keep their precision.
    const lowerTail = tCdf(statistic, df);
    const upperTail = tCdf(-statistic, df);
    const p = alternative === 'greater'
        ? lowerTail
        : alternative === 'less'
            ? upperTail
            : Math.min(1, 2 * Math.min(lowerTail, upperTail));
    return { ...base, statistic, df, p };
}
