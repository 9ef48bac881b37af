/**
 * The git side of a relative run in one call: open the repository, make the base commit present,
 * and produce the two models to compare, from a model file (read from git at the base commit) or
 * from `model-command` (built in a base worktree and in the checkout). The gate then looks for a
 * stored baseline and asks {@link decideAutoComparison} what to compare.
 */
import { resolveBaseCommit, shortSha, type BaseCommit, type BaseSpec } from './base.js';
import type { ModelStatus } from './decide.js';
import type { Git } from './git.js';
import { buildModelsWithCommand } from './model-command.js';
import { modelVersions } from './model-version.js';
import { openRepository, type Repository } from './repo.js';

/** Where the models come from. */
export type RelativeSource =
  /** A model file in the repository (the `model` input), relative to `git.cwd` or absolute. */
  | { kind: 'file'; model: string; label: string }
  /** `model-command`: a shell command that writes `$PERF_GATE_MODEL_OUT`. */
  | {
      kind: 'command';
      command: string;
      label: string;
      timeoutMs: number;
      /** File name of the built models (default `model.onnx`): the display name comes from it. */
      fileName?: string;
      /** The command's output lines, prefixed `[base] ` / `[head] `. */
      onLine: (line: string) => void;
      /** The command's environment (default: this process's, less `INPUT_*`). */
      env?: NodeJS.ProcessEnv;
    };

export interface RelativeRequest {
  /** Git in the working directory. */
  git: Git;
  base: BaseSpec;
  source: RelativeSource;
  /** A folder the caller owns and removes afterwards: base (and built or LFS-resolved) models go here. */
  workDir: string;
  /** Names the input that asked for a git comparison (`input "baseline"`), for "not a checkout". */
  baselineLabel: string;
  /** Remote to fetch a missing base commit from (default `origin`). */
  remote?: string;
  log?: (line: string) => void;
}

/** The two sides of a relative run. */
export interface RelativeModels {
  repo: Repository;
  baseCommit: BaseCommit;
  /** `new` only for model files (a command always builds both sides). */
  status: ModelStatus;
  /** The model file's path in the repository (`models/det.onnx`); model files only. */
  repoPath?: string;
  /** The model to benchmark as this run's. */
  head: string;
  /** `changed` only: the base model, in `workDir`. */
  base?: string;
  /** One line for the log and the report. */
  summary: string;
  /** Something the user should fix although the run goes on (the checkout is the base commit itself). */
  warning?: string;
}

/**
 * Resolves the base commit and the models of a relative run.
 * @throws UsageError (one line, naming the input) for everything the user can fix: no checkout, a
 *   base commit that cannot be fetched, an unresolvable LFS pointer, a failing `model-command`.
 */
export async function resolveRelativeModels(request: RelativeRequest): Promise<RelativeModels> {
  const { git, source, workDir } = request;
  const log = request.log ?? (() => {});
  const repo = await openRepository(git, request.baselineLabel);
  const baseCommit = await resolveBaseCommit(git, repo, request.base, {
    ...(request.remote ? { remote: request.remote } : {}),
    log,
  });
  if (source.kind === 'file') {
    const v = await modelVersions({
      git,
      repo,
      baseCommit,
      model: source.model,
      label: source.label,
      workDir,
      log,
    });
    return {
      repo,
      baseCommit,
      status: v.status,
      repoPath: v.repoPath,
      head: v.head,
      ...(v.base ? { base: v.base } : {}),
      summary: v.summary,
      ...(v.warning ? { warning: v.warning } : {}),
    };
  }
  const built = await buildModelsWithCommand({
    git,
    repo,
    baseCommit,
    command: source.command,
    outDir: workDir,
    ...(source.fileName ? { fileName: source.fileName } : {}),
    timeoutMs: source.timeoutMs,
    label: source.label,
    onLine: source.onLine,
    log,
    ...(source.env ? { env: source.env } : {}),
  });
  const at = `the base commit ${shortSha(baseCommit.sha)} (${baseCommit.source})`;
  return {
    repo,
    baseCommit,
    status: built.status,
    head: built.head,
    ...(built.status === 'changed' ? { base: built.base } : {}),
    summary:
      built.status === 'changed'
        ? `${source.label}: built models differ between ${at} and this checkout`
        : `${source.label}: same bytes built at ${at} and in this checkout`,
  };
}
