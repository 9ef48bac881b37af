import { describe, expect, it } from 'vitest';
import { renderMarkdown, type ReportInput } from '../../src/report/index.js';
import { inputsSection, precisionSection } from '../../src/report/models-view.js';
import type { BenchResult, PrecisionProfile } from '../../src/schema/result.js';
import { SHA_B, comparison, makeResult, metric } from '../fixtures/report/fixtures.js';

const FP32: PrecisionProfile = {
  dominant: 'fp32',
  computeShare: { fp32: 100, fp16: 0, int8: 0 },
  weightElements: 3_151_904,
  castNodes: 0,
  quantizeNodes: 0,
  dequantizeNodes: 0,
  inputType: 'float32',
};
const FP16: PrecisionProfile = {
  ...FP32,
  dominant: 'fp16',
  computeShare: { fp32: 0, fp16: 100, int8: 0 },
  inputType: 'float16',
};
const INT8: PrecisionProfile = {
  ...FP32,
  dominant: 'int8',
  computeShare: { fp32: 0, fp16: 0, int8: 100 },
  quantizeNodes: 64,
  dequantizeNodes: 192,
};

function withPrecision(r: BenchResult, precision: PrecisionProfile): BenchResult {
  return { ...r, model: { ...r.model, precision } };
}

function input(
  base: PrecisionProfile,
  cur: PrecisionProfile,
  p50: { relativeChange: number; verdict: 'regression' | 'improvement' | 'no-change' | 'inconclusive' },
  provider = 'cpu',
): ReportInput {
  return {
    comparison: comparison({
      verdict: p50.verdict === 'regression' ? 'regression' : 'pass',
      metrics: [metric({ metric: 'p50', baseline: 40, current: 40 * (1 + p50.relativeChange), ...p50 })],
    }),
    baseline: withPrecision(makeResult({ provider }), base),
    current: withPrecision(makeResult({ provider, sha256: SHA_B }), cur),
    baselineSource: 'paired: a.onnx',
    reproduceCommand: 'npx perf-gate compare --baseline-model a.onnx --model b.onnx',
  };
}

describe('precision section', () => {
  it('names the change and, when P50 regressed on the CPU with FP16, says why', () => {
    const s = precisionSection(input(FP32, FP16, { relativeChange: 0.8, verdict: 'regression' }))!;
    expect(s.change).toBe('**Precision change**: FP32 → FP16 (input float32 → float16)');
    expect(s.rows.find((r) => r.label === 'Precision')).toEqual({
      label: 'Precision',
      baseline: 'FP32',
      current: 'FP16',
    });
    expect(s.suggestions).toHaveLength(1);
    expect(s.suggestions[0]!.title).toBe('FP32 → FP16 made the model slower on cpu');
    expect(s.suggestions[0]!.text).toMatch(/no float16 kernels/);
    expect(s.suggestions[0]!.text).toMatch(/Evidence: P50 40\.00 ms → 72\.00 ms \(\+80\.0%\) on cpu\./);
  });

  it.each([
    ['a faster INT8 model', FP32, INT8, { relativeChange: -0.3, verdict: 'improvement' as const }],
    ['an unchanged FP16 model', FP32, FP16, { relativeChange: 0.001, verdict: 'no-change' as const }],
  ])('no suggestion for %s, but the change is named', (_, b, c, p50) => {
    const s = precisionSection(input(b, c, p50))!;
    expect(s.change).toMatch(/^\*\*Precision change\*\*: FP32 → /);
    expect(s.suggestions).toEqual([]);
  });

  it('INT8 slower on the CPU points at the Q/DQ overhead', () => {
    const s = precisionSection(input(FP32, INT8, { relativeChange: 0.2, verdict: 'regression' }))!;
    expect(s.suggestions[0]!.text).toMatch(/QLinearConv/);
  });

  it('the same precision on both sides: a table, no change line', () => {
    const s = precisionSection(input(FP32, FP32, { relativeChange: 0, verdict: 'no-change' }))!;
    expect(s.change).toBeUndefined();
    expect(s.rows.length).toBeGreaterThan(3);
  });

  it('the comment carries the change, the tip and the table', () => {
    const md = renderMarkdown(input(FP32, FP16, { relativeChange: 0.8, verdict: 'regression' }));
    expect(md).toContain('**Precision change**: FP32 → FP16 (input float32 → float16)');
    expect(md).toContain('> [!TIP]\n> **FP32 → FP16 made the model slower on cpu**');
    expect(md).toContain('<summary>Precision profile</summary>');
    expect(md).toContain('| Precision | FP32 | FP16 |');
  });
});

describe('inputs section', () => {
  it('lists images slowest first with the baseline figure for the same file', () => {
    const imgs = (p50s: number[]) => ({
      order: 'cycle' as const,
      weighting: 'equal' as const,
      count: p50s.length,
      images: p50s.map((p50, i) => ({
        name: `img${i}.jpg`,
        width: 640,
        height: 480,
        samples: 10,
        p50,
        p90: p50 + 1,
        max: p50 + 2,
        mean: p50,
      })),
    });
    const base = input(FP32, FP32, { relativeChange: 0, verdict: 'no-change' });
    const s = inputsSection({
      ...base,
      baseline: { ...base.baseline, imageInputs: imgs([10, 10, 10]) },
      current: { ...base.current, imageInputs: imgs([10, 15, 12]) },
    })!;
    expect(s.rows.map((r) => [r.name, r.change])).toEqual([
      ['img1.jpg', '+50.0%'],
      ['img2.jpg', '+20.0%'],
      ['img0.jpg', '±0.0%'],
    ]);
    expect(s.note).toMatch(/each weighs equally in the quantiles/);
  });
});
