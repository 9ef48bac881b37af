/**
 * Minimum detectable effect: how large a slow-down a check could have caught, so that `pass` reads
 * as "no slow-down above 4.2% on this runner" rather than a blank promise.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { normalQuantile } from './normal.js';
import { assertOpenUnit } from './validate.js';
function quantileOf(p, df) {
    return df === undefined || !Number.isFinite(df) ? normalQuantile(p) : tQuantile(p, df);
}
/**
 * Smallest relative slow-down that the rule "regression when the whole interval lies beyond the
 * threshold" detects with probability `power`, for an estimate of δ = log(current/baseline) that
 * is normal (or t) with standard error `logSe`:
 *
 *   MDE = exp(log(1 + t) + (z₁₋α/₂ + z_power)·SE) − 1,
 *
 * the lower limit δ̂ − z₁₋α/₂·SE exceeds log(1 + t) with probability `power` exactly when
 * δ ≥ log(1 + t) + (z₁₋α/₂ + z_power)·SE. This is Bloom's minimum detectable effect
 * ("Minimum detectable effects: a simple way to report the statistical power of experimental
 * designs", Evaluation Review 19(5):547–556, 1995: MDE = (z₁₋α/₂ + z₁₋β)·SE, 2.8·SE at α = 0.05 and
 * 80% power) moved from 0 to the practical threshold, as equivalence-style rules require
 * (Schuirmann 1987). With `df`, Student t quantiles replace the normal ones (the usual
 * approximation to the noncentral t, Bloom 1995 eq. 2). The significance part of the rule is
 * implied: an interval wholly above t ≥ 0 excludes 0.
 *
 * The result is relative (0.042 = a 4.2% slow-down). The same function serves every kind of
 * comparison: give it the log-scale SE of the within-run bootstrap ({@link logSeFromInterval} or
 * the bootstrap's own `logSe`), of the run-level t interval, or of the block-paired interval.
 */
export function minimumDetectableEffect(input) {
    const { logSe, threshold } = input;
    if (!(Number.isFinite(logSe) && logSe >= 0)) {
        throw new RangeError(`minimumDetectableEffect logSe: expected a finite number >= 0, got ${String(logSe)}`);
    }
    if (!(Number.isFinite(threshold) && threshold > -1)) {
        throw new RangeError(`minimumDetectableEffect threshold: expected a number > -1, got ${String(threshold)}`);
    }
    const confidence = input.confidence ?? 0.95;
    const power = input.power ?? 0.8;
    assertOpenUnit(confidence, 'minimumDetectableEffect confidence');
    assertOpenUnit(power, 'minimumDetectableEffect power');
    if (input.df !== undefined && !(input.df > 0)) {
        throw new RangeError(`minimumDetectableEffect df: expected a number > 0, got ${String(input.df)}`);
    }
    const multiplier = quantileOf(1 - (1 - confidence) / 2, input.df) + quantileOf(power, input.df);
    return Math.exp(Math.log1p(threshold) + multiplier * logSe) - 1;
}
/**
 * Log-scale standard error implied by a two-sided interval [lower, upper] of a ratio (both > 0) at
 * `confidence`: (ln upper − ln lower)/(2·q₁₋α/₂), q the normal (or t with `df`) quantile. For
 * intervals that carry no standard error of their own (Hodges–Lehmann, percentile bootstrap).
 */
export function logSeFromInterval(lower, upper, confidence = 0.95, df) {
    if (!(lower > 0 && upper >= lower && Number.isFinite(upper))) {
        throw new RangeError(`logSeFromInterval: expected 0 < lower <= upper, got [${lower}, ${upper}]`);
    }
    assertOpenUnit(confidence, 'logSeFromInterval confidence');
    return (Math.log(upper) - Math.log(lower)) / (2 * quantileOf(1 - (1 - confidence) / 2, df));
}
