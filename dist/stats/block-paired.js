/**
 * Block-paired analysis of an interleaved A/B run (paired mode): the unit is the pair of adjacent
 * blocks, one of each side, so drift common to both blocks of a pair cancels in the within-pair
 * comparison instead of coming back as variance of pooled samples.
 */
import { median } from 'simple-statistics';
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
        const firstSwitched = i === 0 || blocks[i - 1].side !== first.side;
        pairs.push(first.side === 'A'
            ? { index: i, order: 'AB', a: x, b: y, afterSwitch: { a: firstSwitched, b: true } }
            : { index: i, order: 'BA', a: y, b: x, afterSwitch: { a: true, b: firstSwitched } });
        i += 2;
    }
    return { pairs, skipped };
}
/** Window lengths tried, in block pairs, shortest first (roughly geometric, as batch sizes are). */
export const WINDOW_CANDIDATES = [1, 2, 3, 5, 8, 13];
/** Windows kept at least: a longer window is not tried when it would leave fewer. */
export const WINDOW_MIN_COUNT = 10;
/**
 * Whether a window of w pairs compares like with like: with blocks of one run, windows of two pairs
 * or more use only the runs that follow a run of the other model. In a random A-B / B-A order a
 * quarter of the runs follow a run of their own model instead, and those ran about 20% faster on
 * the 2-core development machine (the other model's weights were not in the caches); mixed into a
 * window's median at a random share, they are noise that does not cancel. Every window of two
 * pairs or more has such a run on each side (the second run of each pair always follows a switch).
 */
function comparesAfterSwitchOnly(pairs, w) {
    return w >= 2 && pairs.every((p) => p.a.length === 1 && p.b.length === 1);
}
/**
 * Block pairs per analysis window, chosen as batch sizes are chosen for dependent series: the
 * shortest of {@link WINDOW_CANDIDATES} (from two pairs for single-run blocks once there are 20
 * pairs) whose per-window log ratios show no lag-1 autocorrelation,
 * |r₁| ≤ 2/√m for m windows (the ±2 standard-error band of r₁ under independence, Bartlett 1946;
 * batch size grown until the batch means look uncorrelated: Fishman 1978, Law & Carson 1979). When
 * none qualifies before fewer than {@link WINDOW_MIN_COUNT} windows would remain, the longest one
 * that keeps them.
 *
 * @param pairs the block pairs in time order
 * @returns block pairs per window, the windows' log ratios and their lag-1 autocorrelation
 */
export function chooseWindowPairs(pairs) {
    let chosen;
    // With single-run blocks and enough pairs, start at two pairs: single pairs cannot compare like
    // with like (see comparesAfterSwitchOnly), whatever their autocorrelation says.
    const skipSingle = comparesAfterSwitchOnly(pairs, 2) && Math.floor(pairs.length / 2) >= WINDOW_MIN_COUNT;
    for (const w of WINDOW_CANDIDATES) {
        if (w === 1 && skipSingle)
            continue;
        const m = Math.floor(pairs.length / w);
        if (chosen && m < WINDOW_MIN_COUNT)
            break;
        const differences = windowDifferences(pairs, w);
        const r = lag1(differences);
        chosen = r === undefined ? { windowPairs: w, differences } : { windowPairs: w, differences, lag1: r };
        if (r === undefined || Math.abs(r) <= 2 / Math.sqrt(m))
            break;
    }
    return chosen;
}
/**
 * Per window of w consecutive pairs: log(median of its B runs / median of its A runs), over the
 * runs that follow a switch when {@link comparesAfterSwitchOnly}.
 */
function windowDifferences(pairs, w) {
    const out = [];
    const afterSwitchOnly = comparesAfterSwitchOnly(pairs, w);
    for (let k = 0; k + w <= pairs.length; k += w) {
        const win = pairs.slice(k, k + w);
        const side = (s) => win.flatMap((p) => (afterSwitchOnly && !p.afterSwitch[s] ? [] : Array.from(p[s])));
        const ma = median(side('a'));
        const mb = median(side('b'));
        if (!(ma > 0 && mb > 0)) {
            throw new RangeError(`blockPairedComparison: pair at block ${win[0].index} has a non-positive median`);
        }
        out.push(Math.log(mb / ma));
    }
    return out;
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
 * Consecutive block pairs are grouped into windows of w pairs (`windowPairs`, by default
 * {@link chooseWindowPairs}). Per window k: dₖ = log(median Bₖ / median Aₖ) over the window's runs
 * of each side (type 7; with single-run blocks only the runs that follow a run of the other model,
 * {@link comparesAfterSwitchOnly}). Drift that moves a window's A and B runs together cancels in dₖ;
 * the random A-B / B-A order of each pair makes the sides exchangeable under "no change", so the
 * dₖ are symmetric about 0, which is what the Wilcoxon signed-rank test assumes
 * ({@link wilcoxonSignedRank}; Wilcoxon 1945, zeros by Pratt 1959, exact for ≤ 50 windows without
 * ties). The change is estimated by the one-sample Hodges–Lehmann estimate of the dₖ with the
 * interval that inverts the same test ({@link hodgesLehmannOneSample}; Hodges & Lehmann 1963;
 * Hollander, Wolfe & Chicken, Nonparametric Statistical Methods, 3rd ed., 2014, §3.2–3.3), mapped
 * to a ratio by exp(·) − 1, so it reads against the relative threshold directly.
 *
 * Why windows and not single pairs: the signed-rank test needs independent units, and successive
 * single-pair log ratios were not (lag-1 autocorrelation −0.41 in a recorded 1,500-pair A/A run at
 * 320 px), while windows of two pairs were; and the window's median compares runs in the same state
 * on both sides. On those recordings the interval from the same runs was 20–50% narrower than with
 * single pairs (docs/verdict.md, "Paired mode: analysis window"). Windows stay short (a few
 * consecutive runs), so little drift falls inside one.
 *
 * This is a statement about the median (P50) of each side. P99 cannot be paired this way (a window
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
    let windowPairs;
    let differences;
    if (options.windowPairs === undefined) {
        ({ windowPairs, differences } = chooseWindowPairs(pairs));
    }
    else {
        windowPairs = options.windowPairs;
        if (!Number.isInteger(windowPairs) || windowPairs < 1) {
            throw new RangeError(`blockPairedComparison windowPairs: expected a positive integer, got ${String(windowPairs)}`);
        }
        differences = windowDifferences(pairs, windowPairs);
    }
    if (differences.length === 0) {
        throw new RangeError(`blockPairedComparison: ${pairs.length} block pair(s) do not fill one window of ${windowPairs}`);
    }
    const wilcoxon = wilcoxonSignedRank(differences, { alternative: 'two-sided' });
    const hl = hodgesLehmannOneSample(differences, { confidence });
    const perPair = windowPairs === 1 ? differences : windowDifferences(pairs, 1);
    const byOrderOf = (order) => {
        const d = perPair.filter((_, i) => pairs[i].order === order);
        return d.length > 0 ? { pairs: d.length, medianLogRatio: median(d) } : { pairs: 0 };
    };
    const rho = lag1(differences);
    const minPairs = minPairsForConfidence(confidence);
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const windowed = windowPairs > 1 ? `windows of ${windowPairs} pairs, ` : '';
    const result = {
        estimate: Math.expm1(hl.estimate),
        lower: Math.expm1(hl.lower),
        upper: Math.expm1(hl.upper),
        confidence,
        p: wilcoxon.p,
        logSe: (hl.upper - hl.lower) / (2 * z),
        pairs: pairs.length,
        windowPairs,
        windows: differences.length,
        skippedBlocks: skipped,
        differences,
        byOrder: { AB: byOrderOf('AB'), BA: byOrderOf('BA') },
        enoughPairs: differences.length >= minPairs,
        minPairs,
        wilcoxon,
        hodgesLehmann: hl,
        method: `block-paired: Wilcoxon signed-rank (${wilcoxon.method}) + Hodges-Lehmann interval of ${differences.length} per-window log ratios of medians (${windowed}${pairs.length} block pairs)`,
    };
    if (rho !== undefined)
        result.lag1Autocorrelation = rho;
    if (hl.achievedConfidence !== undefined)
        result.achievedConfidence = hl.achievedConfidence;
    return result;
}
