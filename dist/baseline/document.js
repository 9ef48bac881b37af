import { assertValid } from '../schema/validate.js';
import { UsageError } from '../util/errors.js';
import { BASELINE_KIND, BASELINE_SCHEMA_VERSION, BaselineSchema } from './schema.js';
import { RESULT_KIND, RESULT_SCHEMA_VERSION, BenchResultSchema, } from '../schema/result.js';
import { formatMs } from '../util/format.js';
/**
 * Smallest sample a result may hold: 1 ns. perf-gate rounds every sample to 1 ns when it writes a
 * result (src/bench/engine.ts), so a smaller one (5e-324, 0) was not measured; dividing by it would
 * print `+Infinity%`.
 */
export const MIN_SAMPLE_MS = 1e-6;
const PERCENTILES = [
    ['p50', 0.5],
    ['p90', 0.9],
    ['p95', 0.95],
    ['p99', 0.99],
];
/**
 * Checks that a latency block's summary (count, P50...P99, min, max, mean) describes its own
 * samples, so a hand-edited or forged file (30 samples summarised as 999,999 runs with P50
 * 0.001 ms) is refused instead of displayed. `stored` describes thinned samples (a baseline keeps
 * at most 2,000 of the measured ones): then the count is checked against `samples.measured` and
 * the quantiles loosely, against the stored samples' quantiles 5 points either side.
 *
 * Tolerances: a stated quantile must lie between the order statistics one rank beyond those that
 * bracket it (Hyndman & Fan 1996, Statistical Computing and Graphics 50(4): every one of their nine
 * definitions interpolates within that range), so another quantile definition passes and a forged
 * value does not.
 * @returns the first problem, naming the field, or undefined.
 */
export function latencySummaryProblem(latency, stored) {
    const samples = latency.samplesMs;
    const n = samples.length;
    if (stored) {
        if (latency.count !== stored.measured)
            return `latency.count is ${latency.count} but samples.measured is ${stored.measured}`;
        if (n !== stored.stored)
            return `samples.stored is ${stored.stored} but latency.samplesMs holds ${n} samples`;
    }
    else if (latency.count !== n) {
        return `latency.count is ${latency.count} but latency.samplesMs holds ${n} samples`;
    }
    for (let i = 0; i < n; i++) {
        const v = samples[i];
        if (!(v >= MIN_SAMPLE_MS)) {
            return `latency.samplesMs[${i}] is ${v} ms, below the 1 ns resolution perf-gate records durations in (not a measured duration)`;
        }
    }
    const sorted = Float64Array.from(samples).sort();
    const at = (rank) => sorted[Math.min(n - 1, Math.max(0, rank))];
    const close = (a, b) => Math.abs(a - b) <= 1e-9 + 1e-9 * Math.abs(b);
    const thinned = stored !== undefined && stored.stored < stored.measured;
    for (const [field, p] of PERCENTILES) {
        const value = latency[field];
        const lo = thinned ? at(Math.floor((n - 1) * Math.max(0, p - 0.05))) : at(Math.floor((n - 1) * p) - 1);
        const hi = thinned ? at(Math.ceil((n - 1) * Math.min(1, p + 0.05))) : at(Math.ceil((n - 1) * p) + 1);
        if (!(value >= lo - 1e-9 - 1e-9 * lo && value <= hi + 1e-9 + 1e-9 * hi)) {
            return `latency.${field} is ${formatMs(value)}, but latency.samplesMs puts it between ${formatMs(lo)} and ${formatMs(hi)}`;
        }
    }
    const first = at(0);
    const last = at(n - 1);
    if (thinned ? latency.min > first + 1e-9 : !close(latency.min, first))
        return `latency.min is ${formatMs(latency.min)}, but the smallest of latency.samplesMs is ${formatMs(first)}`;
    if (thinned ? latency.max < last - 1e-9 : !close(latency.max, last))
        return `latency.max is ${formatMs(latency.max)}, but the largest of latency.samplesMs is ${formatMs(last)}`;
    if (!thinned) {
        let sum = 0;
        for (let i = 0; i < n; i++)
            sum += sorted[i];
        const mean = sum / n;
        if (Math.abs(latency.mean - mean) > 1e-6 * mean + 1e-9)
            return `latency.mean is ${formatMs(latency.mean)}, but latency.samplesMs averages ${formatMs(mean)}`;
    }
    else if (!(latency.mean >= latency.min && latency.mean <= latency.max)) {
        return `latency.mean is ${formatMs(latency.mean)}, outside latency.min and latency.max`;
    }
    return undefined;
}
function assertConsistent(latency, what, stored, prefix = '') {
    const problem = latencySummaryProblem(latency, stored);
    if (problem) {
        throw new UsageError(`${what}: ${prefix}${problem}; the summary does not describe the samples (was the file edited?)`);
    }
}
/** Validates a parsed result document against the schema and checks its summary against its samples. */
export function checkResultDocument(json, what) {
    const result = assertValid(BenchResultSchema, json, what);
    assertConsistent(result.latency, what);
    return result;
}
/**
 * Validates a parsed baseline document: kind, version, schema, and that its key agrees with the
 * run it holds. `what` names the file in every error (e.g. `baseline "baselines/a.json"`).
 * @throws UsageError for a document that is not a baseline, an unknown or newer version, or a schema violation.
 */
export function checkBaselineDocument(json, what = 'baseline') {
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
        throw new UsageError(`${what}: expected a JSON object, got ${Array.isArray(json) ? 'an array' : String(json === null ? 'null' : typeof json)}`);
    }
    const doc = json;
    if (doc.kind !== BASELINE_KIND) {
        throw new UsageError(`${what}: not a yolo-perf-gate baseline (kind ${JSON.stringify(doc.kind ?? null)}, expected "${BASELINE_KIND}")`);
    }
    const version = doc.schemaVersion;
    if (version !== BASELINE_SCHEMA_VERSION) {
        throw new UsageError(typeof version === 'number' && Number.isInteger(version) && version > BASELINE_SCHEMA_VERSION
            ? `${what}: schemaVersion ${version} is newer than this perf-gate supports (${BASELINE_SCHEMA_VERSION}); upgrade yolo-perf-gate to read it`
            : `${what}: unsupported schemaVersion ${JSON.stringify(version ?? null)} (this version reads ${BASELINE_SCHEMA_VERSION})`);
    }
    return checked(doc, what);
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
    assertConsistent(r.latency, what, baseline.samples, 'result.');
    return baseline;
}
/**
 * A result document (`perf-gate bench --out`) or a baseline file (its representative `result` and
 * its `history`), told apart by `kind`. `what` names the input and file in every error.
 * @throws UsageError for anything that is neither, or invalid.
 */
export function checkStoredRun(json, what) {
    const kind = json?.kind;
    if (kind === BASELINE_KIND) {
        const baseline = checkBaselineDocument(json, what);
        return { result: baseline.result, baseline, history: baseline.history };
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json) || kind !== RESULT_KIND) {
        throw new UsageError(`${what}: expected kind "${RESULT_KIND}" or "${BASELINE_KIND}", got ${JSON.stringify(kind ?? null)}`);
    }
    const version = json.schemaVersion;
    if (version !== RESULT_SCHEMA_VERSION) {
        throw new UsageError(`${what}: unsupported result schemaVersion ${JSON.stringify(version ?? null)} (this version reads ${RESULT_SCHEMA_VERSION})`);
    }
    return { result: checkResultDocument(json, what) };
}
