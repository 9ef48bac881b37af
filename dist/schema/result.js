import { Type } from '@sinclair/typebox';
import { GpuFingerprint, GpuTelemetrySummary, WebGpuAdapterInfo } from '../gpu/schema.js';
import { Calibration, MachineState } from '../host/schema.js';
import { ProfileSummarySchema } from '../profile/schema.js';
import { schemaUrl } from './ids.js';
/** Version of the result document; bump on breaking changes and add a migration. */
export const RESULT_SCHEMA_VERSION = 1;
export const RESULT_KIND = 'yolo-perf-gate/result';
const NonNegative = Type.Number({ minimum: 0 });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
export const TensorInfoSchema = Type.Object({
    name: Type.String(),
    dtype: Type.String(),
    shape: Type.Array(Type.Union([Type.Integer(), Type.String()])),
}, { additionalProperties: false });
const Percent = Type.Number({ minimum: 0, maximum: 100 });
/** What the model file says about its precision (src/model/inspect.ts). */
export const PrecisionProfileSchema = Type.Object({
    /** fp32 | fp16 | int8 when one class holds at least 90% of the weights; mixed; unknown (no weighted ops). */
    dominant: Type.Union([
        Type.Literal('fp32'),
        Type.Literal('fp16'),
        Type.Literal('int8'),
        Type.Literal('mixed'),
        Type.Literal('unknown'),
    ]),
    /** Share (%) of the weights of Conv/MatMul/Gemm-like ops stored as float32, float16 and int8/uint8. */
    computeShare: Type.Object({ fp32: Percent, fp16: Percent, int8: Percent }, { additionalProperties: false }),
    weightElements: Type.Integer({ minimum: 0 }),
    /** Cast nodes in the file (onnxruntime may add more at load time; the profile counts those). */
    castNodes: Type.Integer({ minimum: 0 }),
    quantizeNodes: Type.Integer({ minimum: 0 }),
    dequantizeNodes: Type.Integer({ minimum: 0 }),
    /** Element type of the first graph input, e.g. float32 or float16. */
    inputType: Type.String(),
}, { additionalProperties: false });
export const ModelDescriptionSchema = Type.Object({
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
    /** Precision of the weights, Casts and Q/DQ nodes, read from the file. */
    precision: Type.Optional(PrecisionProfileSchema),
}, { additionalProperties: false });
/** Most latency samples a result document may hold (schema `maxItems`). */
export const MAX_RESULT_SAMPLES = 1_000_000;
export const LatencySchema = Type.Object({
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
}, { additionalProperties: false });
export const ProviderOutcomeSchema = Type.Object({
    /** The preference list the user asked for, e.g. ["cuda", "cpu"]. */
    requested: Type.Array(Type.String(), { minItems: 1 }),
    /** The provider the session was created with first (onnxruntime may still place single nodes on CPU). */
    actual: Type.String(),
    /** True when `actual` is not the first requested provider. */
    fallback: Type.Boolean(),
    reason: Type.Optional(Type.String()),
}, { additionalProperties: false });
export const SettingsSchema = Type.Object({
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
}, { additionalProperties: false });
export const EnvironmentSchema = Type.Object({
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
    /** The WebGPU adapter, on runs whose provider is webgpu. */
    webgpuAdapter: Type.Optional(WebGpuAdapterInfo),
}, { additionalProperties: false });
export const MemorySchema = Type.Object({
    /**
     * Peak resident set size of the benchmark, bytes: since the peak was reset just before the
     * session was created (see `peakRssMethod`), else of the whole process (getrusage ru_maxrss).
     */
    peakRssBytes: Type.Integer({ minimum: 0 }),
    /** How peakRssBytes was measured (`vmhwm-since-reset: ...` or `process-maxrss: ...`); absent in older results. */
    peakRssMethod: Type.Optional(Type.String()),
    /** The process's peak RSS before the reset (model generation, file reads), excluded from peakRssBytes. */
    peakRssBeforeResetBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Resident set size just before the session was created, bytes. */
    rssBeforeSessionBytes: Type.Integer({ minimum: 0 }),
    /** Peak GPU memory attributable to the run, bytes, when a GPU was sampled. */
    peakGpuBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** How peakGpuBytes was measured ("per-process" or "device-minus-idle") and why. */
    gpuMethod: Type.Optional(Type.String()),
}, { additionalProperties: false });
export const HealthSchema = Type.Object({
    /** False when the measurement is untrustworthy (GPU throttled, another process on the GPU...). */
    reliable: Type.Boolean(),
    reasons: Type.Array(Type.String()),
}, { additionalProperties: false });
/** Latency per input image when the run was fed images (`--inputs`); see src/bench/per-input.ts. */
export const ImageInputsSchema = Type.Object({
    /** Images were cycled in file order: sample i ran on image i mod count. */
    order: Type.Literal('cycle'),
    /** Every image has the same number of samples (to within one), so the pooled quantiles weight images equally. */
    weighting: Type.Literal('equal'),
    count: Type.Integer({ minimum: 1 }),
    images: Type.Array(Type.Object({
        name: Type.String(),
        width: Type.Integer({ minimum: 1 }),
        height: Type.Integer({ minimum: 1 }),
        samples: Type.Integer({ minimum: 0 }),
        p50: Type.Optional(NonNegative),
        p90: Type.Optional(NonNegative),
        max: Type.Optional(NonNegative),
        mean: Type.Optional(NonNegative),
    }, { additionalProperties: false })),
}, { additionalProperties: false });
/**
 * The interleaved reference workload (`--reference interleaved`, src/bench/reference.ts): a fixed
 * generated model timed in the same window as the model, one run per model run, each pair in a
 * seeded random order. The stored comparison reads `ratio` and `logRatioSe` instead of the absolute
 * P50 when the baseline's runs carry the same reference (docs/verdict.md).
 */
export const ReferenceBlockSchema = Type.Object({
    /** The generated architecture, e.g. `yolo11n` (seeded weights, built on first use). */
    model: Type.String({ minLength: 1 }),
    /** Its square input size: the benchmarked model's. */
    imgsz: Type.Integer({ minimum: 32 }),
    /** sha256 of the reference ONNX file: ratios are comparable only between equal reference bytes. */
    sha256: Sha256,
    /** Reference runs timed: one per model sample, paired with them by index. */
    samples: Type.Integer({ minimum: 1 }),
    /** The reference's P50 in this run (ms, type-7 quantile). */
    p50Ms: NonNegative,
    /** The model's P50 / the reference's P50. */
    ratio: Type.Number({ exclusiveMinimum: 0 }),
    /**
     * Standard error of log(ratio): paired circular block bootstrap of the two series (the same
     * blocks of pairs on both sides; Künsch 1989). Absent with fewer than 2 pairs.
     */
    logRatioSe: Type.Optional(NonNegative),
    /** Block length (pairs) of that bootstrap. */
    blockLength: Type.Optional(Type.Integer({ minimum: 1 })),
    /** Seed of the order within each pair (model or reference first). */
    orderSeed: Type.Optional(Type.Integer()),
}, { additionalProperties: false });
/** `--reference interleaved` that could not run (a dynamic or non-image input...): why. */
export const ReferenceSkippedSchema = Type.Object({ skipped: Type.String({ minLength: 1 }) }, { additionalProperties: false });
export const BenchResultSchema = Type.Object({
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
    /**
     * Paired A/B mode: how this run's samples interleave with the other side's (both results carry
     * it), so the block pairs can be rebuilt and analysed again from the two result files.
     */
    pairing: Type.Optional(Type.Object({
        role: Type.Union([Type.Literal('baseline'), Type.Literal('current')]),
        /** Consecutive runs of one side per block. */
        blockSize: Type.Integer({ minimum: 1 }),
        /** For each block pair in time order, the side timed first: A baseline, B current. */
        order: Type.String({ pattern: '^[AB]*$' }),
        /** Which model's session was created first (the second one tends to run faster, issue 11). */
        createdFirst: Type.Union([Type.Literal('baseline'), Type.Literal('current')]),
    }, { additionalProperties: false })),
    /** Compact per-module/per-op profile summary (src/profile/schema.ts), when profiled. */
    profile: Type.Optional(ProfileSummarySchema),
    /** Latency per input image, when the run was fed images. */
    imageInputs: Type.Optional(ImageInputsSchema),
    /** What competed with the benchmark during its timed window (src/host/schema.ts). */
    machineState: Type.Optional(MachineState),
    /** The runner's speed on a fixed reference workload before and after the benchmark (src/host/schema.ts). */
    calibration: Type.Optional(Calibration),
    /** The interleaved reference workload (`--reference interleaved`), or why it was skipped. */
    reference: Type.Optional(Type.Union([ReferenceBlockSchema, ReferenceSkippedSchema])),
}, {
    additionalProperties: false,
    $id: schemaUrl('result'),
    title: 'yolo-perf-gate benchmark result',
});
