/**
 * Inputs of `perf-gate trend record`, `perf-gate trend` and `perf-gate dashboard`, parsed once
 * into typed configs (messages name the flag and the value).
 */
import { UsageError } from '../util/errors.js';
import { DEFAULT_HISTORY_DIR, TREND_METRICS } from '../trend/schema.js';
import { readBoolean, readInteger, readNumber, readOptionalInteger, readRequiredString, readString, } from './reader.js';
export const DEFAULT_PUSH_JOB = 'yolo-perf-gate';
function readDate(reader, name, now) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return now().toISOString();
    if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(Date.parse(raw)))
        throw new UsageError(`${reader.label(name)}: expected an ISO 8601 date-time like 2025-05-01T03:00:00Z, got "${raw}"`);
    return new Date(raw).toISOString();
}
function readCommit(reader, name, fallback) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return fallback();
    if (!/^[0-9a-fA-F]{7,64}$/.test(raw))
        throw new UsageError(`${reader.label(name)}: expected a hexadecimal git commit id (7 to 64 digits), got "${raw}"`);
    return raw.toLowerCase();
}
function readUrl(reader, name) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return undefined;
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
        throw new UsageError(`${reader.label(name)}: expected an http(s) URL, got "${raw}"`);
    return raw;
}
/** A fraction from "2%" or "0.02". */
function readFraction(reader, name, fallback) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return fallback;
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(raw);
    if (!m)
        throw new UsageError(`${reader.label(name)}: expected a percentage like 2% or a fraction like 0.02, got "${raw}"`);
    const value = Number(m[1]) / (m[2] ? 100 : 1);
    if (value >= 1)
        throw new UsageError(`${reader.label(name)}: expected less than 100%, got "${raw}"`);
    return value;
}
function readMetrics(reader, name) {
    const raw = readString(reader, name);
    if (raw === undefined)
        return [...TREND_METRICS];
    const parts = raw
        .split(',')
        .map((p) => p.trim().toLowerCase())
        .filter(Boolean);
    const bad = parts.find((p) => !TREND_METRICS.includes(p));
    if (bad !== undefined || parts.length === 0)
        throw new UsageError(`${reader.label(name)}: expected a comma-separated list of ${TREND_METRICS.join(', ')}; got "${raw}"`);
    return [...new Set(parts)];
}
function readDetector(reader) {
    return {
        significance: readNumber(reader, 'significance', 0.01, { min: 0, max: 0.5, exclusiveMin: true }),
        permutations: readInteger(reader, 'permutations', 199, { min: 19, max: 100_000 }),
        minSize: readInteger(reader, 'min-size', 3, { min: 2, max: 1000 }),
    };
}
export function parseTrendRecordConfig(reader, deps = {}) {
    const url = readUrl(reader, 'pushgateway');
    const instance = readString(reader, 'push-instance');
    const source = readString(reader, 'source', 'manual');
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(source))
        throw new UsageError(`${reader.label('source')}: expected a word of letters, digits, ".", "_" or "-" (at most 40), got "${source}"`);
    const commit = readCommit(reader, 'commit', deps.currentCommit ?? (() => undefined));
    const maxRecords = readOptionalInteger(reader, 'max-records', { min: 10, max: 1_000_000 });
    return {
        resultPath: readRequiredString(reader, 'result'),
        historyDir: readString(reader, 'history', DEFAULT_HISTORY_DIR),
        date: readDate(reader, 'date', deps.now ?? (() => new Date())),
        ...(commit ? { commit } : {}),
        source,
        ...(maxRecords !== undefined ? { maxRecords } : {}),
        ...(url
            ? {
                pushgateway: {
                    url,
                    job: readString(reader, 'push-job', DEFAULT_PUSH_JOB),
                    ...(instance ? { instance } : {}),
                },
            }
            : {}),
    };
}
export function parseTrendDetectConfig(reader, env = {}) {
    const model = readString(reader, 'model');
    const provider = readString(reader, 'provider');
    const hardwareClass = readString(reader, 'hardware-class');
    const seed = readOptionalInteger(reader, 'seed', { min: 0, max: 2 ** 31 - 1 });
    const out = readString(reader, 'out');
    let alert;
    if (readBoolean(reader, 'alert', false)) {
        const repository = readString(reader, 'repo') ?? env.GITHUB_REPOSITORY;
        const m = repository ? /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository) : null;
        if (!m)
            throw new UsageError(`${reader.label('repo')}: expected OWNER/NAME (or GITHUB_REPOSITORY set) for --alert, got "${repository ?? ''}"`);
        const tokenEnv = readString(reader, 'token-env', 'GITHUB_TOKEN');
        const token = env[tokenEnv]?.trim();
        if (!token)
            throw new UsageError(`${reader.label('token-env')}: --alert needs a GitHub token in the environment variable ${tokenEnv}, which is empty`);
        const dashboardUrl = readUrl(reader, 'dashboard-url');
        const runUrl = readUrl(reader, 'run-url');
        alert = {
            owner: m[1],
            repo: m[2],
            token,
            apiUrl: readUrl(reader, 'github-api-url') ?? env.GITHUB_API_URL ?? 'https://api.github.com',
            label: readString(reader, 'label', 'performance'),
            ...(dashboardUrl ? { dashboardUrl } : {}),
            ...(runUrl ? { runUrl } : {}),
        };
    }
    return {
        historyDir: readString(reader, 'history', DEFAULT_HISTORY_DIR),
        filter: {
            ...(model ? { model } : {}),
            ...(provider ? { provider } : {}),
            ...(hardwareClass ? { hardwareClass } : {}),
        },
        metrics: readMetrics(reader, 'metrics'),
        ...readDetector(reader),
        ...(seed !== undefined ? { seed } : {}),
        minChange: readFraction(reader, 'min-change', 0.02),
        json: readBoolean(reader, 'json', false),
        ...(out ? { out } : {}),
        ...(alert ? { alert } : {}),
    };
}
export function parseDashboardConfig(reader) {
    return {
        historyDir: readString(reader, 'history', DEFAULT_HISTORY_DIR),
        outDir: readRequiredString(reader, 'out'),
        title: readString(reader, 'title', 'yolo-perf-gate: performance over time'),
        ...readDetector(reader),
    };
}
