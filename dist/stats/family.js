import { holmAdjust } from './multiple-testing.js';
/**
 * Holm's step-down adjustment across one family of named metrics (S. Holm, Scand. J. Statist.
 * 6(2):65–70, 1979; {@link holmAdjust}, same as R's `p.adjust(method = "holm")`), returned in the
 * input order with the names attached. Holm controls the family-wise error rate in the strong sense
 * (under every configuration of true and false nulls) for any dependence between the p-values, so
 * metrics computed from the same samples (P50, P99, spike rate) may share one family. Metrics
 * without a p-value (untested: too few samples, no history) must not be passed: they are not part
 * of the family and cannot fail the gate on statistical grounds.
 *
 * @throws RangeError on a duplicate or empty name or a p-value outside [0, 1]
 */
export function adjustFamily(members) {
    const seen = new Set();
    for (const m of members) {
        if (typeof m.name !== 'string' || m.name === '') {
            throw new RangeError(`adjustFamily: every member needs a name, got ${JSON.stringify(m.name)}`);
        }
        if (seen.has(m.name))
            throw new RangeError(`adjustFamily: duplicate member "${m.name}"`);
        seen.add(m.name);
    }
    const adjusted = holmAdjust(members.map((m) => m.p));
    return members.map((m, i) => ({ name: m.name, p: m.p, adjustedP: adjusted[i] }));
}
