import { assertValid, schemaProblems } from '../schema/validate.js';
import { UsageError } from '../util/errors.js';
import { BASELINE_KIND, BASELINE_SCHEMA_REF, BASELINE_SCHEMA_VERSION, BaselineSchema, BaselineV1Schema, } from './schema.js';
import { runSummaryOf } from './summary.js';
/**
 * Reads a parsed baseline document of any supported version, upgrades it to the current version and
 * validates it. `what` names the file in every error (e.g. `baseline "baselines/a.json"`).
 * @throws UsageError for a document that is not a baseline, an unknown or newer version, or a schema violation.
 */
export function migrateBaseline(json, what = 'baseline') {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        throw new UsageError(`${what}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}`);
    }
    const doc = json;
    if (doc.kind !== BASELINE_KIND) {
        throw new UsageError(`${what}: not a yolo-perf-gate baseline (kind ${JSON.stringify(doc.kind ?? null)}, expected "${BASELINE_KIND}")`);
    }
    const version = doc.schemaVersion;
    if (version === BASELINE_SCHEMA_VERSION) {
        return { baseline: checked(doc, what), fromVersion: BASELINE_SCHEMA_VERSION, migrated: false, notes: [] };
    }
    if (version === 1) {
        const problems = schemaProblems(BaselineV1Schema, doc);
        if (problems.length > 0) {
            throw new UsageError(`${what}: schemaVersion 1 document does not match the v1 schema: ${problems.slice(0, 3).join('; ')}`);
        }
        const baseline = checked(fromV1(doc), what);
        return {
            baseline,
            fromVersion: 1,
            migrated: true,
            notes: [
                `${what}: migrated from schemaVersion 1 to ${BASELINE_SCHEMA_VERSION} (key fields moved into "key", samples moved into result.latency.samplesMs, history started with the recorded run)`,
            ],
        };
    }
    if (typeof version === 'number' && Number.isInteger(version) && version > BASELINE_SCHEMA_VERSION) {
        throw new UsageError(`${what}: schemaVersion ${version} is newer than this perf-gate supports (${BASELINE_SCHEMA_VERSION}); upgrade yolo-perf-gate to read it`);
    }
    throw new UsageError(`${what}: unsupported schemaVersion ${JSON.stringify(version ?? null)} (supported: 1, ${BASELINE_SCHEMA_VERSION})`);
}
function checked(doc, what) {
    const baseline = assertValid(BaselineSchema, doc, what);
    const r = baseline.result;
    const mismatches = [];
    if (baseline.key.model !== r.model.name)
        mismatches.push(`key.model "${baseline.key.model}" vs result.model.name "${r.model.name}"`);
    if (baseline.key.provider !== r.provider.actual)
        mismatches.push(`key.provider "${baseline.key.provider}" vs result.provider.actual "${r.provider.actual}"`);
    if (baseline.key.hardwareClass !== r.environment.hardwareClass) {
        mismatches.push(`key.hardwareClass "${baseline.key.hardwareClass}" vs result.environment.hardwareClass "${r.environment.hardwareClass}"`);
    }
    if (baseline.modelSha256 !== r.model.sha256)
        mismatches.push(`modelSha256 vs result.model.sha256`);
    if (mismatches.length > 0)
        throw new UsageError(`${what}: inconsistent baseline: ${mismatches.join('; ')}`);
    return baseline;
}
function fromV1(v1) {
    const result = structuredClone(v1.result);
    result.latency = { ...result.latency, samplesMs: [...v1.samples] };
    return {
        $schema: BASELINE_SCHEMA_REF,
        kind: BASELINE_KIND,
        schemaVersion: BASELINE_SCHEMA_VERSION,
        key: { model: v1.model, provider: v1.provider, hardwareClass: v1.hardwareClass },
        modelSha256: v1.result.model.sha256,
        ...(v1.commit ? { commit: v1.commit } : {}),
        recordedAt: v1.recordedAt,
        samples: {
            measured: Math.max(v1.result.latency.count, v1.samples.length),
            stored: v1.samples.length,
            method: v1.samples.length < v1.result.latency.count ? 'even-thinning' : 'all',
        },
        result,
        history: [
            runSummaryOf(result, { recordedAt: v1.recordedAt, ...(v1.commit ? { commit: v1.commit } : {}) }),
        ],
    };
}
