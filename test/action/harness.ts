/**
 * Runs the Action the way the runner runs action.yml's last step: a real `node` subprocess with the
 * `INPUT_*` variables produced by action.yml's own `env:` mapping (defaults applied as the runner
 * applies them), `GITHUB_*` context variables, and `GITHUB_OUTPUT` / `GITHUB_STEP_SUMMARY` files.
 * `node --import tsx src/action.ts` runs the source, so it works before dist/ is rebuilt; CI's
 * check-dist keeps dist/action.js identical to it.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
// The tsx loader as a file URL: `--import tsx` would resolve from the workspace (a temp folder).
const TSX = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href;

export interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: {
    using: string;
    steps: {
      id?: string;
      name?: string;
      uses?: string;
      run?: string;
      env?: Record<string, string>;
      with?: Record<string, string>;
      'working-directory'?: string;
      if?: string;
      shell?: string;
    }[];
  };
}

export async function loadActionYml(): Promise<ActionYml> {
  return parse(await readFile(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
}

/** The step that runs dist/action.js. */
export function gateStep(action: ActionYml) {
  const step = action.runs.steps.find((s) => s.id === 'gate');
  if (!step) throw new Error('action.yml has no step with id "gate"');
  return step;
}

/**
 * Evaluates the gate step's `env:` the way the runner would for `with:` values `inputs`:
 * `${{ inputs.x }}` is the given value or the input's default; `${{ github.token }}` is `githubToken`.
 */
export function inputEnv(
  action: ActionYml,
  inputs: Record<string, string>,
  githubToken: string,
): Record<string, string> {
  for (const name of Object.keys(inputs)) {
    if (!(name in action.inputs)) throw new Error(`test bug: "${name}" is not an input of action.yml`);
  }
  const evaluate = (expr: string): string =>
    expr.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
      if (e === 'github.token') return githubToken;
      const m = /^inputs\.([\w-]+)$/.exec(e);
      if (!m) throw new Error(`unexpected expression in action.yml: ${e}`);
      const name = m[1] as string;
      if (name in inputs) return inputs[name] as string;
      return evaluate(String(action.inputs[name]?.default ?? ''));
    });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(gateStep(action).env ?? {})) env[k] = evaluate(String(v));
  return env;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed `GITHUB_OUTPUT` (heredoc format written by @actions/core). */
  outputs: Record<string, string>;
  outputFile: string;
  summary: string;
}

/** Parses the `name<<DELIM\nvalue\nDELIM` records of a GITHUB_OUTPUT file. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const [, name = '', delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] as string);
    out[name] = value.join('\n');
  }
  return out;
}

export interface SpawnOptions {
  cwd: string;
  /** Extra environment (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, RUNNER_ENVIRONMENT...). */
  env: Record<string, string>;
  /** A unique name for this run's GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. */
  tag: string;
}

export async function spawnAction(
  inputEnvironment: Record<string, string>,
  options: SpawnOptions,
): Promise<ActionRun> {
  const outputFile = join(options.cwd, `.runner/${options.tag}.output`);
  const summaryFile = join(options.cwd, `.runner/${options.tag}.summary`);
  // The runner creates both files before the step starts.
  await mkdir(join(options.cwd, '.runner'), { recursive: true });
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: options.cwd,
    ...inputEnvironment,
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/action.ts')], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((res, rej) => {
    child.once('error', rej);
    child.once('close', (c) => res(c));
  });
  const [outputText, summary] = await Promise.all([
    readFile(outputFile, 'utf8'),
    readFile(summaryFile, 'utf8'),
  ]);
  return { code, stdout, stderr, outputs: parseOutputFile(outputText), outputFile: outputText, summary };
}
