import { GRAPH_OPTIMIZATION_LEVELS, parseExecutionProviders, } from './providers.js';
import { CALIBRATION_DEFAULTS, DEFAULT_BUSY_RULE } from './host.js';
import { DEFAULT_ARCH, DEFAULT_IMGSZ, parseArch, parsePrecision, } from '../model/options.js';
import { UsageError, quoteValue } from '../util/errors.js';
import { readBoolean, readChoice, readDims, readInteger, readNumber, readOptionalInteger, readOptionalNumber, readString, } from './reader.js';
/** The built-in default: YOLOv8n at 640, what the README's main command benchmarks. */
export const DEFAULT_MODEL_SPEC = `builtin:${DEFAULT_ARCH}@${DEFAULT_IMGSZ}`;
/** Defaults, chosen so one CPU run of YOLOv8n at 640 on 2 cores takes well under a minute. */
export const BENCH_DEFAULTS = {
    warmupIterations: 10,
    warmupSeconds: 1,
    iterations: 300,
    /**
     * Cap on timed samples, for `--iterations` and time-bound runs alike (memory for the sample array
     * and the result file's size: 100k samples are about 1.7 MB of JSON).
     */
    maxIterations: 100_000,
    /** Cap on warm-up runs. */
    maxWarmupIterations: 100_000,
    /** Cap on `--duration` and `--warmup-seconds`: one day. */
    maxSeconds: 86_400,
    profileIterations: 20,
    gpuSampleIntervalMs: 50,
};
/**
 * `reference`: `interleaved` times a fixed reference workload (a generated YOLO11n at the model's
 * input size) alternating with the model in the same window, so a stored comparison can judge the
 * ratio of the two P50s, which the runner's speed cancels out of (src/bench/reference.ts); `off`
 * (the default for now) times the model alone.
 */
export const REFERENCE_MODES = ['off', 'interleaved'];
/**
 * The busy rule's thresholds: `busy-cpu-share` (other processes' CPU, share of the machine's CPUs),
 * `busy-pressure` (share of the window with CPU pressure), `busy-steal` (steal time, share of the
 * CPUs), `busy-throttled` (share of the window the cgroup was throttled). Each is a fraction in
 * [0, 1]; 1 switches that check off.
 */
export function readBusyRule(reader) {
    const share = (name, fallback) => readNumber(reader, name, fallback, { min: 0, max: 1 });
    return {
        maxOtherCpuShare: share('busy-cpu-share', DEFAULT_BUSY_RULE.maxOtherCpuShare),
        maxPressureShare: share('busy-pressure', DEFAULT_BUSY_RULE.maxPressureShare),
        maxStealShare: share('busy-steal', DEFAULT_BUSY_RULE.maxStealShare),
        maxThrottledShare: share('busy-throttled', DEFAULT_BUSY_RULE.maxThrottledShare),
        minWindowSeconds: DEFAULT_BUSY_RULE.minWindowSeconds,
    };
}
/**
 * Parses a model reference: a path to an .onnx file, or `builtin:ARCH[@IMGSZ][+OPTION...]` for a
 * generated YOLO model, e.g. `builtin:yolo11n@320`, `builtin:yolo11n@320+nms`,
 * `builtin:yolov8n+fp16`, `builtin:yolo26s@640+int8`. Options: `nms`, `fp32`, `fp16`, `int8`.
 */
export function parseModelSource(value, label) {
    if (value.trim() === '')
        throw new UsageError(`${label}: expected a model file or builtin:ARCH[@IMGSZ], got ""`);
    if (!value.startsWith('builtin:'))
        return { kind: 'file', path: value, label };
    const match = /^builtin:([a-z0-9]+)(?:@(\d+))?((?:\+[a-z0-9]+)*)$/.exec(value);
    if (!match) {
        throw new UsageError(`${label}: expected builtin:ARCH[@IMGSZ][+nms][+fp16|+int8], got ${quoteValue(value)}`);
    }
    const arch = parseArch(match[1], label);
    const imgsz = match[2] === undefined ? DEFAULT_IMGSZ : Number(match[2]);
    if (imgsz < 32 || imgsz % 32 !== 0) {
        throw new UsageError(`${label}: image size must be a positive multiple of 32, got "${match[2]}"`);
    }
    const options = { arch, imgsz };
    for (const opt of (match[3] ?? '').split('+').filter(Boolean)) {
        if (opt === 'nms')
            options.nms = true;
        else if (['fp32', 'fp16', 'int8'].includes(opt)) {
            if (options.precision) {
                throw new UsageError(`${label}: give one precision option, got "${value}"`);
            }
            options.precision = parsePrecision(opt, label);
        }
        else {
            throw new UsageError(`${label}: unknown builtin option "+${opt}" (expected +nms, +fp16, +int8), got "${value}"`);
        }
    }
    return { kind: 'builtin', options, label };
}
/** The text of a model source as `--model` takes it: the inverse of {@link parseModelSource}. */
export function formatModelSource(source) {
    if (source.kind === 'file')
        return source.path;
    const o = source.options;
    const precision = o.precision && o.precision !== 'fp32' ? `+${o.precision}` : '';
    return `builtin:${o.arch}@${o.imgsz ?? DEFAULT_IMGSZ}${o.nms ? '+nms' : ''}${precision}`;
}
/** Parses the `--iterations` / `--duration` pair into one stop rule (they exclude each other). */
export function readStopRule(reader, fallbackIterations = BENCH_DEFAULTS.iterations) {
    const iterations = readOptionalInteger(reader, 'iterations', { min: 1, max: BENCH_DEFAULTS.maxIterations });
    const durationSeconds = readOptionalNumber(reader, 'duration', {
        min: 0,
        exclusiveMin: true,
        max: BENCH_DEFAULTS.maxSeconds,
    });
    if (iterations !== undefined && durationSeconds !== undefined) {
        throw new UsageError(`${reader.label('iterations')} and ${reader.label('duration')}: give one or the other, not both`);
    }
    if (durationSeconds !== undefined)
        return { durationSeconds, maxIterations: BENCH_DEFAULTS.maxIterations };
    return { iterations: iterations ?? fallbackIterations };
}
/**
 * Longest `--name`: it becomes part of baseline file names and report headings. 256 characters
 * holds any name derived from a file name (255 bytes on common filesystems).
 */
export const MAX_MODEL_NAME_LENGTH = 256;
function readModelName(reader) {
    const name = readString(reader, 'name');
    if (name === undefined)
        return undefined;
    if (Array.from(name).length > MAX_MODEL_NAME_LENGTH) {
        throw new UsageError(`${reader.label('name')}: expected at most ${MAX_MODEL_NAME_LENGTH} characters, got ${quoteValue(name, 40)}`);
    }
    return name;
}
/** The model input: absent means the default, but an explicitly empty value is a mistake. */
function readModelSpec(reader, modelInput) {
    const raw = reader.read(modelInput);
    if (raw !== undefined && raw.trim() === '')
        throw new UsageError(`${reader.label(modelInput)}: expected a model file or builtin:ARCH[@IMGSZ], got ""`);
    return readString(reader, modelInput, DEFAULT_MODEL_SPEC);
}
function readJob(reader) {
    const job = readString(reader, 'job');
    if (job === undefined)
        return {};
    if (job.length > 200 || [...job].some((c) => c < ' ')) {
        throw new UsageError(`${reader.label('job')}: expected a short name (at most 200 characters, no control characters)`);
    }
    return { job };
}
/** Parses the benchmark inputs shared by `bench`, `profile`, `gate`, `compare` and the Action. */
export function parseBenchConfig(reader, modelInput = 'model') {
    const modelSpec = readModelSpec(reader, modelInput);
    return {
        model: parseModelSource(modelSpec, reader.label(modelInput)),
        modelName: readModelName(reader),
        executionProviders: parseExecutionProviders(readString(reader, 'execution-provider', 'cpu'), reader.label('execution-provider')),
        allowFallback: readBoolean(reader, 'allow-fallback', false),
        graphOptimizationLevel: readChoice(reader, 'graph-optimization', GRAPH_OPTIMIZATION_LEVELS, 'all'),
        intraOpThreads: readInteger(reader, 'intra-op-threads', 0, { min: 0, max: 1024 }),
        interOpThreads: readInteger(reader, 'inter-op-threads', 0, { min: 0, max: 1024 }),
        warmupIterations: readInteger(reader, 'warmup', BENCH_DEFAULTS.warmupIterations, {
            min: 0,
            max: BENCH_DEFAULTS.maxWarmupIterations,
        }),
        warmupSeconds: readNumber(reader, 'warmup-seconds', BENCH_DEFAULTS.warmupSeconds, {
            min: 0,
            max: BENCH_DEFAULTS.maxSeconds,
        }),
        stop: readStopRule(reader),
        dims: readDims(reader, 'dim'),
        profile: {
            enabled: readBoolean(reader, 'profile', false),
            iterations: readInteger(reader, 'profile-iterations', BENCH_DEFAULTS.profileIterations, {
                min: 1,
                max: BENCH_DEFAULTS.maxIterations,
            }),
        },
        gpu: {
            sampleIntervalMs: readInteger(reader, 'gpu-sample-interval', BENCH_DEFAULTS.gpuSampleIntervalMs, {
                min: 5,
                max: 10_000,
            }),
            minClockFraction: readNumber(reader, 'min-clock-fraction', 0.9, { min: 0, max: 1 }),
        },
        busyRule: readBusyRule(reader),
        calibration: {
            phaseSeconds: readNumber(reader, 'calibration-seconds', CALIBRATION_DEFAULTS.phaseSeconds, {
                min: 0,
                max: 60,
            }),
        },
        reference: readChoice(reader, 'reference', REFERENCE_MODES, 'off'),
        cacheDir: readString(reader, 'cache-dir', '.cache/models'),
        ...readJob(reader),
        inputs: readPathList(reader, 'inputs'),
    };
}
/** Paths separated by commas or newlines (the CLI's variadic flag arrives comma-joined). */
function readPathList(reader, name) {
    return (reader.read(name) ?? '')
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
