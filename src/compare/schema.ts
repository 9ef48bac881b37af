import { Type, type Static } from '@sinclair/typebox';
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
export type MetricVerdict = Static<typeof MetricVerdict>;

export const OverallVerdict = Type.Union([
  Type.Literal('pass'),
  Type.Literal('regression'),
  Type.Literal('improvement'),
  Type.Literal('inconclusive'),
]);
export type OverallVerdict = Static<typeof OverallVerdict>;

/** Metrics the gate can test; per-operator changes are reported by the profile diff. */
export const MetricId = Type.Union([Type.Literal('p50'), Type.Literal('p99'), Type.Literal('peak-memory')]);
export type MetricId = Static<typeof MetricId>;

/** One run's headline numbers, kept in a baseline's history to measure run-to-run variability. */
export const RunSummary = Type.Object(
  {
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
  },
  { additionalProperties: false },
);
export type RunSummary = Static<typeof RunSummary>;

/** Practical thresholds: the smallest change worth failing a PR for. */
export const Thresholds = Type.Object(
  {
    /** Relative P50 slow-down that counts as a regression (0.03 = 3%). */
    p50: Type.Number({ minimum: 0 }),
    /** Relative P99 slow-down (0.10 = 10%). */
    p99: Type.Number({ minimum: 0 }),
    /** Relative peak-memory growth (0.05 = 5%) ... */
    memoryRelative: Type.Number({ minimum: 0 }),
    /** ... and at least this many bytes (16 MiB), so tiny models do not fail on allocator noise. */
    memoryAbsoluteBytes: Type.Number({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type Thresholds = Static<typeof Thresholds>;

/** The verdict policy's knobs (all configurable; defaults in src/compare/policy.ts). */
export const Policy = Type.Object(
  {
    thresholds: Thresholds,
    /** Family-wise significance level after Holm correction. */
    alpha: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    /** Confidence level of the intervals (0.95). */
    confidence: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
    /** Bootstrap resamples and seed (reproducible intervals). */
    bootstrapResamples: Type.Integer({ minimum: 100 }),
    seed: Type.Integer(),
    /** Metrics that gate (a regression there fails the check); the others are reported only. */
    gate: Type.Array(MetricId),
    /** Fewest samples per side for any latency verdict. */
    minSamples: Type.Integer({ minimum: 2 }),
    /** Whether an unreliable run (GPU throttled...) turns a would-be regression into inconclusive. */
    unreliableIsInconclusive: Type.Boolean(),
    /**
     * Multiplier k of the history widening: effective threshold = max(threshold, k × 1.4826 × MAD of
     * the history's relative deviations from their median). Default √2 × z(1 − α/2) (docs/verdict.md).
     */
    historySpreadFactor: Type.Optional(Type.Number({ minimum: 0 })),
    /** Per-operator gate rules (e.g. module:10 = fail when any module is > 10% slower); off when absent. */
    profileGate: Type.Optional(Type.Array(GateRuleSchema)),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof Policy>;

export const Interval = Type.Object(
  { lower: Type.Number(), upper: Type.Number(), confidence: Type.Number() },
  { additionalProperties: false },
);
export type Interval = Static<typeof Interval>;

export const MetricComparison = Type.Object(
  {
    metric: MetricId,
    label: Type.String(),
    unit: Type.Union([Type.Literal('ms'), Type.Literal('bytes')]),
    baseline: Type.Number(),
    current: Type.Number(),
    /** current / baseline − 1 (0.05 = 5% slower or bigger). */
    relativeChange: Type.Number(),
    /** Confidence interval of the relative change, when the metric has samples. */
    ci: Type.Optional(Interval),
    pValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** p-value after Holm correction across the metrics tested in this verdict. */
    adjustedPValue: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    /** Configured practical threshold (relative). */
    threshold: Type.Number({ minimum: 0 }),
    /** Threshold actually applied, widened by the baseline's run-to-run variability. */
    effectiveThreshold: Type.Number({ minimum: 0 }),
    /** Short description of the test and interval used. */
    method: Type.String(),
    gated: Type.Boolean(),
    verdict: MetricVerdict,
    reason: Type.String(),
  },
  { additionalProperties: false },
);
export type MetricComparison = Static<typeof MetricComparison>;

export const EnvironmentDifference = Type.Object(
  {
    field: Type.String(),
    baseline: Type.String(),
    current: Type.String(),
    /** True when the difference makes latency numbers incomparable (GPU model, driver, ORT version, EP, threads). */
    breaksComparability: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type EnvironmentDifference = Static<typeof EnvironmentDifference>;

export const Comparison = Type.Object(
  {
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
    samples: Type.Object(
      { baseline: Type.Integer(), current: Type.Integer() },
      { additionalProperties: false },
    ),
    /** Run-level history entries the threshold widening used. */
    historyRuns: Type.Integer({ minimum: 0 }),
    /** Per-module/op/node deltas (src/profile/diff.ts) when both sides were profiled. */
    profileDiff: Type.Optional(Type.Unknown()),
    /** Per-operator gate violations (only when a per-operator rule is configured). */
    profileViolations: Type.Array(Type.String()),
    policy: Policy,
  },
  { additionalProperties: false, $id: schemaUrl('comparison'), title: 'yolo-perf-gate comparison' },
);
export type Comparison = Static<typeof Comparison>;
