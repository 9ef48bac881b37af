import { Type, type Static } from '@sinclair/typebox';
import { GpuFingerprint, GpuTelemetrySummary } from '../gpu/schema.js';
import { ProfileSummarySchema } from '../profile/schema.js';
import { schemaUrl } from './ids.js';

/** Version of the result document; bump on breaking changes and add a migration. */
export const RESULT_SCHEMA_VERSION = 1;
export const RESULT_KIND = 'yolo-perf-gate/result';

const NonNegative = Type.Number({ minimum: 0 });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const TensorInfoSchema = Type.Object(
  {
    name: Type.String(),
    dtype: Type.String(),
    shape: Type.Array(Type.Union([Type.Integer(), Type.String()])),
  },
  { additionalProperties: false },
);

export const ModelDescriptionSchema = Type.Object(
  {
    /** Path as given by the user, relative to the working directory where possible. */
    path: Type.String(),
    /** The model as given to `--model` (a path, or `builtin:ARCH@IMGSZ`), for reproduce commands. */
    source: Type.Optional(Type.String()),
    /** Stable display name (file name without extension unless configured). */
    name: Type.String({ minLength: 1 }),
    sha256: Sha256,
    sizeBytes: Type.Integer({ minimum: 0 }),
    inputs: Type.Array(TensorInfoSchema),
    outputs: Type.Array(TensorInfoSchema),
  },
  { additionalProperties: false },
);
export type ModelDescription = Static<typeof ModelDescriptionSchema>;

/** Most latency samples a result document may hold (schema `maxItems`). */
export const MAX_RESULT_SAMPLES = 1_000_000;

export const LatencySchema = Type.Object(
  {
    unit: Type.Literal('ms'),
    /** The quantile definition used for every pXX below. */
    quantileDefinition: Type.String(),
    count: Type.Integer({ minimum: 1 }),
    p50: NonNegative,
    p90: NonNegative,
    p95: NonNegative,
    p99: NonNegative,
    mean: NonNegative,
    stdev: NonNegative,
    min: NonNegative,
    max: NonNegative,
    /** Inferences per second over the timed window (count / sum of samples). */
    throughputPerSecond: NonNegative,
    /** Sum of all timed samples, in seconds. */
    timedSeconds: NonNegative,
    /**
     * Every timed sample in milliseconds, in the order measured, rounded to 1 ns. At most
     * 1,000,000: perf-gate records at most 100,000 per run; the cap bounds what a reader parses.
     */
    samplesMs: Type.Array(NonNegative, { minItems: 1, maxItems: MAX_RESULT_SAMPLES }),
  },
  { additionalProperties: false },
);
export type Latency = Static<typeof LatencySchema>;

export const ProviderOutcomeSchema = Type.Object(
  {
    /** The preference list the user asked for, e.g. ["cuda", "cpu"]. */
    requested: Type.Array(Type.String(), { minItems: 1 }),
    /** The provider the session was created with first (onnxruntime may still place single nodes on CPU). */
    actual: Type.String(),
    /** True when `actual` is not the first requested provider. */
    fallback: Type.Boolean(),
    reason: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const SettingsSchema = Type.Object(
  {
    graphOptimizationLevel: Type.String(),
    intraOpThreads: Type.Integer({ minimum: 0 }),
    interOpThreads: Type.Integer({ minimum: 0 }),
    warmupIterations: Type.Integer({ minimum: 0 }),
    warmupSeconds: NonNegative,
    /** Requested timed iterations (when the run was count-bound). */
    iterations: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Requested timed duration in seconds (when the run was time-bound). */
    durationSeconds: Type.Optional(NonNegative),
    dims: Type.Record(Type.String(), Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const EnvironmentSchema = Type.Object(
  {
    /** A short key grouping machines that give comparable numbers (CPU model or GPU model). */
    hardwareClass: Type.String({ minLength: 1 }),
    cpuModel: Type.String(),
    logicalCpus: Type.Integer({ minimum: 1 }),
    totalMemoryBytes: Type.Integer({ minimum: 0 }),
    os: Type.String(),
    arch: Type.String(),
    node: Type.String(),
    onnxruntime: Type.String(),
    executionProvider: Type.String(),
    intraOpThreads: Type.Integer({ minimum: 0 }),
    interOpThreads: Type.Integer({ minimum: 0 }),
    graphOptimizationLevel: Type.String(),
    gpu: Type.Optional(GpuFingerprint),
  },
  { additionalProperties: false },
);
export type Environment = Static<typeof EnvironmentSchema>;

export const MemorySchema = Type.Object(
  {
    /** Peak resident set size of the benchmark process (getrusage ru_maxrss), bytes. */
    peakRssBytes: Type.Integer({ minimum: 0 }),
    /** Resident set size just before the session was created, bytes. */
    rssBeforeSessionBytes: Type.Integer({ minimum: 0 }),
    /** Peak GPU memory attributable to the run, bytes, when a GPU was sampled. */
    peakGpuBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** How peakGpuBytes was measured ("per-process" or "device-minus-idle") and why. */
    gpuMethod: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const HealthSchema = Type.Object(
  {
    /** False when the measurement is untrustworthy (GPU throttled, another process on the GPU...). */
    reliable: Type.Boolean(),
    reasons: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const BenchResultSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(RESULT_KIND),
    schemaVersion: Type.Literal(RESULT_SCHEMA_VERSION),
    tool: Type.Object({ name: Type.String(), version: Type.String() }, { additionalProperties: false }),
    createdAt: Type.String({ format: 'date-time' }),
    /**
     * Which job of a matrix produced this run (`--job`, Action input `job`): tells apart runs that
     * `perf-gate merge` would otherwise see as one (same model, provider and hardware).
     */
    job: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    model: ModelDescriptionSchema,
    settings: SettingsSchema,
    provider: ProviderOutcomeSchema,
    latency: LatencySchema,
    memory: MemorySchema,
    environment: EnvironmentSchema,
    health: HealthSchema,
    /** GPU telemetry summary (src/gpu/schema.ts), when a GPU was sampled. */
    gpu: Type.Optional(GpuTelemetrySummary),
    /** Compact per-module/per-op profile summary (src/profile/schema.ts), when profiled. */
    profile: Type.Optional(ProfileSummarySchema),
  },
  {
    additionalProperties: false,
    $id: schemaUrl('result'),
    title: 'yolo-perf-gate benchmark result',
  },
);
export type BenchResult = Static<typeof BenchResultSchema>;
