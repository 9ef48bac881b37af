import { normalQuantile } from './normal.js';
import { assertInteger, assertOpenUnit } from './validate.js';
/**
 * Wilson score interval for a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22(158):209–212, 1927), without continuity
 * correction: centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²), with
 * z = Φ⁻¹(1 − α/2). Recommended for small n and p near 0 or 1 by Brown, Cai & DasGupta
 * (Statist. Sci. 16(2):101–133, 2001). The limits are exactly 0 at 0 successes and 1 at n.
 *
 * @param successes integer in [0, trials]
 * @param trials integer ≥ 1
 * @param confidence two-sided level in (0, 1), default 0.95
 */
export function wilsonInterval(successes, trials, confidence = 0.95) {
    assertInteger(trials, 'wilsonInterval trials', 1);
    assertInteger(successes, 'wilsonInterval successes', 0);
    if (successes > trials) {
        throw new RangeError(`wilsonInterval successes: expected at most ${trials} (trials), got ${successes}`);
    }
    assertOpenUnit(confidence, 'wilsonInterval confidence');
    const z = normalQuantile(1 - (1 - confidence) / 2);
    const n = trials;
    const p = successes / n;
    const z2 = z * z;
    const denom = 1 + z2 / n;
    const centre = (p + z2 / (2 * n)) / denom;
    const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
    return {
        lower: successes === 0 ? 0 : Math.max(0, centre - half),
        upper: successes === trials ? 1 : Math.min(1, centre + half),
    };
}
