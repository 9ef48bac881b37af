import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateBaseline } from '../../src/baseline/index.js';
import { ReportSchema } from '../../src/report/index.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { exitCodeForVerdict } from '../../src/util/errors.js';
import { runMain } from '../helpers/run-main.js';
import { SHA_B, makeResult } from '../fixtures/report/fixtures.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'perf-gate-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runMain(args);
const gpu = (name: string, o: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ gpuName: name, peakGpuBytes: 900 * 2 ** 20, n: 60, ...o });

async function setup(
  currentGpu = 'NVIDIA L4',
): Promise<{ baselines: string; baselineFile: string; current: string }> {
  const baselines = join(dir, 'baselines');
  const out = await updateBaseline(baselines, gpu('NVIDIA L4'), { date: '2025-01-01T00:00:00.000Z' });
  const current = join(dir, 'cur.json');
  await writeFile(current, JSON.stringify(gpu(currentGpu, { center: 4.8, sha256: SHA_B })));
  return { baselines, baselineFile: out.path, current };
}

describe('perf-gate report', () => {
  it('renders Markdown from a baseline file and a current result', async () => {
    const { baselineFile, current } = await setup();
    const r = await run([
      'report',
      '--baseline',
      baselineFile,
      '--current',
      current,
      '--run-url',
      'https://example.com/run/1',
    ]);
    expect(r.err).toBe('');
    const verdict = /^### (?:✅|❌|🚀|⚠️) \*\*(Pass|Regression|Improvement|Inconclusive)\*\*: /.exec(
      r.out,
    )?.[1];
    expect(verdict).toBeDefined();
    // The exit code is the verdict's, as for gate and compare.
    expect(r.code).toBe(exitCodeForVerdict(verdict?.toLowerCase() as 'pass'));
    expect(r.out).toContain('| P50 latency |');
    // The reproduce command is the gate's, from the settings the current run was measured with.
    expect(r.out).toContain(`npx perf-gate gate --model models/yolov8n.onnx --name yolov8n --ep cuda`);
  });

  it('accepts a plain result file as the baseline, and writes JSON atomically with --out', async () => {
    const { current } = await setup();
    const base = join(dir, 'base.json');
    await writeFile(base, JSON.stringify(gpu('NVIDIA L4')));
    const out = join(dir, 'out', 'report.json');
    const r = await run([
      'report',
      '--baseline',
      base,
      '--current',
      current,
      '--format',
      'json',
      '--out',
      out,
    ]);
    const doc = JSON.parse(await readFile(out, 'utf8')) as { baselineSource: string; verdict: 'pass' };
    expect(r.code).toBe(exitCodeForVerdict(doc.verdict));
    expect(r.err).toBe(`report written to ${out}\n`);
    expect(schemaProblems(ReportSchema, doc)).toEqual([]);
    expect(doc.baselineSource).toBe(`result file ${base}`);
  });

  it('looks the baseline up with --baselines; other hardware gives an inconclusive report with the reason', async () => {
    const { baselines, current } = await setup('NVIDIA A10G');
    const r = await run(['report', '--baselines', baselines, '--current', current]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/^### ⚠️ \*\*Inconclusive\*\*: /);
    expect(r.out).toContain('is for NVIDIA L4 (gpu-nvidia-l4)');
    expect(r.out).toContain('this runner has NVIDIA A10G (gpu-nvidia-a10g)');
    const om = await run([
      'report',
      '--baselines',
      baselines,
      '--current',
      current,
      '--format',
      'openmetrics',
    ]);
    expect(om.out).toContain(
      'perf_gate_verdict{model="yolov8n",provider="cuda",hardware_class="gpu-nvidia-a10g",gpu="NVIDIA A10G",verdict="inconclusive"} 1',
    );
    expect(om.out.endsWith('# EOF\n')).toBe(true);
  });

  it('bad input: one line naming the input', async () => {
    const { baselineFile, current } = await setup();
    const tpl = join(dir, 'bad.hbs');
    await writeFile(tpl, '{{#each}}');
    const a = await run(['report', '--baseline', baselineFile, '--current', current, '--template', tpl]);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^perf-gate: --template ".*bad\.hbs": Handlebars syntax error: /);
    const b = await run(['report', '--current', current]);
    expect(b.err).toBe('perf-gate: --baseline: is required (or --baselines DIR to look it up)\n');
    const c = await run(['report', '--baseline', baselineFile, '--current', current, '--format', 'html']);
    expect(c.err).toBe('perf-gate: --format: expected one of markdown, json, openmetrics; got "html"\n');
    await writeFile(current, '{"kind":"yolo-perf-gate/result"');
    const d = await run(['report', '--baseline', baselineFile, '--current', current]);
    expect(d.err).toMatch(/^perf-gate: --current ".*cur\.json": not valid JSON/);
    const e = await run(['report', '--baselines', join(dir, 'none'), '--current', baselineFile]);
    expect(e.code).toBe(2);
  });
});
