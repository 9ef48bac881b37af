import { Type } from '@sinclair/typebox';
import { BenchResultSchema } from '../schema/result.js';
import { RunSummary } from '../compare/schema.js';
/**
 * Baseline documents: one file per (model name, execution provider, hardware class) under
 * `baselines/`, holding the representative run (a full result document, samples included) and the
 * run-level summaries of the last K runs (run-to-run variability for the verdict's thresholds).
 *
 * Version history
 * - v1 (older): key fields at the top level (`model`, `provider`, `hardwareClass`), the result with
 *   its latency samples moved out into a top-level `samples` array, no history. Read and migrated.
 * - v2 (current): `key` object, `result` with `latency.samplesMs`, `samples` note, `history`.
 */
export const BASELINE_KIND = 'yolo-perf-gate/baseline';
export const BASELINE_SCHEMA_VERSION = 2;
/** Value of `$schema` in baseline files (baselines/ sits next to schemas/). */
export const BASELINE_SCHEMA_REF = '../schemas/baseline.schema.json';
/** Default number of run summaries kept in `history`. */
export const DEFAULT_HISTORY_KEEP = 10;
/** Default cap on the latency samples stored with the representative run. */
export const DEFAULT_MAX_SAMPLES = 2000;
export const BaselineKeySchema = Type.Object({
    /** Model display name (the result's `model.name`). */
    model: Type.String({ minLength: 1 }),
    /** Execution provider the run actually used (the result's `provider.actual`). */
    provider: Type.String({ minLength: 1 }),
    /** Hardware class of the machine (the result's `environment.hardwareClass`). */
    hardwareClass: Type.String({ minLength: 1 }),
}, { additionalProperties: false });
export const SampleNoteSchema = Type.Object({
    /** Timed samples the run measured. */
    measured: Type.Integer({ minimum: 1 }),
    /** Samples stored in `result.latency.samplesMs`. */
    stored: Type.Integer({ minimum: 1 }),
    /**
     * `all`, or `even-thinning`: every (measured/stored)-th sample kept in measurement order, so the
     * stored samples cover the whole run evenly. The pXX numbers in `result.latency` are computed
     * from all measured samples before thinning.
     */
    method: Type.Union([Type.Literal('all'), Type.Literal('even-thinning')]),
}, { additionalProperties: false });
// The result schema carries an $id; embedding it verbatim would register that id twice in ajv.
const EmbeddedResultSchema = Type.Object(BenchResultSchema.properties, { additionalProperties: false });
export const BaselineSchema = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(BASELINE_KIND),
    schemaVersion: Type.Literal(BASELINE_SCHEMA_VERSION),
    key: BaselineKeySchema,
    /** sha256 of the model file of the representative run. */
    modelSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** Git commit the representative run was recorded at (GITHUB_SHA in Actions, `git rev-parse HEAD` locally). */
    commit: Type.Optional(Type.String()),
    /** When the representative run was recorded. */
    recordedAt: Type.String({ format: 'date-time' }),
    samples: SampleNoteSchema,
    /** The representative run: a full result document. */
    result: EmbeddedResultSchema,
    /** Run-level summaries of the last K runs, oldest first (the representative run is the last). */
    history: Type.Array(RunSummary),
}, {
    additionalProperties: false,
    $id: 'https://yolo-perf-gate.dev/schemas/baseline.schema.json',
    title: 'yolo-perf-gate baseline',
});
/** The v1 shape, validated loosely before migration (the migrated document is validated in full). */
export const BaselineV1Schema = Type.Object({
    $schema: Type.Optional(Type.String()),
    kind: Type.Literal(BASELINE_KIND),
    schemaVersion: Type.Literal(1),
    model: Type.String({ minLength: 1 }),
    provider: Type.String({ minLength: 1 }),
    hardwareClass: Type.String({ minLength: 1 }),
    commit: Type.Optional(Type.String()),
    recordedAt: Type.String({ format: 'date-time' }),
    samples: Type.Array(Type.Number({ minimum: 0 }), { minItems: 1 }),
    result: Type.Object({
        model: Type.Object({ sha256: Type.String() }),
        provider: Type.Object({ actual: Type.String() }),
        memory: Type.Object({ peakRssBytes: Type.Integer({ minimum: 0 }) }),
        latency: Type.Object({
            count: Type.Integer({ minimum: 1 }),
            p50: Type.Number(),
            p90: Type.Number(),
            p99: Type.Number(),
            mean: Type.Number(),
        }),
    }),
}, { additionalProperties: false });
