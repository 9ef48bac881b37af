import { DEFAULT_SEED } from '../stats/rng.js';
import { UsageError } from '../util/errors.js';
import { MIB } from '../util/format.js';
import { readChoice, readInteger, readNumber, readString } from './reader.js';
/**
 * The default policy (docs/verdict.md): a change fails the gate when it is both statistically
 * significant (Holm-adjusted family-wise α = 0.05 across every gated metric) and practically large:
 * P50 3%, P99 10%, spike rate +4 percentage points, peak memory 5% and at least 16 MiB. 95%
 * intervals from 2,000 seeded resamples of at most 10,000 samples per side; a run history of at
 * least 3 runs before the run-to-run spread counts as known (5% assumed until then); a runner whose
 * speed on the reference workload moved by more than 10% is not compared.
 */
export const DEFAULT_POLICY = Object.freeze({
    thresholds: Object.freeze({
        p50: 0.03,
        p99: 0.1,
        spikeRate: 0.04,
        memoryRelative: 0.05,
        memoryAbsoluteBytes: 16 * MIB,
    }),
    alpha: 0.05,
    confidence: 0.95,
    bootstrapResamples: 2000,
    seed: DEFAULT_SEED,
    gate: Object.freeze(['p50', 'p99', 'spike-rate', 'peak-memory']),
    minSamples: 30,
    unreliableIsInconclusive: true,
    maxSamplesPerSide: 10_000,
    minHistoryRuns: 3,
    assumedRunSpread: 0.05,
    calibrationTolerance: 0.1,
});
/** A deep, mutable copy of {@link DEFAULT_POLICY} with `overrides` applied. */
export function makePolicy(overrides = {}) {
    return {
        ...DEFAULT_POLICY,
        thresholds: { ...DEFAULT_POLICY.thresholds },
        gate: [...DEFAULT_POLICY.gate],
        ...overrides,
    };
}
const METRIC_ALIASES = {
    p50: 'p50',
    median: 'p50',
    p99: 'p99',
    'spike-rate': 'spike-rate',
    spikes: 'spike-rate',
    'peak-memory': 'peak-memory',
    memory: 'peak-memory',
};
/** Parses `p50,p99,peak-memory` (aliases: median, memory) into metric ids; `none` gates nothing. */
export function parseGateMetrics(raw, label) {
    const trimmed = raw.trim();
    if (trimmed.toLowerCase() === 'none')
        return [];
    const out = [];
    for (const part of trimmed.split(/[,\s]+/).filter(Boolean)) {
        const id = METRIC_ALIASES[part.toLowerCase()];
        if (!id) {
            throw new UsageError(`${label}: unknown metric "${part}"; expected a comma list of p50, p99, spike-rate, peak-memory (or none)`);
        }
        if (!out.includes(id))
            out.push(id);
    }
    if (out.length === 0)
        throw new UsageError(`${label}: expected a comma list of p50, p99, spike-rate, peak-memory (or none), got "${raw}"`);
    return out;
}
/**
 * Parses a per-operator gate: `off` (default), or a comma list of `SCOPE:PERCENT` with SCOPE one of
 * module, layer, op, node; e.g. `module:10` fails when any module is more than 10% slower.
 */
export function parseProfileGate(raw, label) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.toLowerCase() === 'off' || trimmed.toLowerCase() === 'false')
        return undefined;
    const rules = [];
    for (const part of trimmed.split(/[,\s]+/).filter(Boolean)) {
        const match = /^(module|layer|op|node):(\d+(?:\.\d+)?)%?$/.exec(part);
        if (!match) {
            throw new UsageError(`${label}: expected off or SCOPE:PERCENT (SCOPE: module, layer, op, node), got "${part}"`);
        }
        rules.push({ scope: match[1], maxSlowdownPercent: Number(match[2]) });
    }
    return rules;
}
/**
 * A relative threshold: a fraction (`0.03`) or a percentage with its sign (`3%`), in [0, 10].
 * @throws UsageError naming the input and the value.
 */
export function readFraction(reader, name, fallback) {
    const raw = reader.read(name)?.trim();
    if (raw === undefined || raw === '')
        return fallback;
    const match = /^(\d+\.?\d*|\.\d+)(%?)$/.exec(raw);
    const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : NaN;
    if (!Number.isFinite(value) || value > 10) {
        throw new UsageError(`${reader.label(name)}: expected a fraction such as 0.03 or a percentage such as 3%, got "${raw}"`);
    }
    return value;
}
/**
 * Reads the verdict policy from user input, shared by the CLI and the Action:
 * `threshold-p50`, `threshold-p99`, `threshold-spike-rate`, `threshold-memory`,
 * `assumed-run-spread`, `calibration-tolerance` (each a fraction, `0.03`, or a percentage, `3%`),
 * `threshold-memory-mib` (MiB), `alpha`, `min-history-runs`, `unreliable`, `gate-metrics`
 * (comma list) and `profile-gate` (`off` or e.g. `module:10`).
 * Every bad value is a UsageError naming the input.
 */
export function parsePolicy(reader, base = DEFAULT_POLICY) {
    const percent = (name, fallback) => readFraction(reader, name, fallback);
    const alpha = readNumber(reader, 'alpha', base.alpha, { min: 0, max: 0.5, exclusiveMin: true });
    const gateRaw = readString(reader, 'gate-metrics');
    const profileRaw = readString(reader, 'profile-gate');
    const profileGate = profileRaw === undefined ? base.profileGate : parseProfileGate(profileRaw, reader.label('profile-gate'));
    const policy = {
        ...base,
        thresholds: {
            p50: percent('threshold-p50', base.thresholds.p50),
            p99: percent('threshold-p99', base.thresholds.p99),
            spikeRate: Math.min(1, percent('threshold-spike-rate', base.thresholds.spikeRate)),
            memoryRelative: percent('threshold-memory', base.thresholds.memoryRelative),
            memoryAbsoluteBytes: Math.round(readNumber(reader, 'threshold-memory-mib', base.thresholds.memoryAbsoluteBytes / MIB, { min: 0 }) *
                MIB),
        },
        alpha,
        minHistoryRuns: readInteger(reader, 'min-history-runs', base.minHistoryRuns, { min: 2, max: 1000 }),
        assumedRunSpread: percent('assumed-run-spread', base.assumedRunSpread),
        calibrationTolerance: percent('calibration-tolerance', base.calibrationTolerance),
        gate: gateRaw === undefined ? [...base.gate] : parseGateMetrics(gateRaw, reader.label('gate-metrics')),
        unreliableIsInconclusive: readChoice(reader, 'unreliable', ['inconclusive', 'ignore'], base.unreliableIsInconclusive ? 'inconclusive' : 'ignore') === 'inconclusive',
    };
    delete policy.profileGate;
    if (profileGate)
        policy.profileGate = profileGate;
    return policy;
}
