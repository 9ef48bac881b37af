/**
 * action.yml against the code and the docs: every input is mapped to its INPUT_ variable, every
 * input the code reads exists, the defaults written in action.yml mean what the code's defaults
 * mean, every output comes from the gate step, and docs/action.md's tables list exactly the inputs
 * and outputs of action.yml.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseActionConfig } from '../../src/config/action.js';
import { renderActionDoc } from '../../scripts/write-action-docs.js';
import { gateStep, inputEnv, loadActionYml, REPO_ROOT, type ActionYml } from './harness.js';

let action: ActionYml;
beforeAll(async () => {
  action = await loadActionYml();
});

/** What @actions/core's getInput reads for `name`. */
const envName = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/** A getInput over a map, recording every name asked for. */
function recordingGetInput(values: Record<string, string>, asked: Set<string>) {
  return (name: string): string => {
    asked.add(name);
    return values[name] ?? '';
  };
}

/** Inputs handled by the composite steps, not by the Node program. */
const STEP_ONLY = new Set(['working-directory', 'node-version']);

describe('action.yml', () => {
  it('is a composite action that installs with the right onnxruntime flavour and runs dist/action.js', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.map((s) => s.uses ?? '').filter(Boolean);
    expect(uses.some((u) => u.startsWith('actions/setup-node@'))).toBe(true);
    expect(uses.some((u) => u.startsWith('actions/cache@'))).toBe(true);
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'));
    expect(install?.run).toContain('--omit=dev');
    expect(install?.['working-directory']).toBe('${{ github.action_path }}');
    expect(install?.if).toBe("steps.cache.outputs.cache-hit != 'true'");
    // The CUDA 13 provider comes from onnxruntime-node's installer, run explicitly on CUDA runs only.
    const provider = action.runs.steps.find((s) => s.run?.includes('install-cuda-provider'));
    expect(provider?.if).toBe(
      "steps.cache.outputs.cache-hit != 'true' && steps.deps.outputs.flavour == 'cuda13'",
    );
    expect(provider?.['working-directory']).toBe('${{ github.action_path }}');
    const key = action.runs.steps.find((s) => s.id === 'deps')?.run ?? '';
    expect(key).toMatch(/\*cuda\*\|\*tensorrt\*\) flavour=cuda13/);
    expect(key).not.toContain('cuda12');
    expect(key).toContain('package-lock.json');
    expect(key).toMatch(/RUNNER_OS.*RUNNER_ARCH/);
    expect(gateStep(action).run).toBe('node "$GITHUB_ACTION_PATH/dist/action.js"');
    expect(gateStep(action)['working-directory']).toBe('${{ inputs.working-directory }}');
  });

  it('maps every input to the INPUT_ variable getInput reads, and nothing else', () => {
    const env = gateStep(action).env ?? {};
    const expected = Object.fromEntries(
      Object.keys(action.inputs)
        .filter((n) => !STEP_ONLY.has(n))
        .map((n) => [envName(n), `\${{ inputs.${n} }}`]),
    );
    expect(env).toEqual(expected);
  });

  it('declares every input the code reads (gate and merge mode)', () => {
    for (const mode of ['gate', 'merge']) {
      const asked = new Set<string>();
      parseActionConfig(recordingGetInput({ mode, results: 'r' }, asked), {});
      const missing = [...asked].filter((n) => !(n in action.inputs));
      expect(missing, `mode ${mode}`).toEqual([]);
    }
    // ...and the code reads every input it declares (except the ones the steps use).
    const asked = new Set<string>();
    parseActionConfig(recordingGetInput({}, asked), {});
    parseActionConfig(recordingGetInput({ mode: 'merge', results: 'r' }, asked), {});
    asked.add('github-token'); // read by runAction before parsing, to mask it first
    const unread = Object.keys(action.inputs).filter((n) => !asked.has(n) && !STEP_ONLY.has(n));
    expect(unread).toEqual([]);
  });

  it('writes defaults that mean the same as the code defaults', () => {
    const fromYml = inputEnv(action, {}, 'ghs_token');
    const viaYml = parseActionConfig((name) => fromYml[envName(name)] ?? '', {});
    const viaCode = parseActionConfig((name) => (name === 'github-token' ? 'ghs_token' : ''), {});
    expect(viaYml).toEqual(viaCode);
  });

  it('maps every output from the gate step', () => {
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.value, name).toBe(`\${{ steps.gate.outputs.${name} }}`);
      expect(output.description.length, name).toBeGreaterThan(10);
    }
    for (const [name, input] of Object.entries(action.inputs))
      expect(input.description.length, name).toBeGreaterThan(10);
  });

  it('is documented: docs/action.md tables are generated from action.yml and current', async () => {
    const doc = await readFile(join(REPO_ROOT, 'docs/action.md'), 'utf8');
    const yml = await readFile(join(REPO_ROOT, 'action.yml'), 'utf8');
    expect(renderActionDoc(doc, yml), 'run npx tsx scripts/write-action-docs.ts').toBe(doc);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect(doc).toContain(`| \`${name}\` |`);
    }
  });

  it("keeps the runner's Node.js for the job's later steps", () => {
    const steps = action.runs.steps;
    const remember = steps.findIndex((s) => s.id === 'runner-node');
    const setup = steps.findIndex((s) => (s.uses ?? '').startsWith('actions/setup-node@'));
    const last = steps[steps.length - 1];
    expect(remember).toBeGreaterThanOrEqual(0);
    expect(remember).toBeLessThan(setup);
    expect(last?.if).toBe("always() && steps.runner-node.outputs.dir != ''");
    expect(last?.run).toBe('echo "$RUNNER_NODE_DIR" >> "$GITHUB_PATH"');
    expect(action.inputs['node-version']?.default).toBe('26');
  });
});

describe('parseActionConfig', () => {
  const get = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('points the gate files into output-dir and reads the GitHub context from the environment', () => {
    const config = parseActionConfig(get({ 'output-dir': 'out', comment: 'always', 'pull-request': '12' }), {
      GITHUB_REPOSITORY: 'acme/detector',
      GITHUB_EVENT_NAME: 'workflow_run',
      GITHUB_API_URL: 'http://127.0.0.1:9/',
      GITHUB_RUN_ID: '77',
    });
    const at = (file: string) => ({ path: join(process.cwd(), 'out', file), label: 'input "output-dir"' });
    expect(config.gate?.outputs).toEqual({
      result: at('result.json'),
      reportJson: at('report.json'),
      comparison: at('comparison.json'),
      baselineResult: at('paired-base-result.json'),
      markdown: at('report.md'),
    });
    expect(config).toMatchObject({ comment: 'always', pullRequest: 12, failOn: 'regression', mode: 'gate' });
    expect(config.github).toEqual({
      owner: 'acme',
      repo: 'detector',
      eventName: 'workflow_run',
      apiUrl: 'http://127.0.0.1:9',
      runUrl: 'https://github.com/acme/detector/actions/runs/77',
    });
  });

  it.each([
    [
      { comment: 'sometimes' },
      'input "comment": expected one of always, on-change, on-regression, never; got "sometimes"',
    ],
    [{ 'fail-on': 'error' }, 'input "fail-on": expected one of regression, inconclusive, never; got "error"'],
    [{ mode: 'merge' }, 'input "results": is required with mode "merge"'],
    [
      { 'allow-fork-on-self-hosted': 'yes' },
      'input "allow-fork-on-self-hosted": expected true or false, got "yes"',
    ],
    [{ 'pull-request': '#3' }, 'input "pull-request": expected an integer, got "#3"'],
    [{ iterations: '0' }, 'input "iterations": expected an integer between 1 and 100000, got "0"'],
  ])('rejects %j with one line naming the input', (values, message) => {
    expect(() => parseActionConfig(get(values as Record<string, string>), {})).toThrow(message);
  });
});
