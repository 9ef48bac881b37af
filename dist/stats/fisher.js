import gammaln from '@stdlib/math-base-special-gammaln';
import { assertInteger } from './validate.js';
/**
 * ln k! = ln Γ(k + 1) with @stdlib's `gammaln` (a port of FreeBSD msun's `lgamma`, accurate to
 * about one unit in the last place). mathjs' `lgamma` was measured first and rejected: its Lanczos
 * series is off by 1.6·10⁻¹⁰ at ln 300! and 2·10⁻¹² at ln Γ(½), which shows up at the 11th decimal
 * of binomial tail sums.
 */
export function logFactorial(k) {
    return gammaln(k + 1);
}
/** ln C(n, k) = ln n! − ln k! − ln (n − k)! ({@link logFactorial}). */
export function logChoose(n, k) {
    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}
/**
 * Relative tolerance when comparing table probabilities with the observed one in the two-sided
 * p-value; the same 1 + 10⁻⁷ as R's `fisher.test` (`relErr`), so that tables whose probability
 * equals the observed one up to rounding are counted.
 */
export const FISHER_RELATIVE_TOLERANCE = 1e-7;
/**
 * Fisher's exact test of a 2 × 2 table [[a, b], [c, d]] (rows: the two groups, columns: event /
 * no event), conditional on both margins: a follows the hypergeometric distribution
 * P(a = x) = C(a + b, x)·C(c + d, a + c − x)/C(n, a + c) (R. A. Fisher, The Design of Experiments,
 * 1935, §2, the lady tasting tea; Agresti, Categorical Data Analysis, 3rd ed., 2013, §3.5.1).
 * Two-sided p: the sum of the probabilities of all tables no more probable than the observed one
 * (with relative tolerance {@link FISHER_RELATIVE_TOLERANCE}), as R's `fisher.test`; 'greater': P(a ≥
 * observed) (odds ratio > 1), 'less': P(a ≤ observed). Probabilities are summed in log space
 * relative to the mode, so tables with a million cells neither overflow nor underflow.
 *
 * @param a events in group 1
 * @param b non-events in group 1
 * @param c events in group 2
 * @param d non-events in group 2
 */
export function fisherExact(a, b, c, d, alternative = 'two-sided') {
    assertInteger(a, 'fisherExact a', 0);
    assertInteger(b, 'fisherExact b', 0);
    assertInteger(c, 'fisherExact c', 0);
    assertInteger(d, 'fisherExact d', 0);
    const row1 = a + b;
    const row2 = c + d;
    const col1 = a + c;
    const n = row1 + row2;
    const lo = Math.max(0, col1 - row2);
    const hi = Math.min(row1, col1);
    const oddsRatio = (a * d) / (b * c);
    if (lo === hi)
        return { p: 1, oddsRatio, alternative };
    const logDenominator = logChoose(n, col1);
    const logPmf = (x) => logChoose(row1, x) + logChoose(row2, col1 - x) - logDenominator;
    const weights = new Float64Array(hi - lo + 1);
    let maxLog = -Infinity;
    for (let x = lo; x <= hi; x++) {
        const l = logPmf(x);
        weights[x - lo] = l;
        if (l > maxLog)
            maxLog = l;
    }
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
        weights[i] = Math.exp(weights[i] - maxLog);
        total += weights[i];
    }
    const observed = weights[a - lo];
    let mass = 0;
    for (let x = lo; x <= hi; x++) {
        const w = weights[x - lo];
        const include = alternative === 'greater'
            ? x >= a
            : alternative === 'less'
                ? x <= a
                : w <= observed * (1 + FISHER_RELATIVE_TOLERANCE);
        if (include)
            mass += w;
    }
    return { p: Math.min(1, mass / total), oddsRatio, alternative };
}
