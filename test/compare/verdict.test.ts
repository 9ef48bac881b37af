import { describe, expect, it } from 'vitest';
import { compareResults, relativeSpread, type CompareInput } from '../../src/compare/index.js';
import { DEFAULT_POLICY, makePolicy } from '../../src/config/policy.js';
import { Comparison } from '../../src/compare/schema.js';
import { assertValid } from '../../src/schema/validate.js';
import { holmAdjust, minSamplesForQuantile } from '../../src/stats/index.js';
import { UsageError } from '../../src/util/errors.js';
import { historyOf, latencies, makeResult, MIB, SHA_A, SHA_B } from './fixtures.js';

const N = 500;
const base = (n = N, seed = 1, opts = {}) => makeResult(latencies(n, seed), opts);
const cur = (scale: number, n = N, seed = 2, opts = {}) =>
  makeResult(latencies(n, seed, { scale }), { sha256: SHA_B, ...opts });

function compare(input: Partial<CompareInput> & Pick<CompareInput, 'baseline' | 'current'>) {
  const c = compareResults({ mode: 'stored-baseline', policy: DEFAULT_POLICY, ...input });
  assertValid(Comparison, c, 'comparison'); // every verdict document matches the published schema
  return c;
}
const metric = (c: ReturnType<typeof compare>, id: string) => c.metrics.find((m) => m.metric === id)!;

describe('compareResults: latency shifts (seeded log-normal samples, σ = 5%)', () => {
  it.each([
    { name: 'same distribution, other seed', scale: 1.0, n: N, p50: 'no-change', overall: 'pass' },
    { name: 'same distribution, small n', scale: 1.0, n: 60, p50: 'no-change', overall: 'pass' },
    { name: '+10% shift', scale: 1.1, n: N, p50: 'regression', overall: 'regression' },
    { name: '+2% shift under the 3% threshold', scale: 1.02, n: N, p50: 'no-change', overall: 'pass' },
    { name: '-10% shift', scale: 0.9, n: N, p50: 'improvement', overall: 'improvement' },
  ])('$name -> P50 $p50, overall $overall', ({ scale, n, p50, overall }) => {
    const c = compare({ baseline: base(n), current: cur(scale, n) });
    expect(metric(c, 'p50').verdict).toBe(p50);
    expect(c.verdict).toBe(overall);
  });

  it('same distribution over many seeds is never a regression', () => {
    for (let seed = 10; seed < 30; seed++) {
      const c = compare({
        baseline: base(200, seed),
        current: makeResult(latencies(200, seed + 100), { sha256: SHA_B }),
      });
      expect(c.verdict).not.toBe('regression');
    }
  });

  it('the regression reason names the metric, the change, its interval, the threshold and p', () => {
    const c = compare({ baseline: base(), current: cur(1.1) });
    expect(c.reason).toMatch(
      /^P50 \+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\] beyond the 3% threshold, p[=<][\d.e-]+\.$/,
    );
    const m = metric(c, 'p50');
    expect(m.ci!.lower).toBeGreaterThan(0.03);
    expect(m.adjustedPValue!).toBeLessThan(0.05);
    expect(m.relativeChange).toBeCloseTo(0.1, 1);
  });

  it('a 4% shift with a 5% threshold and CI straddling it is inconclusive, not a regression', () => {
    const c = compare({
      baseline: base(60),
      current: cur(1.045, 60),
      policy: makePolicy({ thresholds: { ...DEFAULT_POLICY.thresholds, p50: 0.04 } }),
    });
    const m = metric(c, 'p50');
    expect(m.ci!.lower).toBeLessThan(0.04);
    expect(m.ci!.upper).toBeGreaterThan(0.04);
    expect(m.verdict).toBe('inconclusive');
    expect(m.reason).toContain('straddles');
    expect(c.verdict).toBe('inconclusive');
  });

  it('too few samples -> inconclusive with the reason', () => {
    const c = compare({ baseline: base(10), current: cur(1.5, 10) });
    expect(metric(c, 'p50').verdict).toBe('inconclusive');
    expect(metric(c, 'p50').reason).toContain('at least 30 samples per side, have 10');
    expect(c.verdict).toBe('inconclusive');
  });
});

describe('compareResults: P99 needs enough samples (MLPerf LoadGen early-stopping rule)', () => {
  it('100 samples: P99 inconclusive and not gated, the verdict does not fail on it', () => {
    const c = compare({
      baseline: base(100),
      current: makeResult(latencies(100, 2, { tailFraction: 0.05, tailScale: 2 }), { sha256: SHA_B }),
    });
    const p99 = metric(c, 'p99');
    expect(p99.verdict).toBe('inconclusive');
    expect(p99.gated).toBe(false);
    expect(p99.reason).toContain(
      `P99 needs ≥ ${minSamplesForQuantile(0.99, 0.95)} samples per side, have 100`,
    );
    expect(minSamplesForQuantile(0.99, 0.95)).toBe(299);
    expect(c.verdict).not.toBe('inconclusive');
  });

  it('at 99% confidence the rule asks for 459 samples (LoadGen: P99 at 99% with no exceedance)', () => {
    const c = compare({
      baseline: base(100),
      current: cur(1, 100),
      policy: makePolicy({ confidence: 0.99 }),
    });
    expect(metric(c, 'p99').reason).toContain('P99 needs ≥ 459 samples per side, have 100');
  });

  it('with enough samples a heavier tail is a P99 regression while P50 is unchanged', () => {
    const b = makeResult(latencies(2000, 3, { tailFraction: 0.02 }));
    const c2 = makeResult(latencies(2000, 4, { tailFraction: 0.02, tailScale: 1.6 }), { sha256: SHA_B });
    const c = compare({ baseline: b, current: c2 });
    expect(metric(c, 'p99').verdict).toBe('regression');
    expect(metric(c, 'p99').gated).toBe(true);
    expect(metric(c, 'p50').verdict).toBe('no-change');
    expect(c.verdict).toBe('regression');
    expect(c.reason).toContain('P99');
  });
});

describe('compareResults: Holm adjustment across the tested metrics', () => {
  it('adjusted p-values are holmAdjust of the raw ones (P50 and P99 tested)', () => {
    const c = compare({ baseline: base(1000), current: cur(1.01, 1000) });
    const tested = c.metrics.filter((m) => m.pValue !== undefined);
    expect(tested.map((m) => m.metric)).toEqual(['p50', 'p99']);
    const expected = holmAdjust(tested.map((m) => m.pValue!));
    tested.forEach((m, i) => {
      expect(m.adjustedPValue).toBeCloseTo(expected[i]!, 12);
      expect(m.adjustedPValue!).toBeGreaterThanOrEqual(m.pValue!);
    });
    expect(metric(c, 'peak-memory').pValue).toBeUndefined();
  });

  it('with only P50 tested (P99 insufficient) the adjusted p equals the raw p', () => {
    const c = compare({ baseline: base(100), current: cur(1.1, 100) });
    const m = metric(c, 'p50');
    expect(m.adjustedPValue).toBe(m.pValue);
  });
});

describe('compareResults: environment fingerprints', () => {
  it.each([
    {
      field: 'gpu.name',
      base: { gpu: { name: 'NVIDIA A10G', driverVersion: '550.1' } },
      cur: { gpu: { name: 'NVIDIA L4', driverVersion: '550.1' } },
    },
    {
      field: 'gpu.driverVersion',
      base: { gpu: { name: 'NVIDIA L4', driverVersion: '550.1' } },
      cur: { gpu: { name: 'NVIDIA L4', driverVersion: '560.3' } },
    },
    { field: 'onnxruntime', base: {}, cur: { onnxruntime: '1.28.0' } },
    { field: 'executionProvider', base: {}, cur: { executionProvider: 'cuda' } },
    { field: 'intraOpThreads', base: {}, cur: { intraOpThreads: 4 } },
    { field: 'hardwareClass', base: {}, cur: { hardwareClass: 'cpu-other-8c' } },
  ])('$field differs -> inconclusive naming it', ({ field, base: b, cur: c2 }) => {
    const c = compare({ baseline: base(N, 1, { env: b }), current: cur(1.1, N, 2, { env: c2 }) });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toContain(field);
    const d = c.environmentDifferences.find((e) => e.field === field)!;
    expect(d.breaksComparability).toBe(true);
  });

  it('a different Node.js version is reported but does not break comparability', () => {
    const c = compare({ baseline: base(), current: cur(1.1, N, 2, { env: { node: 'v22.1.0' } }) });
    expect(c.environmentDifferences).toEqual([
      { field: 'node', baseline: 'v20.20.2', current: 'v22.1.0', breaksComparability: false },
    ]);
    expect(c.verdict).toBe('regression');
  });

  it('hardwareMismatch -> inconclusive with the reason', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.0),
      hardwareMismatch: 'baseline recorded on cpu-other-8c',
    });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toContain('baseline recorded on cpu-other-8c');
  });
});

describe('compareResults: unreliable runs', () => {
  it('unreliable + would-be regression -> inconclusive with the reasons', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.1, N, 2, { reliable: false, reasons: ['GPU throttled: thermal'] }),
    });
    expect(c.verdict).toBe('inconclusive');
    expect(c.unreliable).toEqual(['current: GPU throttled: thermal']);
    expect(metric(c, 'p50').reason).toContain('would be a regression');
  });
  it('unreliable without a regression keeps its verdict', () => {
    const c = compare({ baseline: base(N, 1, { reliable: false, reasons: ['x'] }), current: cur(1.0) });
    expect(c.verdict).toBe('pass');
    expect(c.unreliable).toEqual(['baseline: x']);
  });
  it('unreliableIsInconclusive: false keeps the regression', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.1, N, 2, { reliable: false, reasons: ['x'] }),
      policy: makePolicy({ unreliableIsInconclusive: false }),
    });
    expect(c.verdict).toBe('regression');
  });
});

describe('compareResults: history widening (between-run drift)', () => {
  // Tighter samples (σ = 2%) so the 4% shift's interval lies clearly above 3% without a history.
  const b4 = () => makeResult(latencies(1000, 1, { sigma: 0.02 }));
  const c4 = (opts = {}) =>
    makeResult(latencies(1000, 2, { sigma: 0.02, scale: 1.04 }), { sha256: SHA_B, ...opts });
  // Relative deviations of ±~6% around 10 ms: 1.4826·MAD ≈ 4.4%, × k = √2·1.96 ≈ 2.77 -> ≈ 12%.
  const noisy = historyOf([10, 10.6, 9.4, 10.3, 9.7, 10.5, 9.5]);
  const tight = historyOf([10, 10.02, 9.98, 10.01, 9.99, 10.0, 10.02]);

  it('a noisy history widens the P50 threshold: a 4% shift is no longer a regression', () => {
    const c = compare({ baseline: b4(), current: c4(), history: noisy });
    const m = metric(c, 'p50');
    expect(c.historyRuns).toBe(7);
    expect(m.effectiveThreshold).toBeGreaterThan(0.08);
    expect(m.verdict).not.toBe('regression');
    expect(['no-change', 'inconclusive']).toContain(m.verdict);
    expect(m.reason).toContain('widened');
  });

  it('a tight history keeps the 3% threshold: the 4% shift stays a regression', () => {
    const c = compare({ baseline: b4(), current: c4(), history: tight });
    expect(metric(c, 'p50').effectiveThreshold).toBe(0.03);
    expect(metric(c, 'p50').verdict).toBe('regression');
  });

  it('without a history the 4% shift is a regression', () => {
    expect(compare({ baseline: b4(), current: c4() }).verdict).toBe('regression');
  });

  it('history runs of other models (other sha256) are not used', () => {
    const c = compare({ baseline: b4(), current: c4(), history: historyOf([10, 11, 9, 10.5, 9.5], SHA_B) });
    expect(c.historyRuns).toBe(0);
    expect(c.verdict).toBe('regression');
  });

  it('paired mode ignores the history', () => {
    const c = compareResults({
      baseline: b4(),
      current: c4({ name: 'other' }),
      history: noisy,
      mode: 'paired',
      policy: DEFAULT_POLICY,
    });
    expect(c.historyRuns).toBe(0);
    expect(c.verdict).toBe('regression');
  });

  it('relativeSpread: 1.4826 × MAD of the relative deviations; undefined below 3 runs', () => {
    expect(relativeSpread([10, 10])).toBeUndefined();
    // deviations from median 10: 0, +0.1, -0.1 -> MAD 0.1 -> 0.14826
    expect(relativeSpread([10, 11, 9])).toBeCloseTo(0.14826, 10);
  });
});

describe('compareResults: peak memory (relative threshold and the 16 MiB floor)', () => {
  it.each([
    { name: '+10 MiB of 200 MiB (5%, under the 16 MiB floor)', base: 200, cur: 210, verdict: 'no-change' },
    { name: '+15 MiB of 200 MiB (7.5%, still under 16 MiB)', base: 200, cur: 215, verdict: 'no-change' },
    { name: '+20 MiB of 200 MiB (10% and over 16 MiB)', base: 200, cur: 220, verdict: 'regression' },
    { name: '+40 MiB of 1000 MiB (4%)', base: 1000, cur: 1040, verdict: 'no-change' },
    { name: '+60 MiB of 1000 MiB (6%)', base: 1000, cur: 1060, verdict: 'regression' },
    { name: '-30 MiB of 200 MiB', base: 200, cur: 170, verdict: 'improvement' },
  ])('$name -> $verdict', ({ base: b, cur: c2, verdict }) => {
    const c = compare({
      baseline: base(N, 1, { rssBytes: b * MIB }),
      current: cur(1.0, N, 2, { rssBytes: c2 * MIB }),
    });
    const m = metric(c, 'peak-memory');
    expect(m.verdict).toBe(verdict);
    expect(m.pValue).toBeUndefined();
    expect(m.label).toBe('Peak RSS');
  });

  it('uses GPU bytes when both runs have them', () => {
    const c = compare({
      baseline: base(N, 1, { gpuBytes: 500 * MIB, rssBytes: 100 * MIB }),
      current: cur(1.0, N, 2, { gpuBytes: 600 * MIB, rssBytes: 100 * MIB }),
    });
    expect(metric(c, 'peak-memory').label).toBe('Peak GPU memory');
    expect(metric(c, 'peak-memory').verdict).toBe('regression');
    expect(c.verdict).toBe('regression');
  });

  it('a noisy memory history widens the relative threshold', () => {
    const history = historyOf([10, 10, 10, 10, 10]).map((h, i) => ({
      ...h,
      peakMemoryBytes: [1000, 1080, 920, 1050, 960][i]! * MIB,
    }));
    const c = compare({
      baseline: base(N, 1, { rssBytes: 1000 * MIB }),
      current: cur(1.0, N, 2, { rssBytes: 1060 * MIB }),
      history,
    });
    expect(metric(c, 'peak-memory').effectiveThreshold).toBeGreaterThan(0.06);
    expect(metric(c, 'peak-memory').verdict).toBe('no-change');
  });

  it('paired mode: memory is not attributable, reported as not gated', () => {
    const c = compareResults({
      baseline: base(),
      current: cur(1.0, N, 2, { rssBytes: 400 * MIB }),
      mode: 'paired',
      policy: DEFAULT_POLICY,
    });
    expect(metric(c, 'peak-memory').gated).toBe(false);
    expect(c.verdict).toBe('pass');
  });
});

describe('compareResults: gate configuration', () => {
  it('an ungated metric that regresses does not fail the verdict', () => {
    const c = compare({ baseline: base(), current: cur(1.1), policy: makePolicy({ gate: ['peak-memory'] }) });
    expect(metric(c, 'p50').verdict).toBe('regression');
    expect(metric(c, 'p50').gated).toBe(false);
    expect(c.verdict).toBe('pass');
  });
  it('a configured profile gate without profiles is inconclusive, never a silent pass', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.0),
      policy: makePolicy({ profileGate: [{ scope: 'module', maxSlowdownPercent: 10 }] }),
    });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toContain('profile-gate');
  });
});

describe('compareResults: bad input', () => {
  const ok = () => base(50);
  const withSamples = (samples: unknown[]) => {
    const r = base(50);
    (r.latency as { samplesMs: unknown[] }).samplesMs = samples;
    return r;
  };
  it.each([
    {
      name: 'different model names (stored mode)',
      b: ok,
      c: () => cur(1, 50, 2, { name: 'yolo11n' }),
      msg: /different models: "yolov8n" vs "yolo11n"/,
    },
    {
      name: 'different input shapes',
      b: ok,
      c: () => cur(1, 50, 2, { shape: [1, 3, 320, 320] }),
      msg: /different input shapes: images float32\[1,3,640,640\] vs images float32\[1,3,320,320\]/,
    },
    {
      name: 'baseline with no samples',
      b: () => withSamples([]),
      c: ok,
      msg: /baseline: latency.samplesMs is empty/,
    },
    {
      name: 'NaN sample',
      b: ok,
      c: () => withSamples([1, NaN, 2]),
      msg: /current: latency.samplesMs\[1\] is not a finite number, got NaN/,
    },
    {
      name: 'Infinity sample',
      b: () => withSamples([1, 2, Infinity]),
      c: ok,
      msg: /baseline: latency.samplesMs\[2\] is not a finite number, got Infinity/,
    },
    {
      name: 'negative sample',
      b: ok,
      c: () => withSamples([1, -2]),
      msg: /current: latency.samplesMs\[1\] must be a positive duration, got -2/,
    },
    {
      name: 'missing samples',
      b: () => {
        const r = ok();
        delete (r.latency as { samplesMs?: unknown }).samplesMs;
        return r;
      },
      c: ok,
      msg: /baseline: latency.samplesMs is missing/,
    },
    {
      name: 'schema version 2',
      b: ok,
      c: () => ({ ...ok(), schemaVersion: 2 }) as unknown as ReturnType<typeof ok>,
      msg: /current: unsupported result schemaVersion 2/,
    },
    {
      name: 'wrong kind',
      b: () => ({ ...ok(), kind: 'yolo-perf-gate/baseline' }) as unknown as ReturnType<typeof ok>,
      c: ok,
      msg: /baseline: expected kind "yolo-perf-gate\/result"/,
    },
  ])('$name -> UsageError', ({ b, c, msg }) => {
    let caught: unknown;
    try {
      compareResults({ baseline: b(), current: c(), mode: 'stored-baseline', policy: DEFAULT_POLICY });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(msg);
  });

  it('a malformed history entry -> UsageError naming it', () => {
    const history = historyOf([10, 10, 10]);
    history[1]!.p50 = Number.NaN;
    expect(() =>
      compareResults({
        baseline: ok(),
        current: ok(),
        history,
        mode: 'stored-baseline',
        policy: DEFAULT_POLICY,
      }),
    ).toThrow(/baseline history\[1\]\.p50: expected a non-negative number, got NaN/);
  });

  it('paired mode accepts different model names but not different shapes', () => {
    expect(
      compareResults({
        baseline: ok(),
        current: cur(1, 50, 2, { name: 'other' }),
        mode: 'paired',
        policy: DEFAULT_POLICY,
      }).mode,
    ).toBe('paired');
    expect(() =>
      compareResults({
        baseline: ok(),
        current: cur(1, 50, 2, { shape: [1, 3, 64, 64] }),
        mode: 'paired',
        policy: DEFAULT_POLICY,
      }),
    ).toThrow(UsageError);
  });

  it('different sha256 with the same name is the normal PR case, not an error', () => {
    expect(compare({ baseline: ok(), current: cur(1.0, 50) }).verdict).toBe('pass');
  });

  it('is deterministic: same inputs, same document', () => {
    const a = compare({ baseline: base(300), current: cur(1.03, 300) });
    const b = compare({ baseline: base(300), current: cur(1.03, 300) });
    expect(a).toEqual(b);
  });

  it('the SHA constants are distinct (fixture sanity)', () => expect(SHA_A).not.toBe(SHA_B));
});
