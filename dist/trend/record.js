/**
 * Building history records from result documents, and naming their files. Pure (no I/O); the
 * hash comes from node:crypto, which is no native add-on.
 */
import { createHash } from 'node:crypto';
import { baselineKeyOf, sanitizeSegment } from '../baseline/store.js';
import { gatedPeakMemoryBytes } from '../compare/memory.js';
import { HISTORY_RECORD_KIND, HISTORY_RECORD_SCHEMA_VERSION, MAX_MODULES, MAX_SCALARS, MAX_TEXT, } from './schema.js';
/** Value of `$schema` in record files (`<history>/<key>/<file>.json`, schemas/ at the repo root). */
export const HISTORY_SCHEMA_REF = '../../schemas/history-record.schema.json';
const clip = (text, max = MAX_TEXT) => text.length > max ? `${text.slice(0, max - 1)}…` : text;
/**
 * Flattens the scalar leaves of `value` into `{ 'a.b': 1 }`, depth-first in key order, keeping at
 * most `max` of them: finite numbers, booleans, null and strings up to 80 characters. Arrays are
 * skipped (sample lists do not belong in a one-line-per-run history). The result documents'
 * `calibration` and `machineState` sections are owned by another module and may change shape; this
 * keeps whatever figures they carry without tying the history schema to their layout.
 */
export function flattenScalars(value, max = MAX_SCALARS, maxDepth = 4) {
    const out = {};
    let count = 0;
    const walk = (v, path, depth) => {
        if (count >= max)
            return;
        if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
            if (path) {
                out[path.slice(0, 120)] = v;
                count++;
            }
            return;
        }
        if (typeof v === 'string') {
            if (path && v.length <= 80) {
                out[path.slice(0, 120)] = v;
                count++;
            }
            return;
        }
        if (typeof v === 'object' && !Array.isArray(v) && depth < maxDepth) {
            for (const k of Object.keys(v).sort())
                walk(v[k], path ? `${path}.${k}` : k, depth + 1);
        }
    };
    walk(value, '', 0);
    return out;
}
function gpuOf(result) {
    const g = result.gpu;
    if (!g)
        return undefined;
    return {
        smClockMinMhz: g.smClockMhz.min,
        temperatureMaxC: g.temperatureC.max,
        powerMeanWatts: g.powerWatts.mean,
        utilizationMeanPercent: g.utilizationGpuPercent.mean,
        throttleReasons: g.health.throttling.map((t) => t.reason.slice(0, 60)).slice(0, 16),
        otherProcesses: g.health.otherProcesses.length,
    };
}
function modulesOf(result) {
    const modules = result.profile?.modules;
    if (!modules || modules.length === 0)
        return undefined;
    const out = {};
    for (const m of modules.slice(0, MAX_MODULES))
        out[m.module.slice(0, 80)] = m.medianUs;
    return out;
}
/**
 * The compact history record of one result. Copies `calibration` and `machineState` (flattened,
 * see {@link flattenScalars}) when the result document carries them.
 */
export function historyRecordOf(result, options) {
    const l = result.latency;
    const extra = result;
    const gpu = gpuOf(result);
    const modulesUs = modulesOf(result);
    const calibration = extra.calibration === undefined ? undefined : flattenScalars(extra.calibration);
    const machineState = extra.machineState === undefined ? undefined : flattenScalars(extra.machineState);
    const commit = options.commit?.toLowerCase();
    return {
        $schema: HISTORY_SCHEMA_REF,
        kind: HISTORY_RECORD_KIND,
        schemaVersion: HISTORY_RECORD_SCHEMA_VERSION,
        key: baselineKeyOf(result),
        ...(commit ? { commit } : {}),
        date: new Date(options.date).toISOString(),
        ...(options.source ? { source: options.source.slice(0, 40) } : {}),
        modelSha256: result.model.sha256,
        modelPath: clip(result.model.path),
        toolVersion: options.toolVersion.slice(0, 40),
        latency: { count: l.count, p50: l.p50, p90: l.p90, p99: l.p99, mean: l.mean, stdev: l.stdev },
        memory: {
            gatedBytes: gatedPeakMemoryBytes(result),
            peakRssBytes: result.memory.peakRssBytes,
            ...(result.memory.peakGpuBytes !== undefined ? { peakGpuBytes: result.memory.peakGpuBytes } : {}),
        },
        provider: {
            requested: result.provider.requested.slice(0, 8).map((p) => p.slice(0, 40)),
            actual: result.provider.actual.slice(0, 40),
            fallback: result.provider.fallback,
            ...(result.provider.reason ? { reason: clip(result.provider.reason) } : {}),
        },
        health: {
            reliable: result.health.reliable,
            reasons: result.health.reasons.slice(0, 10).map((r) => clip(r)),
        },
        ...(gpu ? { gpu } : {}),
        ...(modulesUs ? { modulesUs } : {}),
        ...(calibration && Object.keys(calibration).length > 0 ? { calibration } : {}),
        ...(machineState && Object.keys(machineState).length > 0 ? { machineState } : {}),
    };
}
/** The folder of one key inside the history folder: `<model>.<provider>.<hardwareClass>`. */
export function keyDirName(key) {
    return `${sanitizeSegment(key.model)}.${sanitizeSegment(key.provider)}.${sanitizeSegment(key.hardwareClass)}`;
}
/** `model / provider / hardware class`, for messages. */
export function keyText(key) {
    return `${key.model} / ${key.provider} / ${key.hardwareClass}`;
}
/**
 * File name of a record: `20250102T031700Z-<commit 12>-<hash 8>.json`. It sorts by date, two runs
 * never share it (the hash covers the whole record), and recording the same run twice writes the
 * same file (no duplicate). Every run is its own new file, so concurrent branches never edit the
 * same file and git merges them without conflicts.
 */
export function recordFileName(record) {
    const stamp = record.date.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const commit = (record.commit ?? 'nocommit').slice(0, 12);
    const hash = createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 8);
    return `${stamp}-${commit}-${hash}.json`;
}
/** Records in time order (date, then file-name order for equal dates). */
export function sortRecords(items) {
    return [...items].sort((a, b) => a.record.date < b.record.date
        ? -1
        : a.record.date > b.record.date
            ? 1
            : a.file < b.file
                ? -1
                : a.file > b.file
                    ? 1
                    : 0);
}
