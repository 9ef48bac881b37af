/**
 * `baseline: auto`, the Action's default, end to end on a pull request: a real git repository made
 * by the test (base commit, PR commit, a shallow checkout of the head without the base commit), the
 * real `pull_request` payload whose `pull_request.base.sha` names the base, the Action as a
 * subprocess (`src/action.ts`), and the GitHub REST API faked on loopback.
 *
 * The PR swaps the YOLOv8n for a YOLOv8s at the same input size (3.3× the FLOPs, the same input and
 * output shapes). Paired mode times both models interleaved in one process, so the slow-down is
 * measured as a ratio on whatever the machine is doing; a +100%-class change against a 3% threshold
 * is a regression on any machine, busy or not. No timing is asserted: only the verdict, the exit
 * code, what was compared and what the comment says.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateYoloModel } from '../../src/model/generator.js';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.js';
import { createPrRepo, type PrRepo } from '../helpers/git-repo.js';
import { inputEnv, loadActionYml, spawnAction, type ActionRun, type ActionYml } from './harness.js';

const TOKEN = 'ghs_RelativeE2eFakeToken0123456789AbCdEfGh';
const MODEL = 'models/det.onnx';
const PR = 42;

const BASE_MODEL = generateYoloModel({ arch: 'yolov8n', imgsz: 64 }).bytes;
const SLOWER_MODEL = generateYoloModel({ arch: 'yolov8s', imgsz: 64 }).bytes;

/**
 * Short and deterministic in what it decides: a small first round, a budget of a few seconds, two
 * memory probes a side (memory is gated in paired mode from its own child processes).
 */
const INPUTS = {
  model: MODEL,
  baseline: 'auto',
  warmup: '3',
  'warmup-seconds': '0',
  'paired-budget': '4',
  'paired-memory-probes': '2',
  'calibration-seconds': '0',
  comment: 'on-change',
  'fail-on': 'regression',
};

let server: FakeGitHubServer;
let action: ActionYml;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  action = await loadActionYml();
  server = await startFakeGitHubServer();
});
afterAll(async () => {
  await server?.close();
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function pullRequest(head: Uint8Array): Promise<PrRepo> {
  const fx = await createPrRepo({
    base: { [MODEL]: BASE_MODEL },
    head: { [MODEL]: head, 'notes.md': 'x\n' },
  });
  cleanups.push(fx.cleanup);
  return fx;
}

async function runAction(fx: PrRepo, tag: string): Promise<ActionRun> {
  await mkdir(join(fx.checkout, '.runner'), { recursive: true });
  const gitEnv = Object.fromEntries(
    Object.entries(fx.env).filter(
      (e): e is [string, string] => e[0].startsWith('GIT_') && typeof e[1] === 'string',
    ),
  );
  return spawnAction(inputEnv(action, INPUTS, TOKEN), {
    cwd: fx.checkout,
    tag,
    env: {
      ...gitEnv,
      GITHUB_EVENT_NAME: fx.eventName,
      GITHUB_EVENT_PATH: fx.eventPath,
      GITHUB_REPOSITORY: 'acme/detector',
      GITHUB_API_URL: server.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '777',
      GITHUB_SHA: fx.headSha,
      RUNNER_ENVIRONMENT: 'self-hosted',
    },
  });
}

describe('baseline: auto, the model changed to a slower variant (real repository, shallow checkout)', () => {
  it('benchmarks base against head paired, reports the regression with a memory row and fails the job', async () => {
    const fx = await pullRequest(SLOWER_MODEL);
    const r = await runAction(fx, 'slower');
    const log = r.stdout + r.stderr;
    expect(r.code, log).toBe(1);
    expect(r.outputs.verdict, log).toBe('regression');
    // The base version came from git: the base commit was not in the shallow checkout and was fetched.
    expect(log).toContain(fx.baseSha.slice(0, 12));

    const report = JSON.parse(await readFile(r.outputs['report-path'] as string, 'utf8')) as {
      verdict: string;
    };
    expect(report.verdict).toBe('regression');

    const comments = server.commentsOn('acme', 'detector', PR);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body).toMatch(/regression/i);
    expect(body).toMatch(/paired/i);
    expect(body).toMatch(/^\| Peak RSS \|/m); // memory gated from the per-model child processes
    expect(r.stdout).toMatch(/^::error::performance regression \(fail-on: regression\): /m);
  }, 600_000);

  it('model unchanged: no paired run, the reason says so, and the job passes', async () => {
    const fx = await pullRequest(BASE_MODEL);
    const r = await runAction(fx, 'unchanged');
    const log = r.stdout + r.stderr;
    expect(r.code, log).toBe(0);
    expect(r.outputs.verdict, log).toBe('pass');
    expect(log).toMatch(/model unchanged/i);
    expect(log).not.toMatch(/paired/i);
  }, 600_000);
});
