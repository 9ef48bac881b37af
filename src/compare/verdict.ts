/**
 * The performance-conservation verdict: baseline vs current, per metric and overall. Pure.
 *
 * Rule (docs/verdict.md): a latency metric regresses only when BOTH its Holm-adjusted
 * Mann-Whitney p-value is below α AND the whole confidence interval of its relative change lies
 * above the effective practical threshold; it improves symmetrically; it shows no change when the
 * interval excludes a regression beyond the threshold; otherwise it is inconclusive, with the reason.
 */
import { diffProfiles } from '../profile/diff.js';
import type { ProfileDiff, ProfileSummary } from '../profile/schema.js';
import type { BenchResult } from '../schema/result.js';
import {
  bootstrapQuantileRatioCI,
  holmAdjust,
  mannWhitneyU,
  normalSf,
  quantile,
  quantileSampleSufficiency,
} from '../stats/index.js';
import { UsageError } from '../util/errors.js';
import { formatChange, formatMiB, formatP, formatThreshold } from '../util/format.js';
import { defaultHistorySpreadFactor } from './policy.js';
import type {
  Comparison,
  EnvironmentDifference,
  MetricComparison,
  MetricId,
  MetricVerdict,
  OverallVerdict,
  Policy,
  RunSummary,
} from './schema.js';

export type CompareMode = 'stored-baseline' | 'paired';

export interface CompareInput {
  baseline: BenchResult;
  current: BenchResult;
  /** Run-level summaries of earlier baseline runs (stored-baseline mode): widen the thresholds. */
  history?: readonly RunSummary[];
  mode: CompareMode;
  policy: Policy;
  /** Set when the baseline was recorded on other hardware (e.g. no baseline for this runner class). */
  hardwareMismatch?: string;
}

const RESULT_KIND = 'yolo-perf-gate/result';
const RESULT_SCHEMA_VERSION = 1;

/** Fewest history runs (with the baseline's model) for the between-run spread to be estimated. */
export const MIN_HISTORY_RUNS = 3;
/** Consistency constant of the MAD for the normal σ (Rousseeuw & Croux 1993). */
export const MAD_TO_SIGMA = 1.4826;

// ---------------------------------------------------------------------------------------------
// Input checks.

function checkSamples(samples: unknown, what: string): number[] {
  if (!Array.isArray(samples))
    throw new UsageError(`${what}: latency.samplesMs is missing (expected an array of milliseconds)`);
  if (samples.length === 0)
    throw new UsageError(`${what}: latency.samplesMs is empty; the run has no timed samples`);
  for (let i = 0; i < samples.length; i++) {
    const v: unknown = samples[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new UsageError(`${what}: latency.samplesMs[${i}] is not a finite number, got ${String(v)}`);
    }
    if (v <= 0)
      throw new UsageError(`${what}: latency.samplesMs[${i}] must be a positive duration, got ${v}`);
  }
  return samples as number[];
}

function checkResult(result: BenchResult, what: string): number[] {
  if (result === null || typeof result !== 'object')
    throw new UsageError(`${what}: expected a result document, got ${String(result)}`);
  const r = result as unknown as Record<string, unknown>;
  if (r.kind !== RESULT_KIND)
    throw new UsageError(`${what}: expected kind "${RESULT_KIND}", got "${String(r.kind)}"`);
  if (r.schemaVersion !== RESULT_SCHEMA_VERSION) {
    throw new UsageError(
      `${what}: unsupported result schemaVersion ${String(r.schemaVersion)} (this version reads ${RESULT_SCHEMA_VERSION})`,
    );
  }
  const latency = r.latency as Record<string, unknown> | undefined;
  const samples = checkSamples(latency?.samplesMs, what);
  const memory = r.memory as Record<string, unknown> | undefined;
  const rss = memory?.peakRssBytes;
  if (typeof rss !== 'number' || !Number.isFinite(rss) || rss < 0) {
    throw new UsageError(`${what}: memory.peakRssBytes must be a non-negative number, got ${String(rss)}`);
  }
  const gpu = memory?.peakGpuBytes;
  if (gpu !== undefined && (typeof gpu !== 'number' || !Number.isFinite(gpu) || gpu < 0)) {
    throw new UsageError(`${what}: memory.peakGpuBytes must be a non-negative number, got ${String(gpu)}`);
  }
  return samples;
}

/**
 * Inputs must match by name and shape; float element types count as one, since an FP16 export of the
 * same network takes float16 where the FP32 one takes float32 (a precision change is a typical PR).
 */
function shapeKey(result: BenchResult): string {
  const kind = (dtype: string) => (/^float(16|32|64)$/.test(dtype) ? 'float' : dtype);
  return JSON.stringify(
    result.model.inputs.map((i) => ({ name: i.name, dtype: kind(i.dtype), shape: i.shape })),
  );
}

function describeInputs(result: BenchResult): string {
  return result.model.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}]`).join(', ');
}

function checkHistory(history: readonly RunSummary[], what = 'baseline history'): void {
  history.forEach((h, i) => {
    for (const key of ['p50', 'p99', 'peakMemoryBytes'] as const) {
      const v = h[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new UsageError(`${what}[${i}].${key}: expected a non-negative number, got ${String(v)}`);
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Environment fingerprints.

const BREAKING_ENV_FIELDS = new Set([
  'hardwareClass',
  'cpuModel',
  'logicalCpus',
  'arch',
  'onnxruntime',
  'executionProvider',
  'intraOpThreads',
  'interOpThreads',
  'graphOptimizationLevel',
]);
const BREAKING_GPU_FIELDS = new Set([
  'name',
  'model',
  'driverVersion',
  'cudaVersion',
  'cudaDriverVersion',
  'computeCapability',
  'memoryTotalBytes',
  'powerLimitWatts',
  'migEnabled',
]);

function envString(v: unknown): string {
  if (v === undefined) return '(absent)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * Every difference between two environment fingerprints. `breaksComparability` is true for what
 * changes latency by itself: the hardware (class, CPU model and count, GPU model, memory, power
 * limit, MIG), the software that runs the model (onnxruntime, driver, CUDA), the execution
 * provider and the session settings (threads, graph optimisation). The OS release, Node.js
 * version and total RAM are reported but do not break comparability.
 */
export function environmentDifferences(baseline: BenchResult, current: BenchResult): EnvironmentDifference[] {
  const out: EnvironmentDifference[] = [];
  const a = baseline.environment as unknown as Record<string, unknown>;
  const b = current.environment as unknown as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'gpu');
  for (const key of keys) {
    const va = envString(a[key]);
    const vb = envString(b[key]);
    if (va !== vb)
      out.push({ field: key, baseline: va, current: vb, breaksComparability: BREAKING_ENV_FIELDS.has(key) });
  }
  const ga = (a.gpu ?? undefined) as Record<string, unknown> | undefined;
  const gb = (b.gpu ?? undefined) as Record<string, unknown> | undefined;
  if (ga || gb) {
    if (!ga || !gb) {
      out.push({
        field: 'gpu',
        baseline: ga ? 'present' : '(absent)',
        current: gb ? 'present' : '(absent)',
        breaksComparability: true,
      });
    } else {
      for (const key of [...new Set([...Object.keys(ga), ...Object.keys(gb)])]) {
        const va = envString(ga[key]);
        const vb = envString(gb[key]);
        if (va !== vb) {
          out.push({
            field: `gpu.${key}`,
            baseline: va,
            current: vb,
            breaksComparability: BREAKING_GPU_FIELDS.has(key),
          });
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// History widening.

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Robust run-to-run spread of a history column, as a relative σ: 1.4826 × MAD of the relative
 * deviations xᵢ/median(x) − 1 (Hampel 1974; Rousseeuw & Croux, JASA 88(424), 1993). Undefined
 * with fewer than {@link MIN_HISTORY_RUNS} runs or a zero median.
 */
export function relativeSpread(values: readonly number[]): number | undefined {
  if (values.length < MIN_HISTORY_RUNS) return undefined;
  const m = median(values);
  if (!(m > 0)) return undefined;
  const dev = values.map((v) => v / m - 1);
  const md = median(dev);
  return MAD_TO_SIGMA * median(dev.map((d) => Math.abs(d - md)));
}

// ---------------------------------------------------------------------------------------------
// Per-metric comparisons.

interface LatencyTest {
  metric: 'p50' | 'p99';
  q: number;
  threshold: number;
  effective: number;
  /** Why the effective threshold differs, for the reason sentence. */
  widenedBy?: string;
}

interface Draft extends MetricComparison {
  /** Set for metrics that got a p-value (tested), before Holm. */
  ciLower?: number;
  ciUpper?: number;
}

/** Mood's quantile test (two-sided): are the shares of each sample above the pooled q-quantile equal? */
function quantileTestP(base: readonly number[], cur: readonly number[], q: number): number {
  const pooled = [...base, ...cur];
  const cut = quantile(pooled, q);
  const above = (xs: readonly number[]): number => xs.reduce((n, v) => n + (v > cut ? 1 : 0), 0);
  const a1 = above(base);
  const a2 = above(cur);
  const n1 = base.length;
  const n2 = cur.length;
  const p = (a1 + a2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return 1;
  const z = Math.abs(a2 / n2 - a1 / n1) / se;
  return Math.min(1, 2 * normalSf(z));
}

function latencyDraft(
  test: LatencyTest,
  base: number[],
  cur: number[],
  policy: Policy,
  gated: boolean,
): Draft {
  const label = test.metric === 'p50' ? 'P50 latency' : 'P99 latency';
  const q = test.q;
  const baseQ = quantile(base, q);
  const curQ = quantile(cur, q);
  const common = {
    metric: test.metric,
    label,
    unit: 'ms' as const,
    baseline: baseQ,
    current: curQ,
    relativeChange: curQ / baseQ - 1,
    threshold: test.threshold,
    effectiveThreshold: test.effective,
    gated,
  };
  const n = Math.min(base.length, cur.length);
  if (n < policy.minSamples) {
    return {
      ...common,
      method: 'not tested: too few samples',
      verdict: 'inconclusive',
      reason: `${label.split(' ')[0]} needs at least ${policy.minSamples} samples per side, have ${base.length} (baseline) and ${cur.length} (current)`,
    };
  }
  if (test.metric === 'p99') {
    const suff = quantileSampleSufficiency(n, 0.99, policy.confidence);
    if (!suff.sufficient) {
      return {
        ...common,
        gated: false,
        method: 'not tested: too few samples for P99 (MLPerf LoadGen rule)',
        verdict: 'inconclusive',
        reason: `P99 needs ≥ ${suff.required} samples per side, have ${n} (${suff.reason}); not gated`,
      };
    }
  }
  const ci = bootstrapQuantileRatioCI(base, cur, {
    quantile: q,
    confidence: policy.confidence,
    resamples: policy.bootstrapResamples,
    seed: policy.seed,
  });
  const pValue =
    test.metric === 'p50'
      ? mannWhitneyU(cur, base, { alternative: 'two-sided', seed: policy.seed }).p
      : quantileTestP(base, cur, q);
  const method =
    test.metric === 'p50'
      ? `Mann-Whitney U (two-sided) + percentile-bootstrap CI of the median ratio (${policy.bootstrapResamples} resamples)`
      : `Mood's quantile test at q=0.99 (two-sided) + percentile-bootstrap CI of the P99 ratio (${policy.bootstrapResamples} resamples)`;
  return {
    ...common,
    relativeChange: ci.estimate - 1,
    ci: { lower: ci.lower - 1, upper: ci.upper - 1, confidence: policy.confidence },
    pValue: Math.min(1, Math.max(0, pValue)),
    method,
    verdict: 'inconclusive',
    reason: '',
    ciLower: ci.lower - 1,
    ciUpper: ci.upper - 1,
  };
}

/** Applies the decision rule to a tested latency metric once its adjusted p-value is known. */
function decideLatency(d: Draft, adjustedP: number, alpha: number, widenedBy: string | undefined): void {
  d.adjustedPValue = adjustedP;
  const lo = d.ciLower as number;
  const hi = d.ciUpper as number;
  const t = d.effectiveThreshold;
  const name = d.metric === 'p50' ? 'P50' : 'P99';
  const ci = `${formatChange(d.relativeChange)} [${formatChange(lo)}, ${formatChange(hi)}]`;
  const th = `the ${formatThreshold(t)} threshold${widenedBy ? ` (widened from ${formatThreshold(d.threshold)} by ${widenedBy})` : ''}`;
  const p = `p${adjustedP < 1e-15 ? '' : '='}${formatP(adjustedP)}`;
  const significant = adjustedP < alpha;
  let verdict: MetricVerdict;
  let reason: string;
  if (significant && lo > t) {
    verdict = 'regression';
    reason = `${name} ${ci} beyond ${th}, ${p}`;
  } else if (significant && hi < -t) {
    verdict = 'improvement';
    reason = `${name} ${ci} faster than ${th}, ${p}`;
  } else if (lo >= -t && hi <= t) {
    verdict = 'no-change';
    reason = `${name} ${ci} within ±${formatThreshold(t)}${widenedBy ? ` (widened by ${widenedBy})` : ''}, ${p}`;
  } else if (hi <= t) {
    verdict = 'no-change';
    reason = `${name} ${ci}: no slow-down beyond ${th}; a speed-up beyond it is not established, ${p}`;
  } else if (lo > t) {
    verdict = 'inconclusive';
    reason = `${name} ${ci} lies beyond ${th} but is not significant (${p} ≥ α=${alpha})`;
  } else {
    verdict = 'inconclusive';
    reason = `${name} ${ci} straddles ${th}, ${p}: more samples are needed to decide`;
  }
  d.verdict = verdict;
  d.reason = reason;
}

function memoryBytes(result: BenchResult, useGpu: boolean): number {
  return useGpu ? (result.memory.peakGpuBytes as number) : result.memory.peakRssBytes;
}

function memoryComparison(
  baseline: BenchResult,
  current: BenchResult,
  history: readonly RunSummary[],
  mode: CompareMode,
  policy: Policy,
  k: number,
  gated: boolean,
): MetricComparison {
  const useGpu = baseline.memory.peakGpuBytes !== undefined && current.memory.peakGpuBytes !== undefined;
  const label = useGpu ? 'Peak GPU memory' : 'Peak RSS';
  const base = memoryBytes(baseline, useGpu);
  const cur = memoryBytes(current, useGpu);
  const rel = base > 0 ? cur / base - 1 : cur > 0 ? Infinity : 0;
  const { memoryRelative, memoryAbsoluteBytes } = policy.thresholds;
  const spread =
    mode === 'stored-baseline' ? relativeSpread(history.map((h) => h.peakMemoryBytes)) : undefined;
  const relEff = Math.max(memoryRelative, spread !== undefined ? k * spread : 0);
  const allowedBytes = Math.max(relEff * base, memoryAbsoluteBytes);
  const effective = base > 0 ? allowedBytes / base : relEff;
  const common = {
    metric: 'peak-memory' as const,
    label,
    unit: 'bytes' as const,
    baseline: base,
    current: cur,
    relativeChange: Number.isFinite(rel) ? rel : 1,
    threshold: memoryRelative,
    effectiveThreshold: effective,
    method: `single value per run: change vs max(${formatThreshold(relEff)}, ${formatMiB(memoryAbsoluteBytes)})${spread !== undefined ? ', relative threshold widened by the history spread' : ''}`,
    gated,
  };
  if (mode === 'paired') {
    return {
      ...common,
      gated: false,
      verdict: 'inconclusive',
      reason: `${label}: paired mode runs both models in one process, so peak memory cannot be attributed to either; not gated (use a stored baseline)`,
    };
  }
  const delta = cur - base;
  const limit = `max(${formatThreshold(relEff)}, ${formatMiB(memoryAbsoluteBytes)}) = ${formatMiB(allowedBytes)}`;
  const change = `${formatChange(common.relativeChange)} (${delta >= 0 ? '+' : '-'}${formatMiB(Math.abs(delta))}, ${formatMiB(base)} -> ${formatMiB(cur)})`;
  if (delta > allowedBytes) {
    return { ...common, verdict: 'regression', reason: `${label} ${change} beyond the allowed ${limit}` };
  }
  if (-delta > allowedBytes) {
    return { ...common, verdict: 'improvement', reason: `${label} ${change}, a reduction beyond ${limit}` };
  }
  return { ...common, verdict: 'no-change', reason: `${label} ${change} within the allowed ${limit}` };
}

// ---------------------------------------------------------------------------------------------
// The verdict.

function stripDraft(d: Draft): MetricComparison {
  const { ciLower: _l, ciUpper: _u, ...rest } = d;
  return rest;
}

function isProfileSummary(v: unknown): v is ProfileSummary {
  return typeof v === 'object' && v !== null;
}

/**
 * Compares a current benchmark result with a baseline (a stored result, or the other half of a
 * paired A/B run) under `policy` and returns the verdict document.
 *
 * @throws UsageError for inputs that cannot be compared: wrong kind or schema version, missing,
 *   empty, non-finite or non-positive samples, a different model name (stored-baseline mode) or
 *   different input shapes, malformed history entries.
 */
export function compareResults(input: CompareInput): Comparison {
  const { baseline, current, mode, policy } = input;
  const baseSamples = checkResult(baseline, 'baseline');
  const curSamples = checkResult(current, 'current');
  if (mode !== 'stored-baseline' && mode !== 'paired') {
    throw new UsageError(`mode: expected stored-baseline or paired, got "${String(mode)}"`);
  }
  if (mode === 'stored-baseline' && baseline.model.name !== current.model.name) {
    throw new UsageError(
      `baseline and current are different models: "${baseline.model.name}" vs "${current.model.name}" (a baseline is per model name; use --name or pick the matching baseline)`,
    );
  }
  if (shapeKey(baseline) !== shapeKey(current)) {
    throw new UsageError(
      `baseline and current have different input shapes: ${describeInputs(baseline)} vs ${describeInputs(current)}`,
    );
  }
  const allHistory = mode === 'stored-baseline' ? [...(input.history ?? [])] : [];
  checkHistory(allHistory);
  // Only runs of the baseline's own model measure run-to-run noise (other models differ for real).
  const history = allHistory.filter((h) => h.modelSha256 === baseline.model.sha256);
  const k = policy.historySpreadFactor ?? defaultHistorySpreadFactor(policy.alpha);
  const gate = new Set<MetricId>(policy.gate);

  // Latency metrics.
  const tests: LatencyTest[] = (['p50', 'p99'] as const).map((metric) => {
    const threshold = policy.thresholds[metric];
    const spread = relativeSpread(history.map((h) => h[metric]));
    const widened = spread !== undefined ? k * spread : 0;
    const effective = Math.max(threshold, widened);
    return {
      metric,
      q: metric === 'p50' ? 0.5 : 0.99,
      threshold,
      effective,
      ...(widened > threshold
        ? {
            widenedBy: `the run-to-run spread of ${history.length} baseline runs (${k.toFixed(2)} × ${formatThreshold(spread as number)})`,
          }
        : {}),
    };
  });
  const drafts = tests.map((t) => latencyDraft(t, baseSamples, curSamples, policy, gate.has(t.metric)));
  const tested = drafts
    .map((d, i) => ({ d, t: tests[i] as LatencyTest }))
    .filter(({ d }) => d.pValue !== undefined);
  const adjusted = holmAdjust(tested.map(({ d }) => d.pValue as number));
  tested.forEach(({ d, t }, i) => decideLatency(d, adjusted[i] as number, policy.alpha, t.widenedBy));
  const metrics: MetricComparison[] = drafts.map(stripDraft);
  metrics.push(memoryComparison(baseline, current, history, mode, policy, k, gate.has('peak-memory')));

  // Comparability.
  const environmentDifferences_ = environmentDifferences(baseline, current);
  const breaking = environmentDifferences_.filter((e) => e.breaksComparability);
  const blockers: string[] = [];
  if (input.hardwareMismatch) blockers.push(`hardware mismatch: ${input.hardwareMismatch}`);
  if (breaking.length > 0) {
    blockers.push(
      `the environments differ: ${breaking.map((e) => `${e.field} "${e.baseline}" vs "${e.current}"`).join(', ')}`,
    );
  }
  if (blockers.length > 0) {
    for (const m of metrics) {
      if (m.verdict === 'inconclusive' && !m.gated) continue;
      m.verdict = 'inconclusive';
      m.reason = `not comparable (${blockers.join('; ')}); measured ${m.reason}`;
    }
  }

  const unreliable = [
    ...(baseline.health?.reliable === false ? baseline.health.reasons.map((r) => `baseline: ${r}`) : []),
    ...(current.health?.reliable === false ? current.health.reasons.map((r) => `current: ${r}`) : []),
  ];
  if (
    (baseline.health?.reliable === false || current.health?.reliable === false) &&
    unreliable.length === 0
  ) {
    unreliable.push('a run is marked unreliable (no reason recorded)');
  }
  if (unreliable.length > 0 && policy.unreliableIsInconclusive) {
    for (const m of metrics) {
      if (m.verdict === 'regression') {
        m.verdict = 'inconclusive';
        m.reason = `would be a regression (${m.reason}) but the measurement is unreliable: ${unreliable.join('; ')}`;
      }
    }
  }

  // Per-operator gate.
  let profileDiff: ProfileDiff | undefined;
  const profileViolations: string[] = [];
  let profileBlocker: string | undefined;
  const rules = policy.profileGate ?? [];
  if (isProfileSummary(baseline.profile) && isProfileSummary(current.profile)) {
    profileDiff = diffProfiles(baseline.profile, current.profile, { rules });
    for (const v of profileDiff.violations) profileViolations.push(v.message);
  } else if (rules.length > 0) {
    const missing = [
      baseline.profile ? undefined : 'baseline',
      current.profile ? undefined : 'current',
    ].filter(Boolean);
    profileBlocker = `profile-gate is configured but the ${missing.join(' and ')} run has no profile (benchmark with --profile)`;
  }

  const { verdict, reason } = overall(metrics, profileViolations, profileBlocker, blockers);
  const comparison: Comparison = {
    kind: 'yolo-perf-gate/comparison',
    schemaVersion: 1,
    mode,
    verdict,
    reason,
    metrics,
    environmentDifferences: environmentDifferences_,
    unreliable,
    samples: { baseline: baseSamples.length, current: curSamples.length },
    historyRuns: history.length,
    profileViolations,
    policy,
  };
  if (profileDiff) comparison.profileDiff = profileDiff;
  return comparison;
}

function overall(
  metrics: readonly MetricComparison[],
  profileViolations: readonly string[],
  profileBlocker: string | undefined,
  blockers: readonly string[],
): { verdict: OverallVerdict; reason: string } {
  const gated = metrics.filter((m) => m.gated);
  const regressions = gated.filter((m) => m.verdict === 'regression');
  if (regressions.length > 0 || profileViolations.length > 0) {
    return {
      verdict: 'regression',
      reason: `${[...regressions.map((m) => m.reason), ...profileViolations].join('; ')}.`,
    };
  }
  const inconclusive = gated.filter((m) => m.verdict === 'inconclusive');
  if (blockers.length > 0 && gated.length > 0) {
    return { verdict: 'inconclusive', reason: `Not comparable: ${blockers.join('; ')}.` };
  }
  if (inconclusive.length > 0 || profileBlocker) {
    return {
      verdict: 'inconclusive',
      reason: `${[...inconclusive.map((m) => m.reason), ...(profileBlocker ? [profileBlocker] : [])].join('; ')}.`,
    };
  }
  const improvements = gated.filter((m) => m.verdict === 'improvement');
  if (improvements.length > 0) {
    return { verdict: 'improvement', reason: `${improvements.map((m) => m.reason).join('; ')}.` };
  }
  if (gated.length === 0)
    return { verdict: 'pass', reason: 'No metric is gated (gate-metrics is empty); nothing to fail on.' };
  const first = gated.find((m) => m.metric === 'p50') ?? gated[0];
  return {
    verdict: 'pass',
    reason: `No gated metric regressed: ${first ? first.reason : ''}${gated.length > 1 ? ` (and ${gated.length - 1} more metric(s) within their thresholds)` : ''}.`,
  };
}
