/**
 * Matrix merge: the pure report (src/report/merge.ts), `perf-gate merge` in-process, and the Action's
 * `mode: merge` in-process (injected getInput/env/sink) against the loopback GitHub fake.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { runAction, type ActionSink } from '../../src/action/run.js';
import { buildReportDocument } from '../../src/report/json.js';
import { commentMarker } from '../../src/github/comment.js';
import {
  DuplicateJobError,
  mergeReports,
  mergeRows,
  overallVerdict,
  type MergeDocument,
} from '../../src/report/merge.js';
import { CASES } from '../fixtures/report/cases.js';
import { SHA_B, makeResult } from '../fixtures/report/fixtures.js';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.js';
import { workflowRunPayload } from '../github/event-payloads.js';

const regression = CASES.regression!;
const pass = CASES.pass!;
const improvement = CASES.improvement!;

function reportDoc(input: typeof pass, name: string, source: string): MergeDocument {
  const doc = buildReportDocument(input);
  // A renamed copy is another job; the original keeps the identity of its result document.
  if (name !== doc.current.modelName) doc.current.job = `job:${name}`;
  doc.current.modelName = name;
  return { kind: 'report', source, report: doc };
}

describe('mergeReports (pure)', () => {
  it('one row per job with verdict and P50/P99 change; the overall verdict is the worst', () => {
    const merged = mergeReports(
      [
        reportDoc(pass, 'det-n', 'a/report.json'),
        reportDoc(regression, 'det-s', 'b/report.json'),
        reportDoc(improvement, 'det-x', 'c/report.json'),
      ],
      { title: 'detector matrix', runUrl: 'https://github.com/acme/detector/actions/runs/9' },
    );
    expect(merged.verdict).toBe('regression');
    expect(merged.reason).toBe('1 of 3 jobs regressed');
    expect(merged.rows.map((r) => [r.model, r.verdict])).toEqual([
      ['det-n', 'pass'],
      ['det-s', 'regression'],
      ['det-x', 'improvement'],
    ]);
    expect(merged.markdown).toContain('### 🔴 detector matrix: **regression**');
    expect(merged.markdown).toContain('| model | provider | hardware | verdict | P50 change | P99 change |');
    expect(merged.markdown).toMatch(/\| det-s \| cuda \| gpu-nvidia-l4 \| 🔴 regression \| \+12\.4% \(/);
    expect(merged.markdown).toContain('[workflow run](https://github.com/acme/detector/actions/runs/9)');
    expect(merged.markdown).toContain('<details><summary>Why</summary>');
  });

  it('keeps jobs on one model apart by their settings or --job key, and refuses the same job twice', () => {
    const r = pass.current;
    const threads = (n: number) => ({ ...r, settings: { ...r.settings, intraOpThreads: n } });
    const rows = mergeRows([
      { kind: 'result', source: 'a/result.json', result: threads(1) },
      { kind: 'result', source: 'b/result.json', result: threads(2) },
      { kind: 'result', source: 'c/result.json', result: { ...r, job: 'gpu-1' } },
      { kind: 'result', source: 'd/result.json', result: { ...r, job: 'gpu-2' } },
    ]);
    expect(rows.map((row) => row.job)).toEqual(['gpu-1', 'gpu-2', 'intra-op 1', 'intra-op 2']);
    expect(() =>
      mergeRows([
        { kind: 'result', source: 'a/result.json', result: r },
        { kind: 'result', source: 'b/result.json', result: r },
      ]),
    ).toThrow(
      '"a/result.json" and "b/result.json" are two results of the same job (same model, provider, hardware and settings); give each matrix job its own --job key, or remove the duplicate',
    );
    const report = buildReportDocument(pass);
    expect(() =>
      mergeRows([
        { kind: 'report', source: 'x/report.json', report },
        { kind: 'report', source: 'y/report.json', report },
      ]),
    ).toThrow(DuplicateJobError);
  });

  it("joins a job's result (GPU name) with its report, and a result alone is an inconclusive row", () => {
    const withResult: MergeDocument[] = [
      reportDoc(regression, regression.current.model.name, 'job1/report.json'),
      { kind: 'result', source: 'job1/result.json', result: regression.current },
      {
        kind: 'result',
        source: 'job2/result.json',
        result: { ...pass.current, model: { ...pass.current.model, name: 'lonely', sha256: SHA_B } },
      },
    ];
    const merged = mergeReports(withResult);
    expect(merged.rows).toHaveLength(2);
    expect(merged.rows[0]).toMatchObject({
      model: 'lonely',
      verdict: 'inconclusive',
      sources: ['job2/result.json'],
    });
    expect(merged.rows[1]).toMatchObject({
      gpu: 'NVIDIA L4',
      verdict: 'regression',
      sources: ['job1/report.json', 'job1/result.json'],
    });
    expect(merged.markdown).toContain('(no baseline)');
  });

  it('escapes names from the documents', () => {
    const merged = mergeReports([reportDoc(pass, 'x|<img src=x>`[a](b)', 'r.json')]);
    expect(merged.markdown).not.toContain('<img');
    expect(merged.markdown).toContain('x&#124;&lt;img src=x&gt;&#96;&#91;a&#93;'); // no cell break, tag, code or link
    expect(merged.markdown).not.toContain('[a]');
  });

  it('orders verdicts regression > inconclusive > improvement > pass', () => {
    const row = (verdict: 'pass' | 'improvement' | 'inconclusive' | 'regression') =>
      ({ verdict }) as Parameters<typeof overallVerdict>[0][number];
    expect(overallVerdict([row('pass'), row('improvement')])).toBe('improvement');
    expect(overallVerdict([row('improvement'), row('inconclusive')])).toBe('inconclusive');
    expect(overallVerdict([row('inconclusive'), row('regression'), row('pass')])).toBe('regression');
    expect(overallVerdict([row('pass')])).toBe('pass');
  });
});

describe('merge from files: CLI and the Action', () => {
  let dir: string;
  let server: FakeGitHubServer;
  const TOKEN = 'ghs_MergeModeToken00000000000000000000';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perf-gate-merge-'));
    // As actions/download-artifact lays out several artifacts: one folder each.
    for (const [job, input, name] of [
      ['perf-gate-0', pass, 'det-n'],
      ['perf-gate-1', regression, 'det-s'],
    ] as const) {
      await mkdir(join(dir, 'results', job), { recursive: true });
      const doc = buildReportDocument(input);
      doc.current.modelName = name;
      doc.current.job = `job:${name}`;
      await writeFile(join(dir, 'results', job, 'report.json'), JSON.stringify(doc));
    }
    await writeFile(join(dir, 'results', 'perf-gate-1', 'pr-number'), '42\n');
    // The base side of a paired run (`--baseline-out`) lies beside the job's files: not a job of its own.
    const pairedBase = {
      ...makeResult(),
      pairing: { role: 'baseline', blockSize: 1, order: 'AB', createdFirst: 'baseline' },
    };
    await writeFile(
      join(dir, 'results', 'perf-gate-1', 'paired-base-result.json'),
      JSON.stringify(pairedBase),
    );
    await writeFile(join(dir, 'results', 'unrelated.json'), '{"kind":"something-else"}');
    server = await startFakeGitHubServer();
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('perf-gate merge --results DIR --out FILE writes the combined Markdown; --fail-on regression exits 1', async () => {
    let stdout = '';
    const out = join(dir, 'merged.md');
    const code = await main(
      ['merge', '--results', join(dir, 'results'), '--out', out, '--fail-on', 'regression'],
      (t) => (stdout += t),
    );
    expect(code).toBe(1);
    expect(stdout).toBe(`regression: 1 of 2 jobs regressed (2 rows written to ${out})\n`);
    const md = await readFile(out, 'utf8');
    expect(md).toContain('| det-n |');
    expect(md).toContain('| det-s |');
    expect(await main(['merge', '--results', join(dir, 'results')], () => {})).toBe(0); // fail-on never by default
  });

  it('perf-gate merge names the input for a bad document', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"kind":"yolo-perf-gate/report","verdict":"maybe"}');
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((t: string) => (stderr.push(String(t)), true)) as typeof process.stderr.write;
    try {
      expect(await main(['merge', '--results', bad], () => {})).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(
      new RegExp(`^perf-gate: --results "${bad}": does not match the schema: `),
    );
  });

  it('mode: merge posts one comment on the PR named by pull-request (a workflow_run for a fork)', async () => {
    const events: string[] = [];
    const outputs: Record<string, string> = {};
    const summaries: string[] = [];
    let failed: string | undefined;
    const sink: ActionSink = {
      info: (m) => events.push(`info ${m}`),
      debug: () => {},
      notice: (m) => events.push(`notice ${m}`),
      warning: (m) => events.push(`warning ${m}`),
      error: (m) => events.push(`error ${m}`),
      startGroup: () => {},
      endGroup: () => {},
      setOutput: (n, v) => (outputs[n] = v),
      setSecret: (s) => events.push(`secret ${s === TOKEN ? 'TOKEN' : 'other'}`),
      setFailed: (m) => (failed = m),
      writeSummary: async (md) => void summaries.push(md),
    };
    const eventPath = join(dir, 'event.json');
    await writeFile(eventPath, JSON.stringify(workflowRunPayload({ head: { owner: 'mallory', id: 9 } })));
    const inputs: Record<string, string> = {
      mode: 'merge',
      results: join(dir, 'results'),
      'pull-request': '42',
      comment: 'always',
      'comment-key': 'fork-cpu',
      'fail-on': 'never',
      'github-token': TOKEN,
      'output-dir': join(dir, 'out'),
    };
    const result = await runAction({
      getInput: (n) => inputs[n] ?? '',
      env: {
        GITHUB_EVENT_NAME: 'workflow_run',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'acme/detector',
        GITHUB_API_URL: server.url,
        RUNNER_ENVIRONMENT: 'github-hosted',
      },
      sink,
    });
    expect(failed).toBeUndefined();
    expect(result).toMatchObject({ exitCode: 0, verdict: 'regression' });
    expect(events[0]).toBe('secret TOKEN');
    const comments = server.commentsOn('acme', 'detector', 42);
    expect(comments).toHaveLength(1);
    expect(
      comments[0]?.body.startsWith(
        `${commentMarker('fork-cpu')}\n### 🔴 yolo-perf-gate: matrix: **regression**`,
      ),
    ).toBe(true);
    expect(outputs).toMatchObject({
      verdict: 'regression',
      'markdown-path': join(dir, 'out/merged.md'),
      'comment-url': result.commentUrl,
    });
    expect(summaries).toHaveLength(1);
    expect(events).toContain('error performance regression: 1 of 2 jobs regressed');
    expect(JSON.stringify({ events, outputs, summaries, comments })).not.toContain(TOKEN);
  });
});
