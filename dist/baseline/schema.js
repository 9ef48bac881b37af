import { Type } from '@sinclair/typebox';
import { BenchResultSchema } from '../schema/result.js';
import { RunSummary } from '../compare/schema.js';
import { schemaUrl } from '../schema/ids.js';
/**
 * Baseline documents: one file per (model name, execution provider, hardware class) under
 * `baselines/`, holding the representative run (a full result document, samples included) and the
 * run-level summaries of the last K runs (run-to-run variability for the verdict's thresholds).
 *
 * Version 2 (current): `key` object, `result` with `latency.samplesMs`, `samples` note, `history`.
 * (Version 1 existed only during development; no v1 file was ever committed, so none is read.)
 */
export const BASELINE_KIND = 'yolo-perf-gate/baseline';
export const BASELINE_SCHEMA_VERSION = 2;
/** Value of `$schema` in baseline files: the schema's `$id`. */
export const BASELINE_SCHEMA_REF = schemaUrl('baseline');
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
    $id: schemaUrl('baseline'),
    title: 'yolo-perf-gate baseline',
});
