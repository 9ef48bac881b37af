import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { fisherExact } from './fisher.js';
import { wilsonInterval } from './proportion.js';
import { assertInteger, assertOpenUnit, finiteCopy } from './validate.js';
/** Consistency constant of the MAD for the normal σ, 1/Φ⁻¹(3/4) (Rousseeuw & Croux 1993). */
export const MAD_TO_SIGMA = 1.4826;
/**
 * Default k of the spike bound median + k·σ̂ in log space; justified in docs/verdict.md#spike-rate
 * (section "Spike rate"): far enough above the body that a log-normal body loses less than 3·10⁻⁷ of
 * its mass to it, close enough to catch the 2–3× spikes of shared runners whenever the body's
 * robust spread is below 14% (σ̂ < ln 2 / 5).
 */
export const DEFAULT_SPIKE_K = 5;
/**
 * Splits one run's samples into its body and its spikes: a spike is a value above
 * exp(m + k·σ̂), with m the median and σ̂ = 1.4826·MAD of the log values — Hampel's identifier
 * (Hampel, JASA 69:383–393, 1974; Davies & Gather, JASA 88:782–792, 1993) on the log scale, where
 * latency is closer to symmetric and a spike's distance is a ratio. The bound is the run's own:
 * scaling every value of a run by c scales its bound by c and leaves the split unchanged.
 * MAD and median from simple-statistics.
 *
 * @param samples strictly positive values, at least one
 * @param k multiple of σ̂ (default {@link DEFAULT_SPIKE_K})
 */
export function splitSpikes(samples, k = DEFAULT_SPIKE_K) {
    if (!(Number.isFinite(k) && k > 0))
        throw new RangeError(`splitSpikes k: expected a positive number, got ${k}`);
    const x = finiteCopy(samples, 'splitSpikes samples').sort();
    if (!(x[0] > 0))
        throw new RangeError('splitSpikes: samples must be strictly positive');
    const logs = Array.from(x, Math.log);
    const logSigma = MAD_TO_SIGMA * medianAbsoluteDeviation(logs);
    // More than half the values equal (MAD = 0, e.g. a coarse timer): no robust spread, so no value
    // can be called far from the body; nothing is flagged.
    const bound = logSigma > 0 ? Math.exp(median(logs) + k * logSigma) : Infinity;
    let cut = x.length;
    while (cut > 0 && x[cut - 1] > bound)
        cut--;
    return {
        body: x.slice(0, cut),
        spikes: x.slice(cut),
        bound,
        rate: (x.length - cut) / x.length,
        logSigma,
    };
}
/**
 * Newcombe's hybrid score interval for the difference of two independent proportions
 * p₁ − p₂ (Newcombe, "Interval estimation for the difference between independent proportions:
 * comparison of eleven methods", Stat. Med. 17:873–890, 1998, method 10): from the Wilson
 * intervals (l₁, u₁), (l₂, u₂), δ̂ − √((p̂₁ − l₁)² + (u₂ − p̂₂)²) to δ̂ + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
 * Good coverage down to 0 events, unlike the Wald interval.
 */
export function newcombeDifferenceInterval(x1, n1, x2, n2, confidence = 0.95) {
    const w1 = wilsonInterval(x1, n1, confidence);
    const w2 = wilsonInterval(x2, n2, confidence);
    const p1 = x1 / n1;
    const p2 = x2 / n2;
    const d = p1 - p2;
    return {
        lower: d - Math.hypot(p1 - w1.lower, w2.upper - p2),
        upper: d + Math.hypot(w1.upper - p1, p2 - w2.lower),
    };
}
/**
 * Spike rate of each run ({@link splitSpikes}, each run against its own bound) and an exact test
 * that the two rates are equal: Fisher's exact test on the 2 × 2 table of spike / non-spike counts
 * ({@link fisherExact}, two-sided), with Newcombe's interval for the difference of the rates.
 *
 * @param baseline strictly positive values
 * @param current strictly positive values
 */
export function compareSpikeRates(baseline, current, options = {}) {
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'compareSpikeRates confidence');
    const b = splitSpikes(baseline, options.k);
    const c = splitSpikes(current, options.k);
    const nb = b.body.length + b.spikes.length;
    const nc = c.body.length + c.spikes.length;
    const xb = b.spikes.length;
    const xc = c.spikes.length;
    assertInteger(nb, 'compareSpikeRates baseline n', 1);
    return {
        baseline: { count: xb, n: nb, rate: xb / nb, bound: b.bound },
        current: { count: xc, n: nc, rate: xc / nc, bound: c.bound },
        difference: xc / nc - xb / nb,
        interval: { ...newcombeDifferenceInterval(xc, nc, xb, nb, confidence), confidence },
        p: fisherExact(xc, nc - xc, xb, nb - xb).p,
    };
}
