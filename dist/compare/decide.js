/**
 * The decision rule, applied to one metric once the family's adjusted p-value is known, and the
 * sentence that says why. Pure.
 *
 * A metric regresses only when BOTH its Holm-adjusted p-value is below α AND the whole interval of
 * its change lies beyond the effective threshold; it improves symmetrically; it shows no change when
 * the interval excludes a slow-down beyond the threshold; otherwise it is inconclusive (docs/verdict.md).
 */
import { minimumDetectableEffect } from '../stats/index.js';
import { formatChange, formatP, formatPEquals, formatThreshold } from '../util/format.js';
import { isConfiguredSource } from './evidence.js';
const NAME = {
    p50: 'P50',
    p99: 'P99',
    'spike-rate': 'Spike rate',
    'peak-memory': 'Peak memory',
};
/** How a change of this metric is written: `+7.9%`, or `+2.0 pp` for the spike rate. */
export function formatMetricChange(draft, value) {
    if (!draft.absolute)
        return formatChange(value);
    const pp = value * 100;
    const text = Math.abs(pp) < 0.05 ? '0.0' : Math.abs(pp).toFixed(1);
    return `${text === '0.0' ? '±' : pp > 0 ? '+' : '-'}${text} pp`;
}
function thresholdText(draft) {
    return draft.absolute
        ? `${(draft.effectiveThreshold * 100).toFixed(1)} pp`
        : formatThreshold(draft.effectiveThreshold);
}
/**
 * The smallest slow-down the metric's check would have caught with 80% power at the policy's
 * confidence (stats `minimumDetectableEffect`; Bloom 1995, moved to the practical threshold).
 * Absolute metrics (the spike rate) use the normal approximation on their own scale.
 */
export function detectableEffect(draft, policy) {
    const e = draft.evidence;
    if (!e)
        return undefined;
    if (draft.absolute) {
        if (e.absoluteSe === undefined)
            return undefined;
        // threshold + (z₁₋α/₂ + z₀.₈)·SE on the absolute scale.
        return draft.effectiveThreshold + (1.959963984540054 + 0.8416212335729143) * e.absoluteSe;
    }
    if (e.logSe === undefined || !Number.isFinite(e.logSe))
        return undefined;
    return minimumDetectableEffect({
        logSe: e.logSe,
        threshold: draft.effectiveThreshold,
        confidence: policy.confidence,
        power: 0.8,
        ...(e.df !== undefined && Number.isFinite(e.df) && e.df > 0 ? { df: e.df } : {}),
    });
}
/** The metric's verdict and reason, from its draft and its adjusted p-value (undefined: not in the family). */
export function decide(draft, adjustedP, policy) {
    const name = draft.name ?? (draft.metric === 'profile' ? draft.label : (NAME[draft.metric] ?? draft.label));
    const mde = detectableEffect(draft, policy);
    const row = {
        metric: draft.metric,
        ...(draft.scope ? { scope: draft.scope } : {}),
        label: draft.label,
        unit: draft.unit,
        baseline: draft.baseline,
        current: draft.current,
        relativeChange: Number.isFinite(draft.change) ? draft.change : 0,
        threshold: draft.threshold,
        effectiveThreshold: draft.effectiveThreshold,
        thresholdSource: draft.thresholdSource,
        basis: draft.basis,
        ...(mde !== undefined && Number.isFinite(mde) ? { minimumDetectableEffect: mde } : {}),
        method: draft.method,
        gated: draft.gated,
        verdict: 'inconclusive',
        reason: '',
    };
    const e = draft.evidence;
    if (!e) {
        // Memory without a spread: within the threshold it is still no change; beyond it, unknown.
        const within = Math.abs(draft.change) <= draft.effectiveThreshold;
        row.verdict = draft.untested && draft.metric === 'peak-memory' && within ? 'no-change' : 'inconclusive';
        row.reason =
            row.verdict === 'no-change'
                ? `${name} ${formatMetricChange(draft, draft.change)} within ${thresholdText(draft)} (${draft.untested})`
                : `${name} ${formatMetricChange(draft, draft.change)}: ${draft.untested ?? 'not tested'}`;
        return row;
    }
    row.ci = { lower: e.lower, upper: e.upper, confidence: e.confidence };
    row.pValue = Math.min(1, Math.max(0, e.p));
    const p = adjustedP ?? e.p;
    if (adjustedP !== undefined)
        row.adjustedPValue = adjustedP;
    const t = draft.effectiveThreshold;
    const interval = `${formatMetricChange(draft, draft.change)} [${formatMetricChange(draft, e.lower)}, ${formatMetricChange(draft, e.upper)}]`;
    // Name the source only when it adds something ("the 16 MiB floor"), not "3% (the configured 3%)".
    const th = isConfiguredSource(draft.thresholdSource)
        ? `the configured ${thresholdText(draft)} threshold`
        : `the ${thresholdText(draft)} threshold (${draft.thresholdSource})`;
    const pText = `${formatPEquals(p)}${adjustedP !== undefined ? ' (Holm)' : ''}`;
    const significant = p < policy.alpha;
    const belowFloor = draft.floor !== undefined && Math.abs(draft.current - draft.baseline) < draft.floor.value;
    let verdict;
    let reason;
    if (belowFloor) {
        verdict = 'no-change';
        reason = `${name} ${interval}: the change is under ${draft.floor?.text}, ${pText}`;
    }
    else if (significant && e.lower > t) {
        verdict = 'regression';
        reason = `${name} ${interval} beyond ${th}, ${pText}`;
    }
    else if (significant && e.upper < -t) {
        verdict = 'improvement';
        reason = `${name} ${interval} faster than ${th}, ${pText}`;
    }
    else if (e.lower >= -t && e.upper <= t) {
        verdict = 'no-change';
        reason = `${name} ${interval} within ±${thresholdText(draft)}, ${pText}`;
    }
    else if (e.upper <= t) {
        verdict = 'no-change';
        reason = `${name} ${interval}: no slow-down beyond ${th}; a speed-up beyond it is not established, ${pText}`;
    }
    else if (e.lower > t) {
        verdict = 'inconclusive';
        reason = `${name} ${interval} lies beyond ${th} but is not significant (${pText} ≥ α=${formatP(policy.alpha)})`;
    }
    else {
        verdict = 'inconclusive';
        reason = `${name} ${interval} straddles ${th}, ${pText}: more samples are needed to decide`;
    }
    if (draft.notDecisive && (verdict === 'regression' || verdict === 'improvement')) {
        reason = `would be ${verdict === 'regression' ? 'a regression' : 'an improvement'} (${reason}), but ${draft.notDecisive}`;
        verdict = 'inconclusive';
    }
    row.verdict = verdict;
    row.reason = reason;
    return row;
}
