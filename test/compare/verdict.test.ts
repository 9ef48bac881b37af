/**
 * The verdict (src/compare): which statistics each kind of comparison gets, the decision rule, one
 * Holm family over every gated metric, the blockers that apply to every metric (profile rows
 * included), and bad input. Synthetic, seeded results (fixtures.ts); no timing.
 */
import { describe, expect, it } from 'vitest';
import { compareResults, pairedBlocks, type CompareInput } from '../../src/compare/index.js';
import { Comparison, type MetricComparison, type Policy } from '../../src/compare/schema.js';
import { DEFAULT_POLICY, makePolicy } from '../../src/config/policy.js';
import type { ProfileSummary } from '../../src/profile/schema.js';
import type { BenchResult } from '../../src/schema/result.js';
import { assertValid } from '../../src/schema/validate.js';
import { createRandomSource, holmAdjust } from '../../src/stats/index.js';
import { UsageError } from '../../src/util/errors.js';
import { historyOf, latencies, makeResult, MIB, SHA_A, SHA_B } from './fixtures.js';

const base = (n = 300, seed = 1, opts = {}) => makeResult(latencies(n, seed, opts));
const cur = (scale: number, n = 300, seed = 2, o: Parameters<typeof makeResult>[1] = {}, opts = {}) =>
  makeResult(latencies(n, seed, { scale, ...opts }), { sha256: SHA_B, ...o });

function compare(input: Partial<CompareInput> & Pick<CompareInput, 'baseline' | 'current'>): Comparison {
  const c = compareResults({ mode: 'stored-baseline', policy: DEFAULT_POLICY, ...input });
  return assertValid(Comparison, c, 'comparison');
}
const row = (c: Comparison, metric: string): MetricComparison =>
  c.metrics.find((m) => m.metric === metric) as MetricComparison;

describe('two runs, no history: samples in time order (block bootstrap, long-run rank test)', () => {
  it.each([
    { scale: 1.1, verdict: 'regression' },
    { scale: 0.9, verdict: 'improvement' },
    { scale: 1.0, verdict: 'pass' },
  ])('P50 ×$scale -> $verdict', ({ scale, verdict }) => {
    const c = compare({ baseline: base(), current: cur(scale) });
    expect(row(c, 'p50').basis).toBe('samples');
    expect(c.verdict).toBe(verdict);
  });

  it('a significant +1.5% under the 3% threshold is no change', () => {
    const c = compare({
      baseline: base(2000, 1, { sigma: 0.01 }),
      current: cur(1.015, 2000, 2, {}, { sigma: 0.01 }),
    });
    expect(row(c, 'p50').verdict).toBe('no-change');
  });

  it('the reason names the metric, the change, its interval, the threshold and where it comes from, and p', () => {
    const c = compare({ baseline: base(), current: cur(1.1) });
    expect(row(c, 'p50').reason).toMatch(
      /^P50 \+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\] beyond the configured 3% threshold, p(=|<)\S+ \(Holm\)$/,
    );
    expect(row(c, 'p50').method).toMatch(/no run history/);
  });

  it('every tested metric states the smallest slow-down it would have caught (MDE)', () => {
    const c = compare({ baseline: base(), current: cur(1.0) });
    const mde = row(c, 'p50').minimumDetectableEffect as number;
    expect(mde).toBeGreaterThan(0.03);
    expect(mde).toBeLessThan(0.2);
    expect(c.reason).toMatch(/would have caught a P50 latency slow-down of \+\d+\.\d% or more/);
  });

  it('too few samples -> inconclusive with the reason', () => {
    const c = compare({ baseline: base(10), current: cur(1.2, 10) });
    expect(row(c, 'p50').verdict).toBe('inconclusive');
    expect(row(c, 'p50').reason).toMatch(/needs at least 30 samples per side, have 10/);
  });
});

describe('P99: an exact-size tail test with enough samples (issue 17)', () => {
  it('100 samples: P99 not gated, with the LoadGen sample rule in the reason', () => {
    const c = compare({ baseline: base(100), current: cur(1.0, 100) });
    expect(row(c, 'p99')).toMatchObject({ gated: false, verdict: 'inconclusive' });
    expect(row(c, 'p99').reason).toMatch(/P99 needs ≥ \d+ samples per side/);
  });

  it('n = 300 per side, P99 +47% with the body unchanged -> regression at alpha 0.01', () => {
    // The slowest 5% of the current run 1.47× slower (P50 and P90 unchanged): docs/verdict.md.
    const b = latencies(300, 11, { sigma: 0.1 });
    const c = latencies(300, 12, { sigma: 0.1 });
    const cut = [...c].sort((x, y) => x - y)[Math.floor(0.95 * c.length)] as number;
    const slower = c.map((v) => (v >= cut ? Math.round(v * 1.47 * 1e6) / 1e6 : v));
    const out = compare({
      baseline: makeResult(b),
      current: makeResult(slower, { sha256: SHA_B }),
      policy: makePolicy({ alpha: 0.01, gate: ['p50', 'p99'] }),
    });
    expect(row(out, 'p99').verdict).toBe('regression');
    expect(row(out, 'p99').adjustedPValue as number).toBeLessThan(0.01);
    expect(row(out, 'p50').verdict).not.toBe('regression');
    expect(out.verdict).toBe('regression');
  });
});

describe('spikes: their rate is a metric of its own; P99 reads the body when the rates agree', () => {
  const spiky = (n: number, seed: number, rate: number, scale = 1): number[] => {
    const r = createRandomSource(seed + 1000);
    return latencies(n, seed, { scale }).map((v) => (r() < rate ? Math.round(v * (2 + r()) * 1e6) / 1e6 : v));
  };
  it('2% spikes on both sides (A/A): no regression, and P99 is decided on the body', () => {
    const c = compare({
      baseline: makeResult(spiky(1000, 1, 0.02)),
      current: makeResult(spiky(1000, 2, 0.02), { sha256: SHA_B }),
    });
    expect(c.verdict).not.toBe('regression');
    expect(row(c, 'p99').method).toMatch(/P99 of the body/);
  });
  it('spikes from 2% to 12% -> a spike-rate regression (Fisher), in percentage points', () => {
    const c = compare({
      baseline: makeResult(spiky(1000, 1, 0.02)),
      current: makeResult(spiky(1000, 2, 0.12), { sha256: SHA_B }),
    });
    expect(row(c, 'spike-rate').verdict).toBe('regression');
    expect(row(c, 'spike-rate').reason).toMatch(/^Spike rate \+\d+\.\d pp \[/);
    expect(row(c, 'p99').method).toMatch(/all samples/);
  });
});

describe('stored mode with a history: the run is the unit (issue 10)', () => {
  const history = (p50s: number[]) => historyOf(p50s).map((h) => ({ ...h, p50LogSe: 0.004, p99LogSe: 0.02 }));
  it('a +20% run against a steady history of 8 runs is a run-level regression', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.2),
      history: history([10, 10.1, 9.9, 10.05, 9.95, 10.02, 9.98, 10]),
    });
    expect(row(c, 'p50')).toMatchObject({ basis: 'runs', verdict: 'regression' });
    expect(row(c, 'p50').method).toMatch(/prediction interval/);
    expect(c.historyRuns).toBe(8);
  });
  it('the same +20% against a history of runs that move by ±15% is not a regression', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.2),
      history: history([8.5, 11.5, 10, 9, 11, 8.8, 11.2, 10]),
    });
    expect(row(c, 'p50').verdict).not.toBe('regression');
  });
  it('a history shorter than 3 runs can show no change, never a regression, and says why', () => {
    const c = compare({ baseline: base(), current: cur(1.5), history: history([10, 10.01]) });
    expect(row(c, 'p50').verdict).toBe('inconclusive');
    expect(row(c, 'p50').reason).toMatch(/^would be a regression .* but .*/);
  });
  it('history runs of other models and unreliable runs are not used', () => {
    const h = [...history([10, 10, 10]), ...historyOf([20, 20], SHA_B)];
    h[0] = { ...h[0]!, reliable: false };
    expect(compare({ baseline: base(), current: cur(1.0), history: h }).historyRuns).toBe(2);
  });
  it('--runs N: several current runs enter the pooled t interval', () => {
    const runs = [cur(1.0, 300, 2), cur(1.0, 300, 3), cur(1.0, 300, 4)];
    const c = compare({
      baseline: base(),
      current: runs[0]!,
      currentRuns: runs,
      history: history([10, 10.1, 9.9, 10]),
    });
    expect(c.currentRuns).toBe(3);
    expect(row(c, 'p50').method).toMatch(/pooled/);
  });
  it('memory: the history values against this run, with the threshold source named', () => {
    const h = history([10, 10, 10, 10]).map((x, i) => ({ ...x, peakMemoryBytes: (200 + i) * MIB }));
    const grown = compare({
      baseline: base(),
      current: cur(1.0, 300, 2, { rssBytes: 300 * MIB }),
      history: h,
    });
    expect(row(grown, 'peak-memory')).toMatchObject({ basis: 'runs', verdict: 'regression' });
    const small = compare({
      baseline: base(300, 1, {}),
      current: cur(1.0, 300, 2, { rssBytes: 210 * MIB }),
      history: h,
    });
    expect(row(small, 'peak-memory').thresholdSource).toMatch(/^the configured 5%|^the 16.0 MiB floor/);
  });
});

describe('peak memory without a history: one value per side', () => {
  it.each([
    { rss: 205, verdict: 'no-change' },
    { rss: 300, verdict: 'inconclusive' },
  ])('$rss MiB against 200 MiB -> $verdict', ({ rss, verdict }) => {
    const c = compare({ baseline: base(), current: cur(1.0, 300, 2, { rssBytes: rss * MIB }) });
    expect(row(c, 'peak-memory').verdict).toBe(verdict);
  });
  it('the 16 MiB floor is named as the source of the effective threshold', () => {
    const tiny = (rss: number, o = {}) => makeResult(latencies(300, 1), { rssBytes: rss * MIB, ...o });
    const c = compare({ baseline: tiny(100), current: tiny(101, { sha256: SHA_B }) });
    expect(row(c, 'peak-memory').thresholdSource).toBe('the 16.0 MiB floor (5% of 100.0 MiB is 5.0 MiB)');
  });
});

describe('paired mode: block pairs cancel drift the two sides share (issue 18)', () => {
  // A shared +20% ramp across the run and a true +5%: pairs of single runs in a random order.
  function rampRun(pairs: number, effect: number, seed: number): { a: number[]; b: number[]; order: string } {
    const r = createRandomSource(seed);
    const a: number[] = [];
    const b: number[] = [];
    let order = '';
    for (let k = 0; k < pairs; k++) {
      const drift = 1 + (0.2 * k) / pairs;
      const noise = () => Math.exp(0.02 * (r() + r() + r() - 1.5) * 2);
      a.push(Math.round(10 * drift * noise() * 1e6) / 1e6);
      b.push(Math.round(10 * (1 + effect) * drift * noise() * 1e6) / 1e6);
      order += r() < 0.5 ? 'A' : 'B';
    }
    return { a, b, order };
  }
  const paired = (a: number[], b: number[], order: string, policy: Policy = DEFAULT_POLICY) => {
    const pairing = { blockSize: 1, order, createdFirst: 'baseline' as const };
    const ra = makeResult(a);
    const rb = makeResult(b, { sha256: SHA_B });
    ra.pairing = { role: 'baseline', ...pairing };
    rb.pairing = { role: 'current', ...pairing };
    return compare({ baseline: ra, current: rb, mode: 'paired', policy });
  };
  it('finds +5% with an interval above 3% where the pooled analysis of the same samples cannot', () => {
    const { a, b, order } = rampRun(300, 0.05, 7);
    const p = paired(a, b, order);
    expect(row(p, 'p50').basis).toBe('block-pairs');
    expect(row(p, 'p50').verdict).toBe('regression');
    expect(row(p, 'p50').ci!.lower).toBeGreaterThan(0.03);
    expect(Math.abs(row(p, 'p50').relativeChange - 0.05)).toBeLessThan(0.015);
    const pooled = compare({
      baseline: makeResult(a),
      current: makeResult(b, { sha256: SHA_B }),
      mode: 'paired',
    });
    expect(row(pooled, 'p50').basis).toBe('samples');
    expect(row(pooled, 'p50').verdict).toBe('inconclusive');
  });
  it('rebuilds the block sequence from the two results and the recorded order', () => {
    expect(
      pairedBlocks([1, 2, 3, 4], [5, 6, 7, 8], { blockSize: 2, order: 'AB', createdFirst: 'current' }),
    ).toEqual([
      { side: 'A', samples: [1, 2] },
      { side: 'B', samples: [5, 6] },
      { side: 'B', samples: [7, 8] },
      { side: 'A', samples: [3, 4] },
    ]);
    expect(() => pairedBlocks([1], [2], { blockSize: 1, order: 'AA', createdFirst: 'baseline' })).toThrow(
      UsageError,
    );
  });
  it('memory probes of each model alone are compared run against run', () => {
    const { a, b, order } = rampRun(100, 0, 3);
    const pairing = { blockSize: 1, order, createdFirst: 'baseline' as const };
    const ra = makeResult(a);
    const rb = makeResult(b, { sha256: SHA_B });
    ra.pairing = { role: 'baseline', ...pairing };
    rb.pairing = { role: 'current', ...pairing };
    const c = compare({
      baseline: ra,
      current: rb,
      mode: 'paired',
      memoryProbes: {
        baseline: [200, 201, 200].map((x) => x * MIB),
        current: [300, 301, 300].map((x) => x * MIB),
      },
    });
    expect(row(c, 'peak-memory')).toMatchObject({ basis: 'runs', verdict: 'regression' });
  });
  it('a busy machine is reported but does not block a paired verdict (both sides shared it)', () => {
    const { a, b, order } = rampRun(300, 0.1, 9);
    const pairing = { blockSize: 1, order, createdFirst: 'baseline' as const };
    const ra = makeResult(a, { reliable: false, reasons: ['other processes used 1.7 of 2 cores'] });
    const rb = makeResult(b, {
      sha256: SHA_B,
      reliable: false,
      reasons: ['other processes used 1.7 of 2 cores'],
    });
    ra.pairing = { role: 'baseline', ...pairing };
    rb.pairing = { role: 'current', ...pairing };
    const c = compare({ baseline: ra, current: rb, mode: 'paired' });
    expect(c.verdict).toBe('regression');
    expect(c.unreliable.length).toBeGreaterThan(0);
  });
});

describe('one family: Holm over every gated metric', () => {
  it('adjusted p-values are holmAdjust of the raw p of the gated, tested metrics', () => {
    const c = compare({ baseline: base(), current: cur(1.02) });
    const tested = c.metrics.filter((m) => m.gated && m.pValue !== undefined);
    expect(tested.length).toBeGreaterThanOrEqual(3);
    expect(tested.map((m) => m.adjustedPValue)).toEqual(holmAdjust(tested.map((m) => m.pValue as number)));
  });
});

describe('what makes a comparison unusable applies to every metric', () => {
  const profile = (backbone: number[]): ProfileSummary =>
    ({
      modules: [
        { module: 'backbone', medianUs: backbone[0], share: 50, nodeCount: 10, perIterationUs: backbone },
      ],
      layers: [],
      opTypes: [],
      topNodes: [],
      nodeMedians: {},
      totals: { nodeTimeMedianUs: backbone[0], nodeCount: 10 },
    }) as unknown as ProfileSummary;
  const withProfile = (r: BenchResult, p: ProfileSummary): BenchResult => ({ ...r, profile: p });
  const slowBackbone = () => ({
    baseline: withProfile(base(), profile(Array.from({ length: 20 }, (_, i) => 1000 + (i % 5)))),
    current: withProfile(cur(1.0), profile(Array.from({ length: 20 }, (_, i) => 1500 + (i % 5)))),
    policy: makePolicy({ profileGate: [{ scope: 'module', maxSlowdownPercent: 10 }] }),
  });

  it('a profile-gate scope is a tested metric of the family: +50% backbone -> regression', () => {
    const c = compare(slowBackbone());
    const p = row(c, 'profile');
    expect(p).toMatchObject({ scope: 'module:backbone', verdict: 'regression', basis: 'iterations' });
    expect(p.adjustedPValue).toBeDefined();
    expect(c.verdict).toBe('regression');
  });

  it.each([
    ['other hardware', { env: { hardwareClass: 'cpu-other-8c' } }],
    ['an unreliable current run', { reliable: false, reasons: ['other processes used 1.7 of 2 cores'] }],
  ])('with %s the profile row is inconclusive too, never a regression', (_name, o) => {
    const input = slowBackbone();
    const c = compare({
      ...input,
      current: withProfile(
        cur(1.0, 300, 2, o),
        profile(Array.from({ length: 20 }, (_, i) => 1500 + (i % 5))),
      ),
    });
    expect(row(c, 'profile').verdict).toBe('inconclusive');
    expect(c.verdict).toBe('inconclusive');
  });

  it('an unreliable run blocks an improvement too (stored mode)', () => {
    const c = compare({
      baseline: base(),
      current: cur(0.8, 300, 2, { reliable: false, reasons: ['busy'] }),
    });
    expect(row(c, 'p50').verdict).toBe('inconclusive');
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/current: busy/);
  });

  it('policy unreliable=ignore keeps the verdict', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.2, 300, 2, { reliable: false, reasons: ['busy'] }),
      policy: makePolicy({ unreliableIsInconclusive: false }),
    });
    expect(c.verdict).toBe('regression');
  });

  it.each([
    ['onnxruntime', { onnxruntime: '1.30.0' }, true],
    ['intraOpThreads', { intraOpThreads: 4 }, true],
    ['node', { node: 'v22.0.0' }, false],
  ])('environment field %s breaks comparability: %s', (field, env, breaks) => {
    const c = compare({ baseline: base(), current: cur(1.2, 300, 2, { env }) });
    expect(c.environmentDifferences.find((d) => d.field === field)?.breaksComparability).toBe(breaks);
    expect(c.verdict).toBe(breaks ? 'inconclusive' : 'regression');
  });

  it('a runner that became 30% slower on the reference workload is not compared', () => {
    const cal = (ms: number) => ({
      workload: {
        model: 'builtin:yolov8n@64',
        sha256: SHA_A,
        provider: 'cpu',
        intraOpThreads: 1,
        interOpThreads: 1,
        graphOptimizationLevel: 'all',
        phaseSeconds: 0.5,
      },
      before: { count: 100, medianMs: ms, timedSeconds: 0.5 },
      after: { count: 100, medianMs: ms * 1.01, timedSeconds: 0.5 },
      medianMs: ms,
      drift: 0.01,
    });
    const b = { ...base(), calibration: cal(2) } as BenchResult;
    const c0 = { ...cur(1.3), calibration: cal(2.6) } as BenchResult;
    const c = compare({ baseline: b, current: c0 });
    expect(c.verdict).toBe('inconclusive');
    expect(row(c, 'p50').reason).toMatch(/this runner is 30% slower on the reference workload/);
  });

  it('profile-gate without profiles is inconclusive, never a silent pass', () => {
    const c = compare({
      baseline: base(),
      current: cur(1.0),
      policy: makePolicy({ profileGate: [{ scope: 'module', maxSlowdownPercent: 10 }] }),
    });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/has no profile/);
  });

  it('hardwareMismatch -> inconclusive with the reason', () => {
    const c = compare({ baseline: base(), current: cur(1.2), hardwareMismatch: 'baseline is for cpu-x' });
    expect(c.verdict).toBe('inconclusive');
    expect(c.reason).toMatch(/hardware mismatch: baseline is for cpu-x/);
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
    expect(compare({ baseline: ok(), current: cur(1.0, 50) }).verdict).not.toBe('regression');
  });

  it('is deterministic: same inputs, same document', () => {
    const a = compare({ baseline: base(300), current: cur(1.03, 300) });
    const b = compare({ baseline: base(300), current: cur(1.03, 300) });
    expect(a).toEqual(b);
  });

  it('the SHA constants are distinct (fixture sanity)', () => expect(SHA_A).not.toBe(SHA_B));
});
