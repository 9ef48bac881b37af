import { Type } from '@sinclair/typebox';
import { GateRuleSchema } from '../profile/schema.js';
import { schemaUrl } from '../schema/ids.js';
/**
 * Data shapes of the verdict: what src/compare returns, what src/report renders, what the JSON
 * comparison document and the Action outputs carry. Pure data, schema'd for the published JSON.
 */
export const MetricVerdict = Type.Union([
    Type.Literal('regression'),
    Type.Literal('improvement'),
    Type.Literal('no-change'),
    Type.Literal('inconclusive'),
]);
export const OverallVerdict = Type.Union([
    Type.Literal('pass'),
    Type.Literal('regression'),
    Type.Literal('improvement'),
    Type.Literal('inconclusive'),
]);
/**
 * Metrics the gate can test. `profile` rows are per-operator gate scopes (one row per module, layer,
 * operator type or node a `profile-gate` rule covers, named in `scope`).
 */
export const MetricId = Type.Union([
    Type.Literal('p50'),
    Type.Literal('p99'),
    Type.Literal('spike-rate'),
    Type.Literal('peak-memory'),
    Type.Literal('profile'),
]);
/** Metrics a policy can gate by name (`gate-metrics`); profile scopes are gated by `profile-gate`. */
export const GateableMetric = Type.Union([
    Type.Literal('p50'),
    Type.Literal('p99'),
    Type.Literal('spike-rate'),
    Type.Literal('peak-memory'),
]);
/** One run's headline numbers, kept in a baseline's history to measure run-to-run variability. */
export const RunSummary = Type.Object({
    recordedAt: Type.String({ format: 'date-time' }),
    commit: Type.Optional(Type.String()),
    modelSha256: Type.String(),
    count: Type.Integer({ minimum: 1 }),
    p50: Type.Number({ minimum: 0 }),
    p90: Type.Number({ minimum: 0 }),
    p99: Type.Number({ minimum: 0 }),
    mean: Type.Number({ minimum: 0 }),
    /** Peak memory the gate tests: GPU bytes on GPU providers, RSS bytes on CPU. */
    peakMemoryBytes: Type.Integer({ minimum: 0 }),
    /** Standard error of log(P50) and log(P99) from the run's own samples (block bootstrap). */
    p50LogSe: Type.Optional(Type.Number({ minimum: 0 })),
    p99LogSe: Type.Optional(Type.Number({ minimum: 0 })),
    /** False when the run was marked unreliable (busy machine, throttled GPU): not used as evidence. */
    reliable: Type.Optional(Type.Boolean()),
    /** The runner's reference-workload time when the run was recorded (ms, runner calibration). */
    calibrationMs: Type.Optional(Type.Number({ minimum: 0 })),
    /**
     * The run's P50 / the interleaved reference's P50 (`--reference interleaved`): what the stored
     * comparison judges when every run carries it with the same reference bytes.
     */
    referenceRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    /** Standard error of log(referenceRatio) from the run's own pairs (paired block bootstrap). */
    referenceLogSe: Type.Optional(Type.Number({ minimum: 0 })),
    /** sha256 of the reference model the ratio was measured against. */
    referenceSha256: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
}, { additionalProperties: false });
/** Practical thresholds: the smallest change worth failing a PR for. */
export const Thresholds = Type.Object({
    /** Relative P50 slow-down that counts as a regression (0.03 = 3%). */
    p50: Type.Number({ minimum: 0 }),
    /** Relative P99 slow-down (0.10 = 10%). */
    p99: Type.Number({ minimum: 0 }),
    /** Relative peak-memory growth (0.05 = 5%) ... */
    memoryRelative: Type.Number({ minimum: 0 }),
    /** ... and at least this many bytes (16 MiB), so tiny models do not fail on allocator noise. */
    memoryAbsoluteBytes: Type.Number({ minimum: 0 }),
    /** Growth of the spike rate, in absolute share of samples (0.04 = 4 percentage points). */
    spikeRate: Type.Number({ minimum: 0, maximum: 1 }),
}, { additionalProperties: false });
/** The verdict policy's knobs (all configurable; defaults in src/compare/policy.ts). */
export const Policy = Type.Object({
    thresholds: Thresholds,
    /** Family-wise significance level after Holm correction. */
    alpha: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    /** Confidence level of the intervals (0.95). */
    confidence: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    /** Bootstrap resamples and seed (reproducible intervals). */
    bootstrapResamples: Type.Integer({ minimum: 100 }),
    seed: Type.Integer(),
    /** Metrics that gate (a regression there fails the check); the others are reported only. */
    gate: Type.Array(GateableMetric),
    /** Fewest samples per side for any latency verdict. */
    minSamples: Type.Integer({ minimum: 2 }),
    /** Whether an unreliable run (busy machine, throttled GPU) turns a stored-mode verdict into inconclusive. */
    unreliableIsInconclusive: Type.Boolean(),
    /** Most samples per side that enter resampling (a seeded random subsample above it; docs/verdict.md). */
    maxSamplesPerSide: Type.Integer({ minimum: 100 }),
    /** Fewest history runs for the run-to-run spread to count as known (stored mode). */
    minHistoryRuns: Type.Integer({ minimum: 2 }),
    /** Run-to-run spread (σ of log run values) assumed while the history is shorter. */
    assumedRunSpread: Type.Number({ minimum: 0 }),
    /** How far the runner's reference-workload time may differ from the baseline's before the comparison is inconclusive. */
    calibrationTolerance: Type.Number({ minimum: 0 }),
    /** Per-operator gate rules (e.g. module:10 = fail when any module is > 10% slower); off when absent. */
    profileGate: Type.Optional(Type.Array(GateRuleSchema)),
}, { additionalProperties: false });
export const Interval = Type.Object({ lower: Type.Number(), upper: Type.Number(), confidence: Type.Number() }, { additionalProperties: false });
/** What one observation of a comparison is: the statistical unit its test and interval count. */
export const ComparisonBasis = Type.Union([
    Type.Literal('samples'),
    Type.Literal('runs'),
    Type.Literal('block-pairs'),
    Type.Literal('iterations'),
    Type.Literal('none'),
]);
export const MetricComparison = Type.Object({
    metric: MetricId,
    /** The scope of a `profile` row, e.g. `module:backbone`, `op:Conv`. */
    scope: Type.Optional(Type.String()),
    label: Type.String(),
    unit: Type.Union([Type.Literal('ms'), Type.Literal('bytes'), Type.Literal('share'), Type.Literal('us')]),
    baseline: Type.Number(),
    current: Type.Number(),
    /** current / baseline − 1 (0.05 = 5% slower or bigger). */
    relativeChange: Type.Number(),
    /** Confidence interval of the relative change, when the metric has samples. */
    ci: Type.Optional(Interval),
    pValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** p-value after Holm correction across the metrics tested in this verdict. */
    adjustedPValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Configured practical threshold (relative; absolute share for the spike rate). */
    threshold: Type.Number({ minimum: 0 }),
    /** Threshold actually applied (the memory floor can raise it). */
    effectiveThreshold: Type.Number({ minimum: 0 }),
    /** Where the effective threshold comes from, in words (`the configured 3%`, `the 16 MiB floor`). */
    thresholdSource: Type.String(),
    /** The statistical unit of the test and interval. */
    basis: ComparisonBasis,
    /**
     * Smallest change of this metric the check would have caught with 80% power (relative, or
     * absolute share for the spike rate): "pass" means "no slow-down above this".
     */
    minimumDetectableEffect: Type.Optional(Type.Number({ minimum: 0 })),
    /** Short description of the test and interval used. */
    method: Type.String(),
    gated: Type.Boolean(),
    verdict: MetricVerdict,
    reason: Type.String(),
}, { additionalProperties: false });
export const EnvironmentDifference = Type.Object({
    field: Type.String(),
    baseline: Type.String(),
    current: Type.String(),
    /** True when the difference makes latency numbers incomparable (GPU model, driver, ORT version, EP, threads). */
    breaksComparability: Type.Boolean(),
}, { additionalProperties: false });
/**
 * Stored mode with `--reference interleaved`: whether P50 was compared as a ratio to the interleaved
 * reference workload or in absolute time, and why (src/compare/reference.ts).
 */
export const ReferenceComparison = Type.Object({
    basis: Type.Union([Type.Literal('ratio'), Type.Literal('absolute')]),
    /** One sentence for the CLI and the PR comment. */
    message: Type.String(),
    /** `absolute`: why the ratio was not used. */
    reason: Type.Optional(Type.String()),
    /** `ratio`: the reference workload (generated architecture, input size, ONNX sha256). */
    model: Type.Optional(Type.String()),
    imgsz: Type.Optional(Type.Integer({ minimum: 1 })),
    sha256: Type.Optional(Type.String()),
    /** `ratio`: the baseline runs' ratio and the current one (geometric means over runs). */
    baseline: Type.Optional(Type.Number()),
    current: Type.Optional(Type.Number()),
    /** `ratio`: run-to-run spread (σ of log ratios) the comparison used. */
    spread: Type.Optional(Type.Number({ minimum: 0 })),
}, { additionalProperties: false });
export const Comparison = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal('yolo-perf-gate/comparison'),
    schemaVersion: Type.Literal(1),
    mode: Type.Union([Type.Literal('stored-baseline'), Type.Literal('paired')]),
    verdict: OverallVerdict,
    /** One human sentence: why this verdict. */
    reason: Type.String(),
    metrics: Type.Array(MetricComparison),
    environmentDifferences: Type.Array(EnvironmentDifference),
    /** Reasons the current (or baseline) run is unreliable, e.g. GPU throttling. */
    unreliable: Type.Array(Type.String()),
    samples: Type.Object({ baseline: Type.Integer(), current: Type.Integer() }, { additionalProperties: false }),
    /** Runs of the baseline's history the run-level statistics used. */
    historyRuns: Type.Integer({ minimum: 0 }),
    /** Current runs (more than one with `--runs N`). */
    currentRuns: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Paired mode: how the interleaved sampling went. */
    paired: Type.Optional(Type.Object({
        pairs: Type.Integer({ minimum: 0 }),
        blockSize: Type.Integer({ minimum: 1 }),
        createdFirst: Type.Union([Type.Literal('baseline'), Type.Literal('current')]),
        rounds: Type.Integer({ minimum: 0 }),
        stoppedBecause: Type.String(),
        timedSeconds: Type.Number({ minimum: 0 }),
    }, { additionalProperties: false })),
    /** The runner's speed on the reference workload now against when the baseline was recorded. */
    calibration: Type.Optional(Type.Unknown()),
    /** Stored mode, when the current run or the baseline has a reference ratio: the P50 basis used. */
    reference: Type.Optional(ReferenceComparison),
    /** Per-module/op/node deltas (src/profile/diff.ts) when both sides were profiled. */
    profileDiff: Type.Optional(Type.Unknown()),
    /** Per-operator gate violations (only when a per-operator rule is configured). */
    profileViolations: Type.Array(Type.String()),
    policy: Policy,
}, { additionalProperties: false, $id: schemaUrl('comparison'), title: 'yolo-perf-gate comparison' });
