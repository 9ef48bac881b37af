import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_SETTINGS } from '../../src/bench/session.js';
import { makePolicy } from '../../src/config/policy.js';
import { runPaired, runPairedComparison, type PairedOptions } from '../../src/core/paired.js';
import { Comparison } from '../../src/compare/schema.js';
import { parseBenchConfig } from '../../src/config/bench.js';
import { cliReader } from '../../src/config/reader.js';
import { ensureModel, findVariantForFlopsIncrease } from '../../src/model/index.js';
import { BenchResultSchema } from '../../src/schema/result.js';
import { assertValid } from '../../src/schema/validate.js';
import { UsageError } from '../../src/util/errors.js';

const CACHE = '.cache/models';

async function models() {
  const base = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE);
  const { variant } = findVariantForFlopsIncrease('yolov8n', 64, 10);
  const slower = await ensureModel({ arch: 'yolov8n', imgsz: 64, variant }, CACHE);
  return { base: base.path, slower: slower.path };
}

const common = (a: string, b: string): PairedOptions => ({
  baseline: { path: a, name: 'base' },
  current: { path: b, name: 'candidate' },
  session: { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: 1, interOpThreads: 1 },
  provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
  dims: {},
  warmupIterations: 2,
  warmupSeconds: 0,
  policy: makePolicy({ minSamples: 10 }),
  firstRoundPairs: 20,
  blockSize: 1,
});

describe('runPaired (real onnxruntime sessions on generated yolov8n@64)', () => {
  it('returns two schema-valid results of equal size and a paired verdict (one round)', async () => {
    const m = await models();
    const rounds: number[] = [];
    const out = await runPaired({
      ...common(m.base, m.slower),
      adaptive: false,
      onRound: (r) => rounds.push(r.samplesPerSide),
    });
    assertValid(BenchResultSchema, out.baseline, 'baseline');
    assertValid(BenchResultSchema, out.current, 'current');
    assertValid(Comparison, out.comparison, 'comparison');
    expect(out.baseline.latency.count).toBe(20);
    expect(out.current.latency.count).toBe(20);
    expect(out.baseline.model.name).toBe('base');
    expect(out.current.model.name).toBe('candidate');
    expect(out.baseline.model.sha256).not.toBe(out.current.model.sha256);
    expect(out.comparison.mode).toBe('paired');
    expect(['pass', 'regression', 'improvement', 'inconclusive']).toContain(out.comparison.verdict);
    expect(out.comparison.environmentDifferences).toEqual([]);
    expect(out.comparison.metrics.find((x) => x.metric === 'peak-memory')!.gated).toBe(false);
    expect(out.stoppedBecause).toBe('single-round');
    expect(rounds).toEqual([20]);
    expect(out.timedSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('adaptive sampling stops when decided or when the budget is spent', async () => {
    const m = await models();
    const out = await runPaired({ ...common(m.base, m.base), maxTimedSeconds: 0.2, maxIterations: 200 });
    expect(['decided', 'budget', 'max-iterations']).toContain(out.stoppedBecause);
    expect(out.rounds.length).toBeGreaterThanOrEqual(1);
    expect(out.rounds.at(-1)!.samplesPerSide).toBe(out.baseline.latency.count);
    expect(out.baseline.latency.count).toBe(out.current.latency.count);
    if (out.stoppedBecause === 'decided') expect(out.comparison.verdict).not.toBe('inconclusive');
    else expect(out.comparison.verdict).toBe('inconclusive');
    // Samples grow by whole blocks and never shrink between rounds.
    const sizes = out.rounds.map((r) => r.samplesPerSide);
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
  }, 120_000);

  it('models with different inputs -> UsageError naming both shapes', async () => {
    const m = await models();
    const other = await ensureModel({ arch: 'yolov8n', imgsz: 96 }, CACHE);
    await expect(runPaired(common(m.base, other.path))).rejects.toThrow(UsageError);
    await expect(runPaired(common(m.base, other.path))).rejects.toThrow(
      /different inputs: images float32\[1,3,64,64\] vs images float32\[1,3,96,96\]/,
    );
  }, 120_000);

  it.each([
    {
      name: 'missing file',
      opts: (b: string) => ({ current: { path: `${b}.missing` } }),
      msg: /--model: cannot read/,
    },
    {
      name: 'block size 0',
      opts: () => ({ blockSize: 0 }),
      msg: /block size: expected a positive integer, got "0"/,
    },
    {
      name: 'budget NaN',
      opts: () => ({ maxTimedSeconds: Number.NaN }),
      msg: /max timed seconds: expected a positive number/,
    },
  ])('bad option: $name -> UsageError', async ({ opts, msg }) => {
    const m = await models();
    await expect(runPaired({ ...common(m.base, m.base), ...opts(m.base) })).rejects.toThrow(msg);
  });

  it('runPairedComparison builds the sessions from a BenchConfig (the gate and CLI entry)', async () => {
    const m = await models();
    const config = parseBenchConfig(
      cliReader({ intraOpThreads: '1', warmup: '2', warmupSeconds: '0', iterations: '15' }),
    );
    const out = await runPairedComparison({
      baselineModel: { path: m.base, source: m.base, label: '--baseline-model', name: 'yolov8n-64' },
      currentModel: { path: m.base, source: m.base, label: '--model', name: 'yolov8n-64' },
      config,
      policy: makePolicy({ minSamples: 10 }),
      paired: { blockSize: 1, adaptive: false, firstRoundSamples: 15, memoryProbes: 0 },
    });
    expect(out.baseline.latency.count).toBe(15);
    expect(out.current.environment.intraOpThreads).toBe(1);
    expect(out.comparison.samples).toEqual({ baseline: 15, current: 15 });
  }, 120_000);
});
