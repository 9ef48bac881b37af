import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { aggregateProfile } from '../../src/profile/aggregate.js';
import { diffProfiles } from '../../src/profile/diff.js';
import { parseTrace } from '../../src/profile/parse.js';
import { formatProfileTable } from '../../src/profile/render.js';
import { ProfileDiffSchema, type ProfileSummary } from '../../src/profile/schema.js';
import { suggest } from '../../src/profile/suggest.js';
import { isUsageError } from '../../src/util/errors.js';

/** A synthetic trace: `runs` model_runs of the given nodes (name, op type, µs), all on `provider`. */
function summaryOf(
  nodes: readonly [name: string, op: string, us: number][],
  opts: { runs?: number; provider?: string; requested?: string[] } = {},
): ProfileSummary {
  const events: unknown[] = [];
  let t = 0;
  for (let r = 0; r < (opts.runs ?? 3); r++) {
    const start = t;
    t += 1;
    for (const [name, op, us] of nodes) {
      events.push({
        cat: 'Node',
        name: `${name}_kernel_time`,
        ts: t,
        dur: us,
        ph: 'X',
        args: {
          op_name: op,
          provider: opts.provider ?? 'CPUExecutionProvider',
          input_type_shape: [{ float: [1, 16, 40, 40] }],
          output_type_shape: [{ float: [1, 16, 40, 40] }],
        },
      });
      t += us + 1;
    }
    events.push({ cat: 'Session', name: 'model_run', ts: start, dur: t - start, ph: 'X', args: {} });
    t += 5;
  }
  return aggregateProfile(parseTrace(JSON.stringify(events), 'synthetic.json'), {
    requestedProviders: opts.requested ?? ['cpu'],
  }).summary;
}

const BASE: [string, string, number][] = [
  ['/model.0/conv/Conv', 'Conv', 400],
  ['/model.2/m.0/cv1/conv/Conv', 'Conv', 300],
  ['/model.12/Concat', 'Concat', 50],
  ['/model.13/Resize', 'Resize', 150],
  ['/model.22/dfl/conv/Conv', 'Conv', 150],
  ['/model.22/Sigmoid', 'Sigmoid', 50],
];

describe('diffProfiles', () => {
  it('ranks the slowed layer first and applies both noise floors', () => {
    const base = summaryOf(BASE);
    const cur = summaryOf(
      BASE.map(([n, op, us]) =>
        n.startsWith('/model.2/')
          ? [n, op, us + 200]
          : n === '/model.12/Concat'
            ? [n, op, us + 10]
            : [n, op, us],
      ),
    );
    const d = diffProfiles(base, cur);
    expect(Value.Check(ProfileDiffSchema, d)).toBe(true);
    expect(d.regressions.find((e) => e.scope === 'layer')?.key).toBe('model.2');
    expect(d.regressions.find((e) => e.scope === 'module')?.key).toBe('backbone');
    expect(d.regressions.find((e) => e.scope === 'node')?.key).toBe('/model.2/m.0/cv1/conv/Conv');
    // +10 µs is under the 20 µs floor.
    const concat = d.layers.find((e) => e.key === 'model.12')!;
    expect(concat.deltaUs).toBe(10);
    expect(concat.significant).toBe(false);
    // Unchanged layers lose share but not time: no "improvement" from the share floor alone.
    expect(d.improvements).toEqual([]);
    expect(d.violations).toEqual([]); // gating off by default
    expect(d.totals.deltaUs).toBe(210);
  });

  it('a uniform slowdown moves no share: nothing significant', () => {
    const d = diffProfiles(summaryOf(BASE), summaryOf(BASE.map(([n, op, us]) => [n, op, us * 1.5])));
    expect(d.regressions).toEqual([]);
    expect(d.totals.deltaPercent).toBe(50);
  });

  it('rules produce violations; added and removed nodes are listed', () => {
    const base = summaryOf(BASE);
    const cur = summaryOf([
      ...BASE.filter(([n]) => n !== '/model.22/Sigmoid'),
      ['/model.4/m.1/cv1/conv/Conv', 'Conv', 300],
    ]);
    const d = diffProfiles(base, cur, {
      rules: [
        { scope: 'module', maxSlowdownPercent: 10 },
        { scope: 'op', maxSlowdownPercent: 30 },
      ],
    });
    expect(d.nodesAdded).toEqual([{ name: '/model.4/m.1/cv1/conv/Conv', currentUs: 300 }]);
    expect(d.nodesRemoved).toEqual([{ name: '/model.22/Sigmoid', baselineUs: 50 }]);
    const keys = d.violations.map((v) => `${v.rule.scope}:${v.entry.key}`);
    expect(keys).toContain('module:backbone');
    expect(keys).toContain('op:Conv'); // 850 -> 1150 µs: +35.3 % > 30 %
    const conv = d.opTypes.find((e) => e.key === 'Conv')!;
    expect(conv.deltaPercent).toBe(35.3);
    expect(d.violations[0]!.message).toMatch(/exceeds the \d+% limit/);
  });

  it('rejects a bad rule', () => {
    let err: unknown;
    try {
      diffProfiles(summaryOf(BASE), summaryOf(BASE), {
        rules: [{ scope: 'graph' as 'op', maxSlowdownPercent: 5 }],
      });
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    expect((err as Error).message).toMatch(/rule\[0\]\.scope/);
  });
});

describe('suggest', () => {
  it('launch-bound GPU profile -> TensorRT / fewer nodes (not CUDA graphs, which 1.29 cannot enable), with the evidence', () => {
    const tiny: [string, string, number][] = Array.from({ length: 80 }, (_, i) => [
      `/model.${i % 23}/op_${i}`,
      'Add',
      4,
    ]);
    const s = summaryOf([...tiny, ['/model.22/dfl/conv/Conv', 'Conv', 200]], {
      provider: 'CUDAExecutionProvider',
      requested: ['cuda'],
    });
    const out = suggest(s);
    const cg = out.find((x) => x.id === 'launch-bound');
    expect(cg?.text).toContain('--ep tensorrt');
    expect(cg?.text).toMatch(/CUDA graphs .* cannot enable them/);
    expect(cg?.text).not.toContain('enable_cuda_graph');
    expect(cg?.evidence).toMatch(
      /^80 of 81 GPU nodes have a median below 10 µs and together take 320 µs \(61\.538% of node time\)$/,
    );
    expect(cg?.text).toContain(cg!.evidence);
    expect(out.map((x) => x.id)).toContain('fp16');
    expect(out.map((x) => x.id)).toContain('dfl-hotspot'); // 200 of 520 µs
  });

  // Issue 12, point 7: WebGPU node events time the CPU-side dispatch, not the GPU work.
  it('WebGPU profiles are labelled as dispatch times and get no launch-bound advice', () => {
    const tiny: [string, string, number][] = Array.from({ length: 80 }, (_, i) => [
      `/model.${i % 23}/op_${i}`,
      'Add',
      4,
    ]);
    const s = summaryOf(tiny, { provider: 'WebGpuExecutionProvider', requested: ['webgpu'] });
    expect(s.nodeTimeKind).toBe('dispatch');
    expect(
      s.warnings.some((w) => /^WebGPU node times are dispatch times .* not GPU execution time/.test(w)),
    ).toBe(true);
    expect(formatProfileTable(s)).toMatch(/^Node time \(WebGPU dispatch, not GPU time\) median /m);
    const ids = suggest(s).map((x) => x.id);
    expect(ids).not.toContain('launch-bound');
    expect(ids).toContain('fp16');
    // The same nodes on CUDA are execution times (the profiling pass sets CUDA_LAUNCH_BLOCKING=1).
    const cuda = summaryOf(tiny, { provider: 'CUDAExecutionProvider', requested: ['cuda'] });
    expect(cuda.nodeTimeKind).toBe('execution');
    expect(formatProfileTable(cuda)).toMatch(/^Node time median /m);
  });

  it('recommends nothing onnxruntime-node 1.29 cannot pass (no enable_cuda_graph, no TensorRT FP16 option)', () => {
    const tiny: [string, string, number][] = Array.from({ length: 80 }, (_, i) => [
      `/model.${i % 23}/op_${i}`,
      'Add',
      4,
    ]);
    for (const provider of ['CUDAExecutionProvider', 'TensorrtExecutionProvider']) {
      const out = suggest(
        summaryOf(tiny, {
          provider,
          requested: [provider === 'CUDAExecutionProvider' ? 'cuda' : 'tensorrt'],
        }),
      );
      for (const x of out) {
        expect(x.text).not.toMatch(/enable_cuda_graph|trt_fp16|TensorRT with FP16 enabled/);
      }
      const fp16 = out.find((x) => x.id === 'fp16');
      expect(fp16?.text).toMatch(/exporting it in FP16/);
    }
  });

  it('no suggestion without evidence', () => {
    const ids = suggest(
      summaryOf(BASE.map(([n, op, us]) => [n, op, n.includes('Resize') || n.includes('dfl') ? 1 : us])),
    ).map((x) => x.id);
    expect(ids).toEqual([]);
    expect(suggest(summaryOf(BASE)).map((x) => x.id)).toEqual(['resize-hotspot', 'dfl-hotspot']);
  });
});

describe('formatProfileTable', () => {
  it('prints the module split and the top operators', () => {
    const text = formatProfileTable(summaryOf(BASE), { top: 2 });
    expect(text).toContain('Module split: backbone 63.6% / neck 18.2% / head 18.2%');
    expect(text).toMatch(
      /Top 2 operator types\nOp type\s+Median\s+Share\s+Nodes\s+Provider\n[- ]+\nConv\s+850 µs\s+77\.3%\s+3/,
    );
  });
});
