/**
 * TypeBox schemas (and their static types) of the GPU parts of the result document.
 * The lead embeds these in the result document schema; the names are part of that contract.
 *
 * Conventions: a value the driver does not report (NVML_ERROR_NOT_SUPPORTED, nvidia-smi "[N/A]")
 * is `null`, never 0. Memory is in bytes, clocks in MHz, power in watts, temperature in °C,
 * utilisation in percent (0–100), times in milliseconds.
 */
import { Type } from '@sinclair/typebox';
const Nullable = (schema) => Type.Union([schema, Type.Null()]);
const Bytes = Type.Integer({ minimum: 0, description: 'bytes' });
export const GpuTelemetrySourceKind = Type.Union([Type.Literal('nvml'), Type.Literal('nvidia-smi')]);
export const GpuDeviceInfo = Type.Object({
    index: Type.Integer({ minimum: 0 }),
    /** PCI bus id, e.g. "00000000:3B:00.0" (NVML / nvidia-smi order devices by it). */
    pciBusId: Type.Optional(Nullable(Type.String())),
    name: Type.String(),
    /** `GPU-…`, or `MIG-…` for a MIG device (then `migParentUuid` is its GPU). */
    uuid: Type.String(),
    migParentUuid: Type.Optional(Type.String()),
    driverVersion: Type.String(),
    /** CUDA version the driver supports, e.g. "13.0" (NVML nvmlSystemGetCudaDriverVersion_v2, nvidia-smi's "CUDA Version"); null when neither reports it. */
    cudaDriverVersion: Nullable(Type.String()),
    memoryTotalBytes: Bytes,
    maxSmClockMhz: Nullable(Type.Number()),
    /** Enforced power limit. */
    powerLimitWatts: Nullable(Type.Number()),
    /** Current MIG mode; null when the GPU has no MIG or it is not reported. */
    migEnabled: Nullable(Type.Boolean()),
    /** Current ECC mode; null when not supported / not reported. */
    eccEnabled: Nullable(Type.Boolean()),
}, { $id: 'GpuDeviceInfo', additionalProperties: false });
export const GpuFingerprint = Type.Object({
    model: Type.String(),
    memoryTotalBytes: Bytes,
    driverVersion: Type.String(),
    cudaDriverVersion: Nullable(Type.String()),
    powerLimitWatts: Nullable(Type.Number()),
    migEnabled: Nullable(Type.Boolean()),
    eccEnabled: Nullable(Type.Boolean()),
}, { $id: 'GpuFingerprint', additionalProperties: false });
export const GpuProcessMemory = Type.Object({
    pid: Type.Integer({ minimum: 0 }),
    /** null when the driver does not report per-process memory (e.g. NVML_VALUE_NOT_AVAILABLE). */
    usedBytes: Nullable(Bytes),
}, { additionalProperties: false });
export const GpuSample = Type.Object({
    /** Wall-clock time of the sample (ms since the Unix epoch). */
    timestampMs: Type.Number(),
    memoryUsedBytes: Nullable(Bytes),
    memoryTotalBytes: Nullable(Bytes),
    utilizationGpuPercent: Nullable(Type.Number()),
    utilizationMemoryPercent: Nullable(Type.Number()),
    smClockMhz: Nullable(Type.Number()),
    memClockMhz: Nullable(Type.Number()),
    maxSmClockMhz: Nullable(Type.Number()),
    temperatureC: Nullable(Type.Number()),
    powerWatts: Nullable(Type.Number()),
    powerLimitWatts: Nullable(Type.Number()),
    /** Bit mask of nvmlClocksEventReason* (formerly ...ThrottleReason*); null when unknown. */
    clockEventReasons: Nullable(Type.Integer({ minimum: 0 })),
    /** Compute processes on the device; null when the list could not be read. */
    processes: Nullable(Type.Array(GpuProcessMemory)),
}, { $id: 'GpuSample', additionalProperties: false });
export const GpuThrottleFinding = Type.Object({
    /** e.g. "SwThermalSlowdown". */
    reason: Type.String(),
    /** Fraction (0–1) of the samples in the window in which the reason was active. */
    fraction: Type.Number({ minimum: 0, maximum: 1 }),
}, { additionalProperties: false });
export const GpuHealth = Type.Object({
    /** false when the measurement should not be trusted to show a regression. */
    reliable: Type.Boolean(),
    /** One human-readable line per problem; empty when reliable. */
    reasons: Type.Array(Type.String()),
    sampleCount: Type.Integer({ minimum: 0 }),
    throttling: Type.Array(GpuThrottleFinding),
    /** Fraction of samples whose SM clock was below `minClockFraction` × max SM clock. */
    lowClockFraction: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
    minClockFraction: Type.Number(),
    /** Pids other than ours seen using the GPU during the window. */
    otherProcesses: Type.Array(Type.Integer({ minimum: 0 })),
}, { $id: 'GpuHealth', additionalProperties: false });
export const GpuPeakMemoryMethod = Type.Union([
    Type.Literal('per-process'),
    Type.Literal('device-minus-idle'),
    Type.Literal('unavailable'),
]);
export const GpuPeakMemory = Type.Object({
    /** Peak memory attributed to the benchmark; null when it could not be measured. */
    bytes: Nullable(Bytes),
    method: GpuPeakMemoryMethod,
    /** Why this method was used (and, for device-minus-idle, why per-process failed). */
    reason: Type.String(),
    /** Device-level used memory before the session was created (null when not measured). */
    idleUsedBytes: Nullable(Bytes),
    /** Highest device-level used memory in the window. */
    deviceUsedPeakBytes: Nullable(Bytes),
}, { additionalProperties: false });
const MeanMax = Type.Object({ mean: Nullable(Type.Number()), max: Nullable(Type.Number()) }, { additionalProperties: false });
const MinMean = Type.Object({ min: Nullable(Type.Number()), mean: Nullable(Type.Number()) }, { additionalProperties: false });
export const GpuTimelinePoint = Type.Object({
    /** ms since the first sample. */
    tMs: Type.Number(),
    memoryUsedBytes: Nullable(Bytes),
    processUsedBytes: Nullable(Bytes),
    utilizationGpuPercent: Nullable(Type.Number()),
    smClockMhz: Nullable(Type.Number()),
    temperatureC: Nullable(Type.Number()),
    powerWatts: Nullable(Type.Number()),
    clockEventReasons: Nullable(Type.Integer({ minimum: 0 })),
}, { additionalProperties: false });
export const GpuTelemetrySummary = Type.Object({
    source: GpuTelemetrySourceKind,
    /** NVML / nvidia-smi index (PCI order) of the physical GPU. */
    deviceIndex: Type.Integer({ minimum: 0 }),
    /** UUID of the sampled device: the GPU, or the MIG device (`MIG-…`). */
    deviceUuid: Type.Optional(Type.String()),
    mig: Type.Optional(Type.Boolean()),
    /** How the CUDA device was mapped to this one (CUDA_VISIBLE_DEVICES, order, or memory growth). */
    deviceSelection: Type.Optional(Type.String()),
    /** This process's own pid (process.pid). */
    pid: Type.Integer({ minimum: 0 }),
    /** This benchmark as the driver lists it (a host pid in a container), and how it was found. */
    ownProcess: Type.Optional(Type.Object({ pid: Nullable(Type.Integer({ minimum: 0 })), method: Type.String() }, { additionalProperties: false })),
    intervalMs: Type.Number({ exclusiveMinimum: 0 }),
    sampleCount: Type.Integer({ minimum: 0 }),
    durationMs: Type.Number({ minimum: 0 }),
    peakMemory: GpuPeakMemory,
    utilizationGpuPercent: Type.Object({
        mean: Nullable(Type.Number()),
        max: Nullable(Type.Number()),
        /** Why there is none (a MIG instance). */
        reason: Type.Optional(Type.String()),
    }, { additionalProperties: false }),
    smClockMhz: MinMean,
    temperatureC: Type.Object({ max: Nullable(Type.Number()) }, { additionalProperties: false }),
    powerWatts: MeanMax,
    health: GpuHealth,
    /** Downsampled samples (at most `maxTimelinePoints`, about 200). */
    timeline: Type.Array(GpuTimelinePoint),
}, { $id: 'GpuTelemetrySummary', additionalProperties: false });
/** The WebGPU adapter a run used (src/gpu/webgpu-adapter.ts), part of the environment fingerprint. */
export const WebGpuAdapterInfo = Type.Object({
    /** The native API under Dawn ("vulkan" on Linux). */
    backend: Type.String(),
    /** e.g. "llvmpipe (LLVM 15.0.6, 256 bits)" (Mesa's software Vulkan) or "NVIDIA GeForce RTX 4090". */
    name: Type.String(),
    type: Type.Union([
        Type.Literal('discrete-gpu'),
        Type.Literal('integrated-gpu'),
        Type.Literal('virtual-gpu'),
        Type.Literal('cpu'),
        Type.Literal('other'),
    ]),
    vendorId: Type.Integer({ minimum: 0 }),
    deviceId: Type.Integer({ minimum: 0 }),
    /** Decoded with the vendor's scheme (NVIDIA's differs from Vulkan's). */
    driverVersion: Type.String(),
    apiVersion: Type.String(),
    /** How the adapter was identified (onnxruntime-node does not report it). */
    method: Type.String(),
}, { $id: 'WebGpuAdapterInfo', additionalProperties: false });
