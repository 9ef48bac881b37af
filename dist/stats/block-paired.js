/**
 * Block-paired analysis of an interleaved A/B run (paired mode): the unit is the pair of adjacent
 * blocks, one of each side, so drift common to both blocks of a pair cancels in the within-pair
 * comparison instead of coming back as variance of pooled samples.
 */
import { quantileSorted } from 'simple-statistics';
import { normalQuantile } from './normal.js';
import { hodgesLehmannOneSample, wilcoxonSignedRank, } from './signed-rank.js';
import { assertOpenUnit, finiteCopy } from './validate.js';
/**
 * Pairs an interleaved block sequence: blocks (0, 1), (2, 3), … as the paired runner emits them
 * (each pair A-B or B-A). A block whose neighbour is on the same side cannot be paired; it is
 * skipped (counted in `skipped`) and pairing resumes at the next block, as is a trailing block.
 */
export function pairBlocks(blocks) {
    const pairs = [];
    let skipped = 0;
    let i = 0;
    while (i < blocks.length) {
        const first = blocks[i];
        const second = blocks[i + 1];
        for (const [k, b] of [
            [i, first],
            [i + 1, second],
        ]) {
            if (b !== undefined && b.side !== 'A' && b.side !== 'B') {
                throw new RangeError(`pairBlocks: block ${k} side: expected 'A' or 'B', got ${String(b.side)}`);
            }
        }
        if (second === undefined || second.side === first.side) {
            skipped++;
            i++;
            continue;
        }
        const x = finiteCopy(first.samples, `pairBlocks block ${i} samples`);
        const y = finiteCopy(second.samples, `pairBlocks block ${i + 1} samples`);
        pairs.push(first.side === 'A' ? { index: i, order: 'AB', a: x, b: y } : { index: i, order: 'BA', a: y, b: x });
        i += 2;
    }
    return { pairs, skipped };
}
/**
 * Fewest pairs n for which the widest signed-rank interval [min, max] of the Walsh averages already
 * has coverage 1 − 2·2⁻ⁿ ≥ `confidence` (P(V = 0) = 2⁻ⁿ under the exact null; Wilcoxon 1945):
 * 6 pairs at 95%, 8 at 99%. With fewer, no interval at that confidence exists.
 */
export function minPairsForConfidence(confidence = 0.95) {
    assertOpenUnit(confidence, 'minPairsForConfidence confidence');
    return Math.max(1, Math.ceil(Math.log2(2 / (1 - confidence)) - 1e-12));
}
function medianOf(x) {
    return quantileSorted(Array.from(Float64Array.from(x).sort()), 0.5);
}
function lag1(d) {
    const n = d.length;
    if (n < 3)
        return undefined;
    const m = d.reduce((s, v) => s + v, 0) / n;
    let c0 = 0;
    let c1 = 0;
    for (let i = 0; i < n; i++)
        c0 += (d[i] - m) ** 2;
    for (let i = 1; i < n; i++)
        c1 += (d[i] - m) * (d[i - 1] - m);
    return c0 > 0 ? c1 / c0 : undefined;
}
/**
 * Relative change of B against A from the within-pair comparisons of an interleaved paired run.
 *
 * Per pair k: dₖ = log(median Bₖ / median Aₖ), the block medians (type 7) being robust to a single
 * slow run inside a block. Drift that moves both blocks of a pair together cancels in dₖ; the
 * random A-B / B-A order makes the remaining within-pair drift symmetric about zero. Under "no
 * change" the dₖ are then symmetric about 0, which is what the Wilcoxon signed-rank test assumes
 * ({@link wilcoxonSignedRank}; Wilcoxon 1945, zeros by Pratt 1959, exact for ≤ 50 pairs without
 * ties). The change is estimated by the one-sample Hodges–Lehmann estimate of the dₖ with the
 * interval that inverts the same test ({@link hodgesLehmannOneSample}; Hodges & Lehmann 1963;
 * Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., 2014, §3.2–3.3), mapped
 * to a ratio by exp(·) − 1, so it reads against the relative threshold directly. Test and interval
 * agree by construction (the interval excludes 0 exactly when the two-sided test at 1 − confidence
 * rejects, up to the discreteness of C).
 *
 * This is a statement about the median (P50) of each side. P99 cannot be paired this way (a block
 * of a few runs has no 99th percentile); it stays a per-sample comparison of each side's samples.
 *
 * @param blocks the interleaved block sequence in time order (strictly positive samples)
 */
export function blockPairedComparison(blocks, options = {}) {
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'blockPairedComparison confidence');
    const { pairs, skipped } = pairBlocks(blocks);
    if (pairs.length === 0)
        throw new RangeError('blockPairedComparison: no A/B block pair in the sequence');
    const differences = pairs.map((p) => {
        const ma = medianOf(p.a);
        const mb = medianOf(p.b);
        if (!(ma > 0 && mb > 0)) {
            throw new RangeError(`blockPairedComparison: pair at block ${p.index} has a non-positive median`);
        }
        return Math.log(mb / ma);
    });
    const wilcoxon = wilcoxonSignedRank(differences, { alternative: 'two-sided' });
    const hl = hodgesLehmannOneSample(differences, { confidence });
    const byOrderOf = (order) => {
        const d = differences.filter((_, i) => pairs[i].order === order);
        return d.length > 0 ? { pairs: d.length, medianLogRatio: medianOf(Float64Array.from(d)) } : { pairs: 0 };
    };
    const rho = lag1(differences);
    const minPairs = minPairsForConfidence(confidence);
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const result = {
        estimate: Math.expm1(hl.estimate),
        lower: Math.expm1(hl.lower),
        upper: Math.expm1(hl.upper),
        confidence,
        p: wilcoxon.p,
        logSe: (hl.upper - hl.lower) / (2 * z),
        pairs: pairs.length,
        skippedBlocks: skipped,
        differences,
        byOrder: { AB: byOrderOf('AB'), BA: byOrderOf('BA') },
        enoughPairs: pairs.length >= minPairs,
        minPairs,
        wilcoxon,
        hodgesLehmann: hl,
        method: `block-paired: Wilcoxon signed-rank (${wilcoxon.method}) + Hodges-Lehmann interval of ${pairs.length} per-pair log ratios of block medians`,
    };
    if (rho !== undefined)
        result.lag1Autocorrelation = rho;
    if (hl.achievedConfidence !== undefined)
        result.achievedConfidence = hl.achievedConfidence;
    return result;
}
