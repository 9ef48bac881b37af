import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateBaseline } from '../../src/baseline/index.js';
import { ensureModel } from '../../src/model/index.js';
import type { BenchResult } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { flattenScalars, historyRecordOf, keyDirName } from '../../src/trend/record.js';
import { recordRun } from '../../src/core/trend.js';
import { HistoryRecordSchema, type HistoryRecord } from '../../src/trend/schema.js';
import { loadHistory, writeHistoryRecord } from '../../src/trend/store.js';
import { cliReader } from '../../src/config/reader.js';
import { parseTrendRecordConfig } from '../../src/config/trend.js';
import { isUsageError } from '../../src/util/errors.js';
import { latencies, makeResult } from '../compare/fixtures.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { syntheticHistory } from '../helpers/trend-history.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-history-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const files = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();

describe('perf-gate trend record (real benchmark, real files)', () => {
  it('records a real run as one small, schema-valid file; recording it again adds nothing', async () => {
    const model = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, join(REPO_ROOT, '.cache/models'))).path;
    const resultPath = join(work, 'result.json');
    const bench = await runCli(
      [
        'bench',
        '--model',
        model,
        '--name',
        'yolov8n-64',
        '--iterations',
        '10',
        '--warmup',
        '1',
        '--warmup-seconds',
        '0',
        '--out',
        resultPath,
      ],
      { timeoutMs: 280_000 },
    );
    expect(bench.status).toBe(0);
    const history = join(work, 'real-history');
    const args = [
      'trend',
      'record',
      '--result',
      resultPath,
      '--history',
      history,
      '--commit',
      'ABCDEF1234567',
      '--date',
      '2025-03-01T03:17:00Z',
      '--source',
      'nightly',
    ];
    const first = await runCli(args, { timeoutMs: 280_000 });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /^recorded .*20250301T031700Z-abcdef123456-[0-9a-f]{8}\.json \(yolov8n-64 \/ cpu \/ /,
    );

    const result = JSON.parse(readFileSync(resultPath, 'utf8')) as BenchResult;
    const dir = join(
      history,
      keyDirName({ model: 'yolov8n-64', provider: 'cpu', hardwareClass: result.environment.hardwareClass }),
    );
    const [name] = files(dir);
    const text = readFileSync(join(dir, name as string), 'utf8');
    const record = JSON.parse(text) as HistoryRecord;
    expect(schemaProblems(HistoryRecordSchema, record)).toEqual([]);
    expect(record).toMatchObject({
      commit: 'abcdef1234567',
      date: '2025-03-01T03:17:00.000Z',
      source: 'nightly',
      modelSha256: result.model.sha256,
      latency: { count: 10, p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
      memory: { gatedBytes: result.memory.peakRssBytes, peakRssBytes: result.memory.peakRssBytes },
      provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
    });
    // The run's own health, whatever the machine was doing (a busy machine makes it unreliable).
    expect(record.health.reliable).toBe(result.health.reliable);
    // Compact: no samples, a few kilobytes (the calibration and machine-state figures included).
    expect(text).not.toContain('samplesMs');
    expect(text.length).toBeLessThan(4000);

    // The same run again, in-process this time (one subprocess fewer): nothing is added.
    const again = await recordRun(
      parseTrendRecordConfig(
        cliReader({
          result: resultPath,
          history,
          commit: 'ABCDEF1234567',
          date: '2025-03-01T03:17:00Z',
          source: 'nightly',
        }),
      ),
    );
    expect(again.created).toBe(false);
    expect(again.summary).toMatch(/^already recorded /);
    expect(files(dir)).toEqual([name]);
    // Two subprocesses (a benchmark, then the CLI): generous for a loaded 2-core machine.
  }, 300_000);

  it('rejects bad input with one line naming the flag and the value', async () => {
    const resultPath = join(work, 'fixture-result.json');
    writeFileSync(resultPath, JSON.stringify(makeResult(latencies(20, 1))));
    const run = await runCli(['trend', 'record', '--result', resultPath, '--date', 'yesterday']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'perf-gate: --date: expected an ISO 8601 date-time like 2025-05-01T03:00:00Z, got "yesterday"\n',
    );
  });

  it.each([
    {
      flag: 'date',
      value: '2025-13-45',
      message: /--date: expected an ISO 8601 date-time like .*, got "2025-13-45"/,
    },
    {
      flag: 'commit',
      value: 'main',
      message: /--commit: expected a hexadecimal git commit id .*, got "main"/,
    },
    {
      flag: 'max-records',
      value: '0',
      message: /--max-records: expected an integer between 10 and 1000000, got "0"/,
    },
    {
      flag: 'pushgateway',
      value: 'gateway:9091',
      message: /--pushgateway: expected an http\(s\) URL, got "gateway:9091"/,
    },
    { flag: 'source', value: 'a b', message: /--source: expected a word .*, got "a b"/ },
  ])('config: --$flag $value is a UsageError naming it', ({ flag, value, message }) => {
    const reader = cliReader({
      result: 'r.json',
      [flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())]: value,
    });
    let error: unknown;
    try {
      parseTrendRecordConfig(reader);
    } catch (err) {
      error = err;
    }
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});

describe('history records', () => {
  it('copies calibration and machine-state figures (flattened scalars) and per-module times when present', () => {
    const base = makeResult(latencies(50, 2), { provider: 'cpu' });
    const result = {
      ...base,
      calibration: {
        before: { medianMs: 1.25, runs: 40 },
        after: { medianMs: 1.3, runs: 40 },
        ratio: 1.04,
        samplesMs: [1, 2, 3],
      },
      machineState: {
        loadAverage1m: 1.5,
        cpuPressureSomeAvg10: 2.1,
        cgroup: { throttled: false, quota: null },
        source: 'proc',
      },
      profile: {
        modules: [
          { module: 'backbone', medianUs: 4100, share: 60, nodeCount: 90 },
          { module: 'head', medianUs: 900, share: 13, nodeCount: 20 },
        ],
      },
    } as unknown as BenchResult;
    const record = historyRecordOf(result, {
      date: '2025-01-01T00:00:00Z',
      toolVersion: '0.1.0',
      commit: 'a'.repeat(40),
    });
    expect(schemaProblems(HistoryRecordSchema, record)).toEqual([]);
    expect(record.calibration).toEqual({
      'after.medianMs': 1.3,
      'after.runs': 40,
      'before.medianMs': 1.25,
      'before.runs': 40,
      ratio: 1.04,
    });
    expect(record.machineState).toEqual({
      'cgroup.quota': null,
      'cgroup.throttled': false,
      cpuPressureSomeAvg10: 2.1,
      loadAverage1m: 1.5,
      source: 'proc',
    });
    expect(record.modulesUs).toEqual({ backbone: 4100, head: 900 });
    // Absent sections stay absent.
    const plain = historyRecordOf(base, { date: '2025-01-01T00:00:00Z', toolVersion: '0.1.0' });
    expect(plain).not.toHaveProperty('calibration');
    expect(plain).not.toHaveProperty('machineState');
    expect(plain).not.toHaveProperty('commit');
  });

  it('bounds what it copies: at most 40 scalars, no arrays, no long strings', () => {
    const wide = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`k${String(i).padStart(3, '0')}`, i]),
    );
    const flat = flattenScalars({ ...wide, list: [1, 2], text: 'x'.repeat(200) });
    expect(Object.keys(flat)).toHaveLength(40);
    expect(flat).not.toHaveProperty('list');
    expect(flat).not.toHaveProperty('text');
  });

  it('keeps at most --max-records runs per key, deleting the oldest files', async () => {
    const history = join(work, 'bounded');
    const records = syntheticHistory({ days: 15, seed: 4 });
    for (const r of records) await writeHistoryRecord(history, r, { maxRecords: 10 });
    const [key] = await loadHistory(history);
    expect(key?.records.map((r) => r.record.date)).toEqual(records.slice(5).map((r) => r.date));
  });

  it('names the file of an invalid record', async () => {
    const history = join(work, 'broken');
    const [record] = syntheticHistory({ days: 1, seed: 4 });
    const { path } = await writeHistoryRecord(history, record as HistoryRecord);
    writeFileSync(path, JSON.stringify({ ...record, latency: { p50: 'fast' } }));
    const error = await loadHistory(history).catch((e: unknown) => e);
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toContain(`history record "${path}": does not match the schema`);
  });
});

describe('merge-friendly layout (real git)', () => {
  it('two nightly runs on different keys (each pruning its own key) and a PR baseline update merge without conflicts', async () => {
    const repo = join(work, 'repo');
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.invalid',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.invalid',
    };
    const git = (...args: string[]): string => {
      try {
        return execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8', stdio: 'pipe' });
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        throw new Error(`git ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
      }
    };
    execFileSync('git', ['init', '-q', '-b', 'main', repo], { env });
    const history = join(repo, 'perf-history');
    const keyA = { model: 'yolov8n-640', provider: 'cpu', hardwareClass: 'example-a' };
    const keyB = { model: 'yolo11s-640', provider: 'cpu', hardwareClass: 'example-a' };
    const a = syntheticHistory({ days: 12, seed: 1, key: keyA });
    const b = syntheticHistory({ days: 12, seed: 2, key: keyB });
    // main: 10 runs of each key, and a baseline.
    for (const r of [...a.slice(0, 10), ...b.slice(0, 10)])
      await writeHistoryRecord(history, r, { maxRecords: 10 });
    const result = makeResult(latencies(50, 3), { name: 'yolov8n-640' });
    await updateBaseline(join(repo, 'baselines'), result, { date: '2025-01-01T00:00:00.000Z' });
    git('add', '-A');
    git('commit', '-qm', 'base');

    // Nightly 1 (key A) and nightly 2 (key B), each pruning its key's oldest run (bound 10).
    git('checkout', '-qb', 'nightly-a');
    await writeHistoryRecord(history, a[10] as HistoryRecord, { maxRecords: 10 });
    git('add', '-A');
    git('commit', '-qm', 'nightly a');
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'nightly-b');
    await writeHistoryRecord(history, b[10] as HistoryRecord, { maxRecords: 10 });
    git('add', '-A');
    git('commit', '-qm', 'nightly b');
    // A PR that refreshes the baseline of key A and records its own run of key A.
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'pr');
    await updateBaseline(join(repo, 'baselines'), makeResult(latencies(50, 4), { name: 'yolov8n-640' }), {
      date: '2025-01-12T00:00:00.000Z',
    });
    // A PR adds its run and never prunes: pruning is the nightly's job (docs/trend.md).
    await writeHistoryRecord(history, a[11] as HistoryRecord);
    git('add', '-A');
    git('commit', '-qm', 'pr: baseline update');

    git('checkout', '-q', 'main');
    for (const branch of ['nightly-a', 'nightly-b', 'pr']) git('merge', '--no-edit', '-q', branch);
    expect(git('status', '--porcelain')).toBe('');
    expect(git('diff', '--name-only', '--diff-filter=U')).toBe('');

    const keys = await loadHistory(history);
    const dates = (k: typeof keyA) =>
      keys.find((h) => h.key.model === k.model)?.records.map((r) => r.record.date) ?? [];
    // Key A: the nightly pruned the oldest run; 9 old + the nightly's + the PR's run.
    expect(dates(keyA)).toEqual(a.slice(1, 12).map((r) => r.date));
    expect(dates(keyB)).toEqual(b.slice(1, 11).map((r) => r.date));
  });
});
