/**
 * The copy-paste workflows in docs/workflows: valid YAML, and every `with:` key given to our action
 * is an input of action.yml (a typo there would be silently ignored by GitHub with only a warning).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadActionYml, REPO_ROOT } from './harness.js';

const DIR = join(REPO_ROOT, 'docs/workflows');
const OUR_ACTION = /^yolo-perf-gate\/yolo-perf-gate@/;
/**
 * Inputs of issue 11 that the workflows use before action.yml declares them (the src/git side is
 * built; the gate's wiring lands with the inputs). Delete this list when action.yml has them: the
 * last test below fails as soon as any of them is declared, so the list cannot outlive its reason.
 */
interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { if?: string; 'runs-on': unknown; steps: Step[] }>;
}

const files = (await readdir(DIR)).filter((f) => f.endsWith('.yml')).sort();
const load = async (file: string): Promise<Workflow> =>
  parse(await readFile(join(DIR, file), 'utf8')) as Workflow;

describe('docs/workflows', () => {
  it('has the documented workflows', () => {
    expect(files).toEqual([
      'perf-gate-fork-comment.yml',
      'perf-gate-fork.yml',
      'perf-gate-matrix.yml',
      'perf-gate-model-command.yml',
      'perf-gate-nightly.yml',
      'perf-gate-pr.yml',
    ]);
  });

  it.each(files)('%s is valid YAML and uses only inputs of action.yml', async (file) => {
    const action = await loadActionYml();
    const wf = await load(file);
    expect(typeof wf.name).toBe('string');
    expect(Object.keys(wf.jobs).length).toBeGreaterThan(0);
    const ours = Object.values(wf.jobs).flatMap((j) => j.steps.filter((s) => OUR_ACTION.test(s.uses ?? '')));
    expect(ours.length, 'uses the action').toBeGreaterThan(0);
    for (const step of ours) {
      for (const key of Object.keys(step.with ?? {}))
        expect(Object.keys(action.inputs), `${file}: with.${key}`).toContain(key);
      if (step.with?.mode === 'merge') expect(step.with.results, `${file}: merge needs results`).toBeTruthy();
    }
  });

  it('runs the GPU jobs for same-repository pull requests only, and never the fork CPU job on self-hosted', async () => {
    for (const file of ['perf-gate-pr.yml', 'perf-gate-model-command.yml', 'perf-gate-matrix.yml']) {
      const wf = await load(file);
      expect(Object.keys(wf.on)).toEqual(['pull_request']);
      for (const [name, job] of Object.entries(wf.jobs)) {
        expect(job.if, `${file}: ${name}`).toContain(
          'github.event.pull_request.head.repo.full_name == github.repository',
        );
      }
    }
    const fork = await load('perf-gate-fork.yml');
    expect(fork.jobs.cpu?.['runs-on']).toBe('ubuntu-latest');
    expect(fork.jobs.cpu?.if).toContain('!= github.repository');
    expect(fork.permissions).toEqual({ contents: 'read' });
    const comment = await load('perf-gate-fork-comment.yml');
    expect(Object.keys(comment.on)).toEqual(['workflow_run']);
    const steps = comment.jobs.comment?.steps ?? [];
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false); // never the fork's code
  });

  it('the PR workflow is relative with no shell for the base model; model-command builds both sides; nightly refreshes the baselines and exports OpenMetrics', async () => {
    const pr = await load('perf-gate-pr.yml');
    const steps = pr.jobs.perf?.steps ?? [];
    expect(steps.filter((s) => s.run !== undefined)).toEqual([]);
    const gate = steps.find((s) => OUR_ACTION.test(s.uses ?? ''))?.with ?? {};
    expect(gate.baseline).toBe('auto');
    expect(gate['baseline-model']).toBeUndefined();
    const checkout = steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.lfs).toBe(true);

    const built = await load('perf-gate-model-command.yml');
    const b = built.jobs.paired?.steps ?? [];
    const command = b.find((s) => OUR_ACTION.test(s.uses ?? ''))?.with?.['model-command'];
    expect(command).toContain('"$PERF_GATE_MODEL_OUT"');
    expect(b.map((s) => s.run ?? '').join('\n')).not.toMatch(/git (show|worktree)/);

    const nightly = await load('perf-gate-nightly.yml');
    expect(Object.keys(nightly.on)).toContain('schedule');
    const n = nightly.jobs.refresh?.steps ?? [];
    expect(n.find((s) => OUR_ACTION.test(s.uses ?? ''))?.with?.['update-baseline']).toBe(true);
    expect(n.map((s) => s.run ?? '').join('\n')).toContain('perf-gate report --format openmetrics');
    expect(n.some((s) => s.uses?.startsWith('peter-evans/create-pull-request@'))).toBe(true);
  });
});
