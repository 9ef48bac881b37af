import { Type } from '@sinclair/typebox';
import { BaselineKeySchema } from '../baseline/schema.js';
/**
 * The long performance history: one small JSON file per run, per model × provider × hardware
 * class (docs/trend.md). Deliberately compact and bounded: headline numbers only (no samples),
 * bounded strings and arrays, at most {@link MAX_SCALARS} flattened calibration / machine-state
 * figures, so one record stays around 1–2 KB whatever the result document carries.
 */
export const HISTORY_RECORD_KIND = 'yolo-perf-gate/history-record';
export const HISTORY_RECORD_SCHEMA_VERSION = 1;
export const REPORTED_CHANGE_KIND = 'yolo-perf-gate/reported-change';
/** Default folder of the history, relative to the working directory. */
export const DEFAULT_HISTORY_DIR = 'perf-history';
/** Default bound: runs kept per key (about 2.7 years of nightly runs, ~1.5 KB each). */
export const DEFAULT_MAX_RECORDS = 1000;
/** Most figures copied from one optional result section (calibration, machine state). */
export const MAX_SCALARS = 40;
/** Most modules kept from a profile. */
export const MAX_MODULES = 32;
/** Longest free text kept (reasons, fallback reason). */
export const MAX_TEXT = 300;
const Text = Type.String({ maxLength: MAX_TEXT });
const Ms = Type.Number({ minimum: 0, description: 'milliseconds' });
const Bytes = Type.Integer({ minimum: 0, description: 'bytes' });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);
/** Flattened scalar leaves of a section of the result, keyed by dotted path (`before.medianMs`). */
export const ScalarMapSchema = Type.Record(Type.String({ maxLength: 120 }), Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 80 }), Type.Null()]), { maxProperties: MAX_SCALARS });
export const HistoryGpuSchema = Type.Object({
    smClockMinMhz: NullableNumber,
    temperatureMaxC: NullableNumber,
    powerMeanWatts: NullableNumber,
    utilizationMeanPercent: NullableNumber,
    /** Throttle reasons seen during the window (e.g. `SwThermalSlowdown`). */
    throttleReasons: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 16 }),
    /** Pids of other processes seen on the GPU. */
    otherProcesses: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false });
export const HistoryRecordSchema = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(HISTORY_RECORD_KIND),
    schemaVersion: Type.Literal(HISTORY_RECORD_SCHEMA_VERSION),
    key: BaselineKeySchema,
    /** Git commit the run measured; absent when unknown. */
    commit: Type.Optional(Type.String({ pattern: '^[0-9a-f]{7,64}$' })),
    /** When the run was recorded (ISO 8601). Records are ordered by it. */
    date: Type.String({ format: 'date-time' }),
    /** What produced the run, e.g. `nightly`, `baseline-update`, `manual`. */
    source: Type.Optional(Type.String({ maxLength: 40 })),
    modelSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** The model as given to the benchmark (path or builtin:...), for the reproduce command. */
    modelPath: Type.Optional(Type.String({ maxLength: MAX_TEXT })),
    toolVersion: Type.String({ maxLength: 40 }),
    latency: Type.Object({ count: Type.Integer({ minimum: 1 }), p50: Ms, p90: Ms, p99: Ms, mean: Ms, stdev: Ms }, { additionalProperties: false }),
    memory: Type.Object({
        /** The memory the gate tests: GPU bytes on GPU providers, RSS on CPU. */
        gatedBytes: Bytes,
        peakRssBytes: Bytes,
        peakGpuBytes: Type.Optional(Bytes),
    }, { additionalProperties: false }),
    provider: Type.Object({
        requested: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 8 }),
        actual: Type.String({ maxLength: 40 }),
        fallback: Type.Boolean(),
        reason: Type.Optional(Text),
    }, { additionalProperties: false }),
    health: Type.Object({ reliable: Type.Boolean(), reasons: Type.Array(Text, { maxItems: 10 }) }, { additionalProperties: false }),
    gpu: Type.Optional(HistoryGpuSchema),
    /** Per-module median time of the profiling pass (µs), when the run was profiled. */
    modulesUs: Type.Optional(Type.Record(Type.String({ maxLength: 80 }), Type.Number({ minimum: 0 }), {
        maxProperties: MAX_MODULES,
    })),
    /** Runner calibration figures of the result (`calibration`), flattened, when present. */
    calibration: Type.Optional(ScalarMapSchema),
    /** Machine-state figures of the result (`machineState`), flattened, when present. */
    machineState: Type.Optional(ScalarMapSchema),
}, {
    additionalProperties: false,
    $id: 'https://yolo-perf-gate.dev/schemas/history-record.schema.json',
    title: 'yolo-perf-gate history record (one run)',
});
/** Metrics whose series the change-point detector analyses. */
export const TREND_METRICS = ['p50', 'p99', 'memory'];
/**
 * One change point that was alerted on, kept so it is never alerted on again (one file each under
 * `<history>/<key>/reported/`, so two runs that report different changes never conflict in git).
 */
export const ReportedChangeSchema = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(REPORTED_CHANGE_KIND),
    schemaVersion: Type.Literal(1),
    key: BaselineKeySchema,
    metric: Type.Union(TREND_METRICS.map((m) => Type.Literal(m))),
    /** Date of the first run after the change (the record at the change point). */
    afterDate: Type.String({ format: 'date-time' }),
    beforeCommit: Type.Optional(Type.String()),
    afterCommit: Type.Optional(Type.String()),
    relativeChange: Type.Number(),
    reportedAt: Type.String({ format: 'date-time' }),
    /** The issue the change was reported in, when one was opened or updated. */
    issueUrl: Type.Optional(Type.String()),
}, {
    additionalProperties: false,
    $id: 'https://yolo-perf-gate.dev/schemas/reported-change.schema.json',
    title: 'yolo-perf-gate reported change point',
});
