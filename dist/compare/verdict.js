/**
 * The performance-conservation verdict: baseline vs current, per metric and overall. Pure.
 *
 * A readable pipeline of small steps (docs/verdict.md):
 *   1. check the inputs;
 *   2. gather the evidence of every metric with the method its data allows (evidence.ts):
 *      runs of a history, block pairs of a paired run, or samples of two runs;
 *   3. adjust the p-values of the gated metrics as one family (Holm);
 *   4. decide each metric (decide.ts): significant AND the interval beyond the threshold;
 *   5. apply what makes a comparison unusable — other hardware, an unreliable run, a runner whose
 *      speed moved — to every metric, profile rows included (a runner's speed spares a P50 compared
 *      as a ratio to the interleaved reference workload, src/compare/reference.ts);
 *   6. the overall verdict.
 */
import { compareCalibration } from '../host/calibration-compare.js';
import { diffProfiles } from '../profile/diff.js';
import { adjustFamily } from '../stats/index.js';
import { UsageError } from '../util/errors.js';
import { formatMetricChange, decide } from './decide.js';
import { environmentDifferences } from './environment.js';
import { bodyOf, cappedSamples, latencyFromBlockPairs, latencyFromReferenceRatios, latencyFromRuns, latencyFromSamples, memory, profileScope, runLevelOf, spikeRate, usableHistory, } from './evidence.js';
import { checkHistory, checkResult, checkSameInputs } from './inputs.js';
import { gatedPeakMemoryBytes } from './memory.js';
import { describeReference, interleavingMismatch, referenceBasis, referenceRelevant, } from './reference.js';
/** Smallest change of a profile scope that counts at all, µs (the profiler's resolution). */
const PROFILE_FLOOR_US = 20;
function checkInput(input) {
    const { baseline, current, mode, policy } = input;
    const baseSamples = checkResult(baseline, 'baseline');
    const curSamples = checkResult(current, 'current');
    if (mode !== 'stored-baseline' && mode !== 'paired')
        throw new UsageError(`mode: expected stored-baseline or paired, got "${String(mode)}"`);
    if (mode === 'stored-baseline' && baseline.model.name !== current.model.name) {
        throw new UsageError(`baseline and current are different models: "${baseline.model.name}" vs "${current.model.name}" (a baseline is per model name; use --name or pick the matching baseline)`);
    }
    checkSameInputs(baseline, current);
    const currentRuns = input.currentRuns && input.currentRuns.length > 0 ? input.currentRuns : [current];
    currentRuns.forEach((r, i) => {
        checkResult(r, `current run ${i + 1}`);
        if (r.model.sha256 !== current.model.sha256)
            throw new UsageError(`current run ${i + 1}: another model than the first current run`);
    });
    const all = mode === 'stored-baseline' ? [...(input.history ?? [])] : [];
    checkHistory(all);
    return {
        base: cappedSamples(baseSamples, policy),
        cur: cappedSamples(curSamples, policy),
        currentRuns,
        history: usableHistory(all, baseline),
    };
}
// ------------------------------------------------------------------------------------------------
// 2. Evidence.
/** The block sequence of a paired run, rebuilt from both sides' samples and the recorded pairing. */
export function pairedBlocks(baseline, current, pairing) {
    const s = pairing.blockSize;
    const pairs = pairing.order.length;
    if (!/^[AB]*$/.test(pairing.order))
        throw new UsageError(`pairing.order: expected letters A and B, got "${pairing.order.slice(0, 40)}"`);
    if (baseline.length < pairs * s || current.length < pairs * s) {
        throw new UsageError(`pairing: ${pairs} pairs of blocks of ${s} need ${pairs * s} samples per side, have ${baseline.length} and ${current.length}`);
    }
    const blocks = [];
    for (let k = 0; k < pairs; k++) {
        const a = { side: 'A', samples: baseline.slice(k * s, (k + 1) * s) };
        const b = { side: 'B', samples: current.slice(k * s, (k + 1) * s) };
        blocks.push(...(pairing.order[k] === 'A' ? [a, b] : [b, a]));
    }
    return blocks;
}
function pairingOf(input) {
    const p = input.current.pairing;
    return p ? { blockSize: p.blockSize, order: p.order, createdFirst: p.createdFirst } : undefined;
}
/** Every profile-gate scope entry present on both sides with its per-iteration times. */
function scopeSeries(base, cur, policy) {
    const out = [];
    const lists = {
        module: (p) => p.modules.map((e) => [e.module, e.perIterationUs]),
        layer: (p) => p.layers.map((e) => [e.layer, e.perIterationUs]),
        op: (p) => p.opTypes.map((e) => [e.opType, e.perIterationUs]),
        node: (p) => p.topNodes.map((e) => [e.name, e.perIterationUs]),
    };
    for (const rule of policy.profileGate ?? []) {
        const a = new Map(lists[rule.scope](base));
        for (const [key, currentUs] of lists[rule.scope](cur)) {
            const baselineUs = a.get(key);
            if (!baselineUs || !currentUs)
                continue;
            out.push({ scope: rule.scope, key, baselineUs, currentUs, limit: rule.maxSlowdownPercent / 100 });
        }
    }
    return out;
}
const geometricMean = (v) => Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
function gather(input, c) {
    const { baseline, current, policy, mode } = input;
    const gate = new Set(policy.gate);
    const drafts = [];
    const basis = mode === 'paired' ? 'paired' : c.history.length > 0 ? 'runs' : 'samples';
    // Spikes first: whether the rates differ decides whose P99 the tail test reads.
    const spikes = spikeRate(c.base, c.cur, policy, gate);
    if (basis === 'runs') {
        // Between runs recorded at different times the spike rate moves with the machine; paired mode
        // (one run, both sides) is where it is a fair test of the model.
        spikes.draft.gated = false;
        spikes.draft.method += '; not gated against a stored baseline (it moves with the machine between runs)';
    }
    const [tailBase, tailCur, tailNote] = spikes.differ
        ? [c.base, c.cur, 'all samples (the spike rates differ)']
        : [bodyOf(c.base), bodyOf(c.cur), "each run's samples within its spike bound (P99 of the body)"];
    let reference;
    if (basis === 'runs') {
        const levels = c.currentRuns.map((r) => runLevelOf(r.latency.samplesMs, policy));
        const minSamples = Math.min(...c.currentRuns.map((r) => r.latency.samplesMs.length));
        const decision = referenceBasis(c.currentRuns, c.history);
        if (decision.basis === 'ratio') {
            const current = decision.current.map((b, i) => ({
                p50: levels[i].p50,
                ratio: b.ratio,
                ...(b.logRatioSe !== undefined ? { logRatioSe: b.logRatioSe } : {}),
            }));
            const { draft, result } = latencyFromReferenceRatios(decision.history, current, decision.current[0], policy, gate);
            drafts.push(draft);
            reference = {
                decision,
                ratio: {
                    baseline: geometricMean(decision.history.map((h) => h.referenceRatio)),
                    current: geometricMean(current.map((x) => x.ratio)),
                    spread: result.runSpread,
                    historyRuns: result.historyRuns,
                },
            };
        }
        else {
            drafts.push(latencyFromRuns('p50', c.history, levels, minSamples, policy, gate));
            reference = { decision };
        }
        drafts.push(latencyFromRuns('p99', c.history, levels, minSamples, policy, gate));
    }
    else if (basis === 'paired') {
        const pairing = pairingOf(input);
        if (pairing) {
            const blocks = pairedBlocks(baseline.latency.samplesMs, current.latency.samplesMs, pairing);
            drafts.push(latencyFromBlockPairs(blocks, { baseline: baseline.latency.p50, current: current.latency.p50 }, policy, gate));
        }
        else {
            drafts.push(latencyFromSamples('p50', c.base, c.cur, policy, gate, 'no pairing recorded: compared as two samples'));
        }
        drafts.push(latencyFromSamples('p99', tailBase, tailCur, policy, gate, `P99 is not paired (a block has no 99th percentile); ${tailNote}`));
    }
    else {
        reference = { decision: referenceBasis(c.currentRuns, []) };
        const note = 'no run history: the interval covers the noise within the two runs, not drift between them';
        drafts.push(latencyFromSamples('p50', c.base, c.cur, policy, gate, note));
        drafts.push(latencyFromSamples('p99', tailBase, tailCur, policy, gate, `${tailNote}; ${note}`));
    }
    drafts.push(spikes.draft);
    const memoryRuns = basis === 'paired'
        ? input.memoryProbes && { ...input.memoryProbes, basis: 'probes' }
        : basis === 'runs'
            ? {
                baseline: c.history.map((h) => h.peakMemoryBytes),
                current: c.currentRuns.map(gatedPeakMemoryBytes),
                basis: 'runs',
            }
            : undefined;
    if (basis === 'paired' && !input.memoryProbes) {
        // Both models ran in one process: its peak is not either model's, so memory cannot be gated.
        const ungated = new Set([...gate].filter((m) => m !== 'peak-memory'));
        drafts.push({
            ...memory(baseline, current, undefined, policy, ungated),
            untested: 'both models ran in one process without memory probes, so their peaks cannot be told apart',
        });
    }
    else
        drafts.push(memory(baseline, current, memoryRuns, policy, gate));
    const out = {
        drafts,
        basis,
        ...(reference && referenceRelevant(c.currentRuns, c.history) ? { reference } : {}),
    };
    const rules = policy.profileGate ?? [];
    const bp = baseline.profile;
    const cp = current.profile;
    if (bp && cp)
        out.profileDiff = diffProfiles(bp, cp, { rules });
    if (rules.length > 0) {
        if (mode === 'paired')
            out.profileBlocker = 'profile-gate does not apply in paired mode (paired runs are not profiled)';
        else if (!bp || !cp) {
            const missing = [bp ? undefined : 'baseline', cp ? undefined : 'current'].filter(Boolean).join(' and ');
            out.profileBlocker = `profile-gate is configured but the ${missing} run has no profile (benchmark with --profile)`;
        }
        else {
            const series = scopeSeries(bp, cp, policy);
            if (series.length === 0)
                out.profileBlocker =
                    'profile-gate is configured but the profiles carry no per-iteration times (re-record them)';
            drafts.push(...series.map((s) => profileScope(s, policy, PROFILE_FLOOR_US)));
        }
    }
    return out;
}
// ------------------------------------------------------------------------------------------------
// 3 and 4. One family, then the rule.
function decideAll(drafts, policy) {
    const members = drafts
        .map((d, i) => ({ d, name: `${i}:${d.scope ?? d.metric}` }))
        .filter(({ d }) => d.gated && d.evidence !== undefined);
    const adjusted = new Map(adjustFamily(members.map(({ d, name }) => ({ name, p: d.evidence?.p }))).map((m) => [
        m.name,
        m.adjustedP,
    ]));
    return drafts.map((d, i) => decide(d, adjusted.get(`${i}:${d.scope ?? d.metric}`), policy));
}
function unreliableReasons(input) {
    const out = [];
    const runs = [
        ['baseline', input.baseline],
        ...(input.currentRuns && input.currentRuns.length > 1
            ? input.currentRuns.map((r, i) => [`current run ${i + 1}`, r])
            : [['current', input.current]]),
    ];
    for (const [side, r] of runs) {
        if (r.health?.reliable !== false)
            continue;
        out.push(...(r.health.reasons.length > 0 ? r.health.reasons : ['marked unreliable (no reason recorded)']).map((x) => `${side}: ${x}`));
    }
    return out;
}
function blockersOf(input, checked, calibration, p50AsRatio) {
    const { currentRuns, history } = checked;
    const comparability = [];
    if (input.hardwareMismatch)
        comparability.push(`hardware mismatch: ${input.hardwareMismatch}`);
    const breaking = environmentDifferences(input.baseline, input.current).filter((e) => e.breaksComparability);
    if (breaking.length > 0) {
        comparability.push(`the environments differ: ${breaking.map((e) => `${e.field} "${e.baseline}" vs "${e.current}"`).join(', ')}`);
    }
    const stored = input.mode === 'stored-baseline';
    if (stored) {
        const mismatch = interleavingMismatch(currentRuns, input.baseline, history);
        if (mismatch)
            comparability.push(mismatch);
    }
    const b = {
        comparability,
        unreliable: stored && input.policy.unreliableIsInconclusive ? unreliableReasons(input) : [],
    };
    if (stored && calibration && (calibration.status === 'slower' || calibration.status === 'faster')) {
        b.calibration = calibration.message;
        // P99 and the spike rate are absolute times: the calibration still blocks them.
        if (p50AsRatio)
            b.calibrationSparesP50 = true;
    }
    return b;
}
function applyBlockers(metrics, b) {
    for (const m of metrics) {
        if (!m.gated && m.verdict === 'inconclusive')
            continue;
        const why = [];
        if (b.comparability.length > 0)
            why.push(`not comparable (${b.comparability.join('; ')})`);
        if (b.unreliable.length > 0)
            why.push(`the measurement is unreliable: ${b.unreliable.join('; ')}`);
        // The runner's speed moves latency, not memory, nor a ratio of two latencies measured together.
        const spared = m.metric === 'peak-memory' || (b.calibrationSparesP50 === true && m.metric === 'p50');
        if (b.calibration && !spared)
            why.push(b.calibration);
        if (why.length === 0)
            continue;
        m.reason = `${why.join('; ')}; measured ${m.reason}`;
        m.verdict = 'inconclusive';
    }
}
// ------------------------------------------------------------------------------------------------
// 6. Overall.
function overall(metrics, b, profileBlocker) {
    const gated = metrics.filter((m) => m.gated);
    const regressions = gated.filter((m) => m.verdict === 'regression');
    if (regressions.length > 0)
        return { verdict: 'regression', reason: `${regressions.map((m) => m.reason).join('; ')}.` };
    const whole = [
        ...b.comparability,
        ...b.unreliable.map((u) => `unreliable: ${u}`),
        // With P50 as a ratio the calibration blocks only the rows it concerns (their reasons say so).
        ...(b.calibration && !b.calibrationSparesP50 ? [b.calibration] : []),
    ];
    if (whole.length > 0 && gated.length > 0)
        return { verdict: 'inconclusive', reason: `Not comparable: ${whole.join('; ')}.` };
    const inconclusive = gated.filter((m) => m.verdict === 'inconclusive');
    if (inconclusive.length > 0 || profileBlocker) {
        return {
            verdict: 'inconclusive',
            reason: `${[...inconclusive.map((m) => m.reason), ...(profileBlocker ? [profileBlocker] : [])].join('; ')}.`,
        };
    }
    const improvements = gated.filter((m) => m.verdict === 'improvement');
    if (improvements.length > 0)
        return { verdict: 'improvement', reason: `${improvements.map((m) => m.reason).join('; ')}.` };
    if (gated.length === 0)
        return { verdict: 'pass', reason: 'No metric is gated (gate-metrics is empty); nothing to fail on.' };
    const first = gated.find((m) => m.metric === 'p50') ?? gated[0];
    const sensitivity = first.minimumDetectableEffect !== undefined
        ? ` This check would have caught a ${first.label} slow-down of ${formatMetricChange({ absolute: first.unit === 'share' }, first.minimumDetectableEffect)} or more (80% power).`
        : '';
    return {
        verdict: 'pass',
        reason: `No gated metric regressed: ${first.reason}${gated.length > 1 ? ` (and ${gated.length - 1} more metric(s) within their thresholds)` : ''}.${sensitivity}`,
    };
}
// ------------------------------------------------------------------------------------------------
/**
 * Compares a current benchmark result with a baseline (a stored result with its history, or the
 * other half of a paired A/B run) under `policy` and returns the verdict document.
 *
 * @throws UsageError for inputs that cannot be compared: wrong kind or schema version, missing,
 *   empty, non-finite or non-positive samples, a different model name (stored-baseline mode) or
 *   different inputs, malformed history entries, an inconsistent pairing.
 */
export function compareResults(input) {
    const checked = checkInput(input);
    const gathered = gather(input, checked);
    const metrics = decideAll(gathered.drafts, input.policy);
    const calibration = input.mode === 'stored-baseline'
        ? compareCalibration(input.current.calibration, input.baseline.calibration, {
            tolerance: input.policy.calibrationTolerance,
            confidence: input.policy.confidence,
        })
        : undefined;
    const blockers = blockersOf(input, checked, calibration, gathered.reference?.decision.basis === 'ratio');
    applyBlockers(metrics, blockers);
    const { verdict, reason } = overall(metrics, blockers, gathered.profileBlocker);
    const pairing = pairingOf(input);
    const comparison = {
        kind: 'yolo-perf-gate/comparison',
        schemaVersion: 1,
        mode: input.mode,
        verdict,
        reason,
        metrics,
        environmentDifferences: environmentDifferences(input.baseline, input.current),
        unreliable: unreliableReasons(input),
        samples: {
            baseline: input.baseline.latency.samplesMs.length,
            current: input.current.latency.samplesMs.length,
        },
        historyRuns: gathered.basis === 'runs' ? checked.history.length : 0,
        ...(checked.currentRuns.length > 1 ? { currentRuns: checked.currentRuns.length } : {}),
        ...(pairing && input.mode === 'paired'
            ? {
                paired: {
                    pairs: pairing.order.length,
                    blockSize: pairing.blockSize,
                    createdFirst: pairing.createdFirst,
                    rounds: input.pairedRun?.rounds ?? 1,
                    stoppedBecause: input.pairedRun?.stoppedBecause ?? 'single-round',
                    timedSeconds: input.pairedRun?.timedSeconds ?? 0,
                },
            }
            : {}),
        ...(calibration ? { calibration } : {}),
        ...(gathered.reference
            ? {
                reference: describeReference(gathered.reference.decision, gathered.reference.ratio, blockers.calibrationSparesP50 ? blockers.calibration : undefined),
            }
            : {}),
        profileViolations: metrics
            .filter((m) => m.metric === 'profile' && m.verdict === 'regression')
            .map((m) => m.reason),
        policy: input.policy,
    };
    if (gathered.profileDiff)
        comparison.profileDiff = gathered.profileDiff;
    return comparison;
}
