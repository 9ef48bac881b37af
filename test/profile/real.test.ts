/**
 * Real profiles: onnxruntime-node 1.29.0 on the generated YOLOv8n and YOLO11n at imgsz 160, through the
 * real profiling pass (a child process). No timing is asserted beyond "the slowed-down layer is the top
 * regression".
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { median } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_SETTINGS } from '../../src/bench/session.js';
import { ensureModel } from '../../src/model/index.js';
import { diffProfiles } from '../../src/profile/diff.js';
import { layerIndexOf } from '../../src/profile/modules.js';
import { runProfilingPass } from '../../src/profile/pass.js';
import { formatProfileTable } from '../../src/profile/render.js';
import { ProfileDiffSchema, ProfileSummarySchema } from '../../src/profile/schema.js';
import { suggest } from '../../src/profile/suggest.js';
import { readTraceFile } from '../../src/profile/trace-file.js';
import { isUsageError } from '../../src/util/errors.js';
import { writeRenamedModel } from '../helpers/hostile-model.js';

let dir: string;
const CACHE = '.cache/models';
// Two intra-op threads at most: the suite runs on 2-core CI machines, two files in parallel.
const SESSION = { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: 1 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-real-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const MODULES = ['backbone', 'neck', 'head'];
describe.each([
  { arch: 'yolov8n' as const, family: 'yolov8', head: 'model.22', modules: MODULES },
  { arch: 'yolo11n' as const, family: 'yolo11', head: 'model.23', modules: MODULES },
  // End-to-end: its top-k selection is the postprocess module.
  { arch: 'yolo26n' as const, family: 'yolo26', head: 'model.23', modules: [...MODULES, 'postprocess'] },
])('profiling pass on generated $arch at 160', ({ arch, family, head, modules }) => {
  it('attributes every node to a module; module shares sum to 100 %', async () => {
    const model = await ensureModel({ arch, imgsz: 160 }, CACHE);
    const keep = join(dir, `${arch}.json`);
    const pass = await runProfilingPass({
      modelPath: model.path,
      session: SESSION,
      warmupIterations: 2,
      iterations: 5,
      cudaLaunchBlocking: false,
      keepTraceAt: keep,
    });
    const s = pass.summary;
    expect(
      Value.Check(ProfileSummarySchema, s),
      JSON.stringify([...Value.Errors(ProfileSummarySchema, s)][0]),
    ).toBe(true);
    expect(pass.tracePath).toBe(keep);
    expect((await stat(keep)).size).toBe(pass.traceBytes);
    expect(s.trace.bytes).toBe(pass.traceBytes);
    expect(s.iterationsProfiled).toBe(5);
    expect(s.warmupRunsExcluded).toBe(2);
    expect(s.family).toBe(family);

    expect(pass.nodes.length).toBeGreaterThan(100);
    for (const n of pass.nodes) {
      expect(n.module, n.name).not.toBe('other');
      expect(n.layer, n.name).not.toBeNull();
    }
    expect(s.modules.map((m) => m.module)).toEqual(modules);
    // Per iteration the modules partition the node time exactly; each share is over the one
    // denominator, the median total (a sum of medians is not 100 % of it, so that is not asserted).
    const totals = Array.from({ length: 5 }, (_, i) =>
      s.modules.reduce((a, m) => a + m.perIterationUs![i]!, 0),
    );
    expect(Math.abs(median(totals) - s.totals.nodeTimeMedianUs)).toBeLessThan(0.5);
    for (const m of s.modules) {
      expect(m.medianUs, m.module).toBeGreaterThan(0);
      expect(m.share, m.module).toBeCloseTo((100 * m.medianUs) / s.totals.nodeTimeMedianUs, 1);
    }
    for (let i = 0; i < 5; i++) {
      const layerSum = s.layers.reduce((a, l) => a + l.perIterationUs![i]!, 0);
      expect(Math.abs(layerSum - totals[i]!), `iteration ${i}`).toBeLessThan(0.1 * s.layers.length + 0.5);
    }
    expect(s.layers.at(-1)).toMatchObject({ layer: head, module: 'head' });
    expect(s.topNodes.length).toBeLessThanOrEqual(50);
    expect(s.placement.providersSeen).toEqual(['CPUExecutionProvider']);
    expect(s.placement.cpuFallback.count).toBe(0);
    expect(suggest(s).map((x) => x.id)).not.toContain('fp16'); // CPU: no GPU advice without evidence

    const split = s.modules.map((m) => `${m.module} ${m.share.toFixed(1)}%`).join(' / ');
    console.log(
      `${arch}@160 CPU: ${split}; pass ${pass.wallSeconds.toFixed(2)} s, trace ${pass.traceBytes} B`,
    );
    console.log(formatProfileTable(s, { top: 5 }));

    // The kept trace reads back the same.
    const again = await readTraceFile(keep);
    expect(again.runs.length).toBe(7);
  });
});

describe('a slower variant', () => {
  it('shows up as the top regression in the modified layer and module', async () => {
    const layer = 2; // YOLOv8n backbone C2f
    const base = await ensureModel({ arch: 'yolov8n', imgsz: 160 }, CACHE);
    const slow = await ensureModel(
      { arch: 'yolov8n', imgsz: 160, variant: { kind: 'extra-blocks', layer, count: 8 } },
      CACHE,
    );
    const opts = { session: SESSION, warmupIterations: 3, iterations: 20, cudaLaunchBlocking: false };
    const a = await runProfilingPass({ ...opts, modelPath: base.path, keepTraceAt: join(dir, 'base.json') });
    const b = await runProfilingPass({ ...opts, modelPath: slow.path, keepTraceAt: join(dir, 'slow.json') });
    const diff = diffProfiles(a.summary, b.summary, { rules: [{ scope: 'layer', maxSlowdownPercent: 10 }] });
    expect(Value.Check(ProfileDiffSchema, diff)).toBe(true);

    const topLayer = diff.regressions.find((e) => e.scope === 'layer');
    const topModule = diff.regressions.find((e) => e.scope === 'module');
    console.log(
      `extra-blocks:${layer}:8 -> top layer regression ${topLayer?.key} ${topLayer?.deltaUs} µs, module ${topModule?.key}`,
    );
    expect(topLayer?.key).toBe(`model.${layer}`);
    // Module totals also carry every other layer's noise (2 shared cores), so the module claim is
    // that the backbone regressed, and that its top regression is the modified layer (above).
    expect(diff.regressions.filter((e) => e.scope === 'module').map((e) => e.key)).toContain('backbone');
    expect(diff.violations.map((v) => v.entry.key)).toContain(`model.${layer}`);
    // The new blocks are nodes added in that layer (optimiser-generated names aside).
    const added = diff.nodesAdded.map((n) => layerIndexOf(n.name)).filter((i): i is number => i !== null);
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added)).toEqual(new Set([layer]));
  });
});

describe('node names onnxruntime writes unescaped into its trace', () => {
  // onnxruntime 1.29 puts node names into the trace JSON as they are: a quote, a backslash or a line
  // break makes the file invalid JSON (src/profile/parse.ts reads such events as written).
  const HOSTILE_NAMES = [
    'a "quoted" node',
    'line\nbreak',
    'back\\slash\\n',
    '@octocat #123 </details> www.evil.example',
  ];

  it('a real profiling pass reads them back exactly, with a warning', async () => {
    const base = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE);
    const path = join(dir, 'hostile-names.onnx');
    writeRenamedModel(base.path, path, Object.fromEntries(HOSTILE_NAMES.map((n, i) => [i * 5, n])));
    const pass = await runProfilingPass({
      modelPath: path,
      // No graph optimisation: fused nodes would be renamed by onnxruntime.
      session: { ...SESSION, graphOptimizationLevel: 'disabled' },
      warmupIterations: 1,
      iterations: 2,
      cudaLaunchBlocking: false,
      keepTraceAt: join(dir, 'hostile-names.json'),
    });
    const names = new Set(pass.nodes.map((n) => n.name));
    for (const name of HOSTILE_NAMES) expect(names.has(name), name).toBe(true);
    expect(pass.summary.iterationsProfiled).toBe(2);
    expect(pass.summary.warnings.join(' ')).toMatch(/unescaped; the names were read as written/);
    // The file onnxruntime wrote is really not JSON: the repair is what made it readable.
    const text = await readFile(join(dir, 'hostile-names.json'), 'utf8');
    expect(() => JSON.parse(text)).toThrow();
    const again = await readTraceFile(join(dir, 'hostile-names.json'));
    expect(again.runs).toHaveLength(3);
  });
});

describe('profiling pass failures', () => {
  it('a model onnxruntime cannot load: one-line error from the child', async () => {
    const bad = join(dir, 'bad.onnx');
    await writeFile(bad, Buffer.from([0x08, 0x01, 0xff, 0xff, 0xff]));
    const err = await runProfilingPass({
      modelPath: bad,
      session: SESSION,
      warmupIterations: 0,
      iterations: 1,
      cudaLaunchBlocking: false,
    }).catch((e: unknown) => e);
    expect(isUsageError(err), String(err)).toBe(true);
    expect((err as Error).message).toMatch(
      /^profiling pass: --model: onnxruntime could not load ".*bad\.onnx"/,
    );
    expect((err as Error).message).not.toContain('\n');
  });

  it('bad iteration counts are usage errors', async () => {
    const err = await runProfilingPass({
      modelPath: 'x.onnx',
      session: SESSION,
      warmupIterations: 0,
      iterations: 0,
      cudaLaunchBlocking: false,
    }).catch((e: unknown) => e);
    expect(isUsageError(err)).toBe(true);
    expect((err as Error).message).toMatch(/--profile-iterations: expected a positive integer, got "0"/);
  });
});
