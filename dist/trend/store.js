/**
 * The history folder on disk (I/O edge): `<history>/<key>/<date>-<commit>-<hash>.json`, one file
 * per run, plus `<history>/<key>/reported/*.json`, one file per change point alerted on. See
 * docs/trend.md for why one file per run (git merges never conflict) and how it is bounded.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readJsonFile } from '../baseline/io.js';
import { stableJson } from '../baseline/serialize.js';
import { assertValid } from '../schema/validate.js';
import { writeFileAtomically } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
import { keyDirName, recordFileName, sortRecords } from './record.js';
import { HistoryRecordSchema, ReportedChangeSchema, } from './schema.js';
const REPORTED_DIR = 'reported';
const isJson = (name) => name.endsWith('.json') && !name.startsWith('.');
async function listJson(dir) {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory())
        return [];
    return (await readdir(dir)).filter(isJson).sort();
}
async function readRecords(dir) {
    const files = await listJson(dir);
    const records = await Promise.all(files.map(async (file) => {
        const path = join(dir, file);
        const what = `history record "${path}"`;
        return { file, path, record: assertValid(HistoryRecordSchema, await readJsonFile(path, what), what) };
    }));
    return sortRecords(records);
}
async function readReported(dir) {
    const reportedDir = join(dir, REPORTED_DIR);
    const files = await listJson(reportedDir);
    return Promise.all(files.map(async (file) => {
        const path = join(reportedDir, file);
        const what = `reported change "${path}"`;
        return assertValid(ReportedChangeSchema, await readJsonFile(path, what), what);
    }));
}
/**
 * Writes one run into the history (atomically), then, with `maxRecords`, deletes the oldest files
 * of its key beyond it.
 * @throws UsageError when the folder cannot be written or holds an invalid record of this key.
 */
export async function writeHistoryRecord(historyDir, record, options = {}) {
    const what = options.what ?? '--history';
    const maxRecords = options.maxRecords ?? Infinity;
    if (maxRecords !== Infinity && (!Number.isInteger(maxRecords) || maxRecords < 1))
        throw new UsageError(`--max-records: expected an integer >= 1, got "${maxRecords}"`);
    assertValid(HistoryRecordSchema, record, 'history record');
    const dir = join(historyDir, keyDirName(record.key));
    const path = join(dir, recordFileName(record));
    const existed = await stat(path).catch(() => undefined);
    if (!existed)
        await writeFileAtomically(path, stableJson(record, HistoryRecordSchema), what);
    const records = await readRecords(dir);
    const excess = records.length - maxRecords;
    const pruned = [];
    for (const old of excess > 0 ? records.slice(0, excess) : []) {
        await unlink(old.path);
        pruned.push(old.path);
    }
    return { path, created: !existed, pruned, total: records.length - pruned.length };
}
/**
 * Reads every key of the history folder: its records (validated, oldest first) and the change
 * points already reported. A missing folder is an empty history.
 * @throws UsageError naming the file for an unreadable or invalid record.
 */
export async function loadHistory(historyDir) {
    const info = await stat(historyDir).catch(() => undefined);
    if (!info)
        return [];
    if (!info.isDirectory())
        throw new UsageError(`--history: "${historyDir}" is not a folder`);
    const keys = [];
    for (const entry of (await readdir(historyDir, { withFileTypes: true })).sort((a, b) => a.name < b.name ? -1 : 1)) {
        if (!entry.isDirectory() || entry.name.startsWith('.'))
            continue;
        const dir = join(historyDir, entry.name);
        const records = await readRecords(dir);
        const first = records[0];
        if (!first)
            continue;
        const key = first.record.key;
        const stray = records.find((r) => keyDirName(r.record.key) !== entry.name);
        if (stray) {
            throw new UsageError(`history record "${stray.path}": belongs to ${stray.record.key.model} / ${stray.record.key.provider} / ${stray.record.key.hardwareClass}, not to folder "${entry.name}"`);
        }
        keys.push({ key, dir, records, reported: await readReported(dir) });
    }
    return keys;
}
/** Records that change points were reported, one file each (never conflicting in git). */
export async function writeReportedChanges(historyDir, changes) {
    const paths = [];
    for (const change of changes) {
        assertValid(ReportedChangeSchema, change, 'reported change');
        const stamp = change.afterDate.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
        const name = `${change.metric}-${stamp}-${(change.afterCommit ?? 'nocommit').slice(0, 12)}.json`;
        const path = join(historyDir, keyDirName(change.key), REPORTED_DIR, name);
        await writeFileAtomically(path, stableJson(change, ReportedChangeSchema), '--history');
        paths.push(path);
    }
    return paths;
}
