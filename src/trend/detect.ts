/**
 * Change points of one key's history: the P50, P99 and memory series of its reliable runs, each
 * searched with E-Divisive Means (./edivisive.ts); every change point gets its size (relative
 * change of the segment means either side), the commits either side (the range to bisect) and its
 * confidence (1 − permutation p). Unreliable runs are kept as points (marked) but excluded from the
 * series. Pure.
 */
import type { BaselineKey } from '../baseline/schema.js';
import { eDivisive, type EDivisiveOptions } from './edivisive.js';
import type { HistoryRecord, ReportedChange, TrendMetric } from './schema.js';
import { TREND_METRICS } from './schema.js';

export interface TrendOptions extends Omit<EDivisiveOptions, 'maxChangePoints'> {
  metrics?: readonly TrendMetric[];
}

/** Defaults of `perf-gate trend` (docs/trend.md explains the choice with the validation table). */
export const TREND_DEFAULTS = {
  significance: 0.01,
  permutations: 199,
  minSize: 3,
  /** Smallest relative change that is alerted on (significant smaller changes are still shown). */
  minRelativeChange: 0.02,
  /** A change point within this many runs of a reported one is the same change. */
  matchTolerance: 3,
  /** Same-direction change points at most this many runs apart form one gradual change. */
  episodeGap: 10,
} as const;

export const METRIC_UNITS: Record<TrendMetric, 'ms' | 'bytes'> = { p50: 'ms', p99: 'ms', memory: 'bytes' };
export const METRIC_LABELS: Record<TrendMetric, string> = {
  p50: 'P50 latency',
  p99: 'P99 latency',
  memory: 'peak memory',
};

/** The value of `metric` in a record (ms for latency, bytes for memory). */
export function metricValue(record: HistoryRecord, metric: TrendMetric): number {
  return metric === 'p50'
    ? record.latency.p50
    : metric === 'p99'
      ? record.latency.p99
      : record.memory.gatedBytes;
}

export interface RunRef {
  /** Index in the key's records (all runs, oldest first). */
  recordIndex: number;
  date: string;
  commit?: string;
}

export interface ChangePoint {
  metric: TrendMetric;
  /** Index in the reliable series of the first run after the change. */
  index: number;
  /** Last reliable run before the change and first run after it: bisect between their commits. */
  before: RunRef;
  after: RunRef;
  beforeMean: number;
  afterMean: number;
  /** afterMean / beforeMean − 1; positive is slower (or more memory). */
  relativeChange: number;
  pValue: number;
  /** 1 − pValue. */
  confidence: number;
  qhat: number;
  /** 1 = accepted first (the strongest change). */
  order: number;
}

export interface Segment {
  /** Reliable-series indices [start, end). */
  start: number;
  end: number;
  mean: number;
}

/**
 * Consecutive change points in the same direction with short segments between them: one gradual
 * change (a creep is cut into several steps by the divisive search), or a single step.
 */
export interface Episode {
  kind: 'step' | 'gradual';
  metric: TrendMetric;
  before: RunRef;
  after: RunRef;
  beforeMean: number;
  afterMean: number;
  relativeChange: number;
  changePoints: number;
}

export interface MetricTrend {
  metric: TrendMetric;
  unit: 'ms' | 'bytes';
  /** Every run's value, in record order; `reliable: false` ones are not in the analysed series. */
  values: { recordIndex: number; value: number; reliable: boolean }[];
  changePoints: ChangePoint[];
  segments: Segment[];
  episodes: Episode[];
}

export interface ExcludedRun extends RunRef {
  reasons: string[];
}

export interface KeyTrend {
  key: BaselineKey;
  runs: number;
  reliableRuns: number;
  excluded: ExcludedRun[];
  metrics: MetricTrend[];
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

function runRef(records: readonly HistoryRecord[], recordIndex: number): RunRef {
  const r = records[recordIndex] as HistoryRecord;
  return { recordIndex, date: r.date, ...(r.commit ? { commit: r.commit } : {}) };
}

/** Groups change points into episodes (see {@link Episode}). */
export function episodesOf(
  changePoints: readonly ChangePoint[],
  gap: number = TREND_DEFAULTS.episodeGap,
): Episode[] {
  const episodes: Episode[] = [];
  let group: ChangePoint[] = [];
  const flush = (): void => {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) return;
    episodes.push({
      kind: group.length > 1 ? 'gradual' : 'step',
      metric: first.metric,
      before: first.before,
      after: last.after,
      beforeMean: first.beforeMean,
      afterMean: last.afterMean,
      relativeChange: first.beforeMean === 0 ? 0 : last.afterMean / first.beforeMean - 1,
      changePoints: group.length,
    });
    group = [];
  };
  for (const cp of changePoints) {
    const prev = group[group.length - 1];
    if (
      prev &&
      (Math.sign(prev.relativeChange) !== Math.sign(cp.relativeChange) || cp.index - prev.index > gap)
    )
      flush();
    group.push(cp);
  }
  flush();
  return episodes;
}

/** Analyses one key's records (oldest first). */
export function analyseHistory(records: readonly HistoryRecord[], options: TrendOptions = {}): KeyTrend {
  const first = records[0];
  if (!first) throw new RangeError('records: the history of a key has at least one run');
  const metrics = options.metrics ?? TREND_METRICS;
  const reliableIdx = records.flatMap((r, i) => (r.health.reliable ? [i] : []));
  const excluded = records.flatMap((r, i) =>
    r.health.reliable
      ? []
      : [
          {
            ...runRef(records, i),
            reasons: r.health.reasons.length ? r.health.reasons : ['marked unreliable'],
          },
        ],
  );
  const trends = metrics.map((metric, m): MetricTrend => {
    const series = reliableIdx.map((i) => metricValue(records[i] as HistoryRecord, metric));
    const { changePoints: raw } = eDivisive(series, {
      significance: options.significance ?? TREND_DEFAULTS.significance,
      permutations: options.permutations ?? TREND_DEFAULTS.permutations,
      minSize: options.minSize ?? TREND_DEFAULTS.minSize,
      // One stream per metric, so adding a metric does not change the others' answers.
      seed: (options.seed ?? 0x7e9d) + m * 7919,
    });
    const bounds = [0, ...raw.map((c) => c.index), series.length];
    const segments: Segment[] = [];
    for (let s = 0; s + 1 < bounds.length; s++) {
      const start = bounds[s] as number;
      const end = bounds[s + 1] as number;
      segments.push({ start, end, mean: mean(series.slice(start, end)) });
    }
    const changePoints = raw.map((c, k): ChangePoint => {
      const beforeMean = (segments[k] as Segment).mean;
      const afterMean = (segments[k + 1] as Segment).mean;
      return {
        metric,
        index: c.index,
        before: runRef(records, reliableIdx[c.index - 1] as number),
        after: runRef(records, reliableIdx[c.index] as number),
        beforeMean,
        afterMean,
        relativeChange: beforeMean === 0 ? 0 : afterMean / beforeMean - 1,
        pValue: c.pValue,
        confidence: 1 - c.pValue,
        qhat: c.qhat,
        order: c.order,
      };
    });
    return {
      metric,
      unit: METRIC_UNITS[metric],
      episodes: episodesOf(changePoints),
      values: records.map((r, i) => ({
        recordIndex: i,
        value: metricValue(r, metric),
        reliable: r.health.reliable,
      })),
      changePoints,
      segments,
    };
  });
  return {
    key: first.key,
    runs: records.length,
    reliableRuns: reliableIdx.length,
    excluded,
    metrics: trends,
  };
}

/** A stable id of a change point for messages and ledgers: `p50@2025-03-01T03:17:00.000Z`. */
export function changePointId(cp: Pick<ChangePoint, 'metric' | 'after'>): string {
  return `${cp.metric}@${cp.after.date}`;
}

/**
 * The slow-downs of `trend` that need an alert: relative change ≥ `minRelativeChange` and no
 * reported change of the same metric within `tolerance` runs (a change point's estimated position
 * may move by a run or two as more runs arrive; it is still the same change).
 */
export function newSlowdowns(
  trend: KeyTrend,
  reported: readonly Pick<ReportedChange, 'metric' | 'afterDate'>[],
  records: readonly HistoryRecord[],
  {
    minRelativeChange = TREND_DEFAULTS.minRelativeChange,
    tolerance = TREND_DEFAULTS.matchTolerance,
  }: { minRelativeChange?: number; tolerance?: number } = {},
): ChangePoint[] {
  const reliableDates = records.filter((r) => r.health.reliable).map((r) => r.date);
  const positionOf = (date: string): number => {
    const i = reliableDates.findIndex((d) => d >= date);
    return i < 0 ? reliableDates.length : i;
  };
  return trend.metrics
    .flatMap((m) => m.changePoints)
    .filter((cp) => cp.relativeChange >= minRelativeChange)
    .filter(
      (cp) =>
        !reported.some(
          (r) => r.metric === cp.metric && Math.abs(positionOf(r.afterDate) - cp.index) <= tolerance,
        ),
    );
}
