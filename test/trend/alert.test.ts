import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliReader } from '../../src/config/reader.js';
import { parseTrendDetectConfig } from '../../src/config/trend.js';
import { issueMarker, reportedIdsInBody } from '../../src/trend/alert.js';
import { keyDirName } from '../../src/trend/record.js';
import { runTrend } from '../../src/core/trend.js';
import { writeHistoryRecord } from '../../src/trend/store.js';
import { isUsageError } from '../../src/util/errors.js';
import { runCli } from '../helpers/cli.js';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.js';
import { DEFAULT_KEY, syntheticHistory } from '../helpers/trend-history.js';

const TOKEN = 'trend-token-123';
let work: string;
let server: FakeGitHubServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-alert-'));
  server = await startFakeGitHubServer();
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

// 150 nights: +4% step on night 40, +1%/night creep on nights 80-109, +6% step on night 135.
const ALL = syntheticHistory({
  days: 150,
  seed: 15,
  noise: { p50: 0.005, p99: 0.03, memory: 0.003 },
  events: [
    { type: 'step', metric: 'latency', day: 40, relative: 0.04 },
    { type: 'creep', metric: 'latency', fromDay: 80, days: 30, perDay: 0.01 },
    { type: 'step', metric: 'latency', day: 135, relative: 0.06 },
  ],
  unreliableDays: [20, 95],
});

const writes = (): string[] =>
  server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path} ${r.status}`);

describe('nightly trend alerts (loopback fake GitHub API)', () => {
  const history = (): string => join(work, 'history');

  it('first night: finds the 4% step and the creep, opens one issue, records what it reported', async () => {
    for (const r of ALL.slice(0, 125)) await writeHistoryRecord(history(), r);
    const outputs = join(work, 'github-output');
    writeFileSync(outputs, '');
    const run = await runCli(
      [
        'trend',
        '--history',
        history(),
        '--metrics',
        'p50,memory',
        '--alert',
        '--repo',
        'acme/detector',
        '--dashboard-url',
        'https://acme.github.io/detector/',
        '--out',
        join(work, 'trend.json'),
      ],
      {
        env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url, GITHUB_OUTPUT: outputs },
        timeoutMs: 280_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(server.issues).toHaveLength(1);
    const issue = server.issues[0];
    expect(issue?.labels).toEqual(['performance']);
    expect(issue?.title).toBe(`Performance change point: ${DEFAULT_KEY.model} / cpu / generated-example`);
    expect(issue?.body.startsWith(issueMarker(DEFAULT_KEY))).toBe(true);
    expect(writes()).toEqual(['POST /repos/acme/detector/issues 201']);
    for (const r of server.requests) expect(r.headers.authorization).toBe(`token ${TOKEN}`);

    const report = JSON.parse(readFileSync(join(work, 'trend.json'), 'utf8')) as {
      keys: { fresh: { metric: string; after: { recordIndex: number }; before: { commit: string } }[] }[];
    };
    const fresh = report.keys[0]?.fresh ?? [];
    const nights = fresh.map((c) => c.after.recordIndex);
    // The step (night 40) and at least one change point inside the creep (nights 80-109).
    expect(nights).toContain(40);
    expect(nights.some((n) => n >= 80 && n <= 110)).toBe(true);
    expect(fresh.every((c) => c.metric === 'p50')).toBe(true);
    // The step's range to bisect: night 39's commit .. night 40's.
    const step = fresh.find((c) => c.after.recordIndex === 40);
    expect(step?.before.commit).toBe(ALL[39]?.commit);
    expect(issue?.body).toContain(`\`${ALL[39]?.commit?.slice(0, 7)}..${ALL[40]?.commit?.slice(0, 7)}\``);
    expect(issue?.body).toContain('```mermaid\nxychart-beta');
    expect(issue?.body).toContain('npx perf-gate compare --baseline before.json --current after.json');
    expect(issue?.body).toContain('**Gradual slow-downs**');
    expect(issue?.body).toContain('[dashboard](https://acme.github.io/detector/)');
    expect(reportedIdsInBody(issue?.body ?? '')).toHaveLength(fresh.length);

    // Recorded as reported, one file per change point.
    const reportedDir = join(history(), keyDirName(DEFAULT_KEY), 'reported');
    expect(readdirSync(reportedDir)).toHaveLength(fresh.length);
    // The job's outputs.
    const out = readFileSync(outputs, 'utf8');
    expect(out).toContain(`new-change-points<<`);
    expect(out).toMatch(new RegExp(`new-change-points<<(\\S+)\\n${fresh.length}\\n\\1`));
    expect(out).toContain(`https://github.com/acme/detector/issues/${issue?.number}`);
  }, 300_000);

  const detect = () =>
    parseTrendDetectConfig(
      cliReader({ history: history(), metrics: 'p50,memory', alert: true, repo: 'acme/detector' }),
      { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: server.url },
    );
  const octokitFactory = (token: string, baseUrl: string) => getOctokit(token, { baseUrl });

  it('next night without a new change: no write, nothing reported again', async () => {
    await writeHistoryRecord(history(), ALL[125] as (typeof ALL)[number]);
    server.requests.length = 0;
    const report = await runTrend(detect(), { octokitFactory });
    expect(report.keys[0]?.fresh).toEqual([]);
    expect(writes()).toEqual([]);
    expect(server.issues).toHaveLength(1);
  });

  it('a later night with a new step updates the same issue (and comments) instead of opening a second', async () => {
    for (const r of ALL.slice(126)) await writeHistoryRecord(history(), r);
    server.requests.length = 0;
    const before = server.issues[0]?.body ?? '';
    const report = await runTrend(detect(), { octokitFactory });
    const fresh = report.keys[0]?.fresh ?? [];
    expect(fresh.map((c) => c.after.recordIndex)).toEqual([135]);
    expect(report.keys[0]?.issue?.action).toBe('updated');
    expect(server.issues).toHaveLength(1);
    const n = server.issues[0]?.number;
    expect(writes()).toEqual([
      `PATCH /repos/acme/detector/issues/${n} 200`,
      `POST /repos/acme/detector/issues/${n}/comments 201`,
    ]);
    const body = server.issues[0]?.body ?? '';
    expect(body).not.toBe(before);
    // The hidden ledger keeps the earlier change points and adds the new one.
    expect(reportedIdsInBody(body).length).toBe(reportedIdsInBody(before).length + 1);
    expect(server.commentsOn('acme', 'detector', n as number).at(-1)?.body).toContain(
      `${ALL[135]?.date.slice(0, 10)}`,
    );
  });

  it('a closed issue is not reopened: the next new slow-down opens a new one', async () => {
    const first = server.issues[0];
    if (first) first.state = 'closed';
    const extra = syntheticHistory({
      days: 40,
      seed: 16,
      start: '2025-05-31T03:17:00Z',
      p50Ms: 12 * 1.04 * 1.01 ** 30 * 1.06 * 1.08,
      noise: { p50: 0.005, memory: 0.003 },
      events: [{ type: 'step', metric: 'latency', day: 20, relative: 0.1 }],
    });
    for (const r of extra) await writeHistoryRecord(history(), r);
    const report = await runTrend(detect(), { octokitFactory });
    expect(report.keys[0]?.issue?.action).toBe('created');
    expect(server.issues.map((i) => i.state)).toEqual(['closed', 'open']);
  });

  it('--alert without a token or repository is a usage error naming the input', () => {
    const attempt = (env: Record<string, string>, extra: Record<string, unknown> = {}) => {
      try {
        parseTrendDetectConfig(cliReader({ alert: true, ...extra }), env);
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const noRepo = attempt({ GITHUB_TOKEN: TOKEN });
    expect(isUsageError(noRepo)).toBe(true);
    expect((noRepo as Error).message).toMatch(/^--repo: expected OWNER\/NAME/);
    const noToken = attempt({}, { repo: 'acme/detector' });
    expect((noToken as Error).message).toMatch(
      /^--token-env: --alert needs a GitHub token in .*GITHUB_TOKEN/,
    );
  });
});
