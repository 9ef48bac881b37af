/**
 * The GitHub Action's inputs, parsed once into a validated config. The gate inputs are the CLI's
 * (src/config/gate.ts); the Action adds how to report (comment mode, fail-on, token), the fork guard
 * and the merge mode. The GitHub context comes from the runner's environment variables; the caller
 * reads the event payload file itself.
 */
import { resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { parseGateConfig, type GateConfig } from './gate.js';
import {
  actionReader,
  readBoolean,
  readChoice,
  readOptionalInteger,
  readString,
  type InputReader,
} from './reader.js';

/** Values of the `comment` input. */
export const COMMENT_MODES = ['always', 'on-change', 'on-regression', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Values of the `mode` input. */
export const ACTION_MODES = ['gate', 'merge'] as const;
export type ActionMode = (typeof ACTION_MODES)[number];

/** Values of the `fail-on` input: the weakest verdict that fails the step. */
export const FAIL_ON = ['regression', 'inconclusive', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Default folder for the files the Action writes (result JSON, JSON report, Markdown). */
export const DEFAULT_OUTPUT_DIR = 'perf-gate-out';

/** What the runner tells us about the run, from its environment variables. */
export interface GitHubRunContext {
  /** `GITHUB_REPOSITORY` split; undefined outside Actions. */
  owner?: string;
  repo?: string;
  /** `GITHUB_EVENT_NAME`, '' when absent. */
  eventName: string;
  /** `GITHUB_EVENT_PATH`: the webhook payload file (read by the caller). */
  eventPath?: string;
  /** `GITHUB_API_URL`, default https://api.github.com. */
  apiUrl: string;
  /** Link to this workflow run, when the runner says where it is. */
  runUrl?: string;
  /** `GITHUB_SHA`. */
  sha?: string;
}

export interface ActionConfig {
  mode: ActionMode;
  /** The gate's config (mode `gate`); its result/report paths point into `outputDir`. */
  gate?: GateConfig;
  /** Mode `merge`: the folders/files of the matrix jobs' JSON documents. */
  results: string[];
  comment: CommentMode;
  /** Sticky comment key; default `<model>/<provider>` (gate) or `matrix` (merge). */
  commentKey?: string;
  /** Explicit pull request number (workflow_run flows, where the payload carries none for forks). */
  pullRequest?: number;
  failOn: FailOn;
  /** The token for the PR comment; never logged. */
  token?: string;
  allowForkOnSelfHosted: boolean;
  /** Absolute folder where result.json, report.json and report.md are written. */
  outputDir: string;
  title?: string;
  github: GitHubRunContext;
}

/** Output file names inside `outputDir`. */
export const OUTPUT_FILES = {
  result: 'result.json',
  report: 'report.json',
  comparison: 'comparison.json',
  pairedBase: 'paired-base-result.json',
  markdown: 'report.md',
  merged: 'merged.md',
} as const;

/** The GitHub context from the runner's environment variables. */
export function githubContextFromEnv(env: Record<string, string | undefined>): GitHubRunContext {
  const repository = env.GITHUB_REPOSITORY?.trim() ?? '';
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(repository);
  const server = env.GITHUB_SERVER_URL?.trim() || 'https://github.com';
  const runId = env.GITHUB_RUN_ID?.trim();
  return {
    ...(match ? { owner: match[1] as string, repo: match[2] as string } : {}),
    eventName: env.GITHUB_EVENT_NAME?.trim() ?? '',
    ...(env.GITHUB_EVENT_PATH?.trim() ? { eventPath: env.GITHUB_EVENT_PATH.trim() } : {}),
    apiUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, ''),
    ...(match && runId && /^\d+$/.test(runId)
      ? { runUrl: `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}` }
      : {}),
    ...(env.GITHUB_SHA?.trim() ? { sha: env.GITHUB_SHA.trim() } : {}),
  };
}

/**
 * A reader that answers the gate's file inputs (`out`, `report`, `report-json`, `comparison-out`)
 * with paths inside the output folder: the Action always writes its documents, so later steps can
 * upload them. Errors about those files name the `output-dir` input.
 */
function withOutputPaths(reader: InputReader, outputDir: string): InputReader {
  const fixed: Record<string, string> = {
    out: resolve(outputDir, OUTPUT_FILES.result),
    'report-json': resolve(outputDir, OUTPUT_FILES.report),
    'comparison-out': resolve(outputDir, OUTPUT_FILES.comparison),
    'baseline-out': resolve(outputDir, OUTPUT_FILES.pairedBase),
    report: resolve(outputDir, OUTPUT_FILES.markdown),
  };
  return {
    read: (name) => fixed[name] ?? reader.read(name),
    label: (name) => (name in fixed ? reader.label('output-dir') : reader.label(name)),
  };
}

/** Splits the `results` input: paths separated by newlines or commas. */
function readList(reader: InputReader, name: string): string[] {
  return (reader.read(name) ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Parses every Action input once.
 * @param getInput `@actions/core`'s getInput (injected; tests pass a map)
 * @param env the process environment (GitHub context variables)
 * @throws UsageError naming the input and the value
 */
export function parseActionConfig(
  getInput: (name: string) => string,
  env: Record<string, string | undefined> = {},
): ActionConfig {
  const reader = actionReader(getInput);
  const mode = readChoice(reader, 'mode', ACTION_MODES, 'gate');
  const outputDir = resolve(readString(reader, 'output-dir', DEFAULT_OUTPUT_DIR));
  const results = readList(reader, 'results');
  if (mode === 'merge' && results.length === 0) {
    throw new UsageError(
      `${reader.label('results')}: is required with mode "merge" (the folder of the downloaded artifacts)`,
    );
  }
  const commentKey = readString(reader, 'comment-key');
  const token = readString(reader, 'github-token');
  const title = readString(reader, 'title');
  const pullRequest = readOptionalInteger(reader, 'pull-request', { min: 1 });
  return {
    mode,
    ...(mode === 'gate' ? { gate: parseGateConfig(withOutputPaths(reader, outputDir)) } : {}),
    results,
    comment: readChoice(reader, 'comment', COMMENT_MODES, 'on-change'),
    ...(commentKey ? { commentKey } : {}),
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    failOn: readChoice(reader, 'fail-on', FAIL_ON, 'regression'),
    ...(token ? { token } : {}),
    allowForkOnSelfHosted: readBoolean(reader, 'allow-fork-on-self-hosted', false),
    outputDir,
    ...(title ? { title } : {}),
    github: githubContextFromEnv(env),
  };
}

/** True when a verdict fails the step under `failOn`. */
export function failsStep(failOn: FailOn, verdict: string): boolean {
  if (failOn === 'never') return false;
  if (verdict === 'regression') return true;
  return failOn === 'inconclusive' && verdict === 'inconclusive';
}
