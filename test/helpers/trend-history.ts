/**
 * Generated nightly histories with known change points, for the trend tests, the validation
 * script (scripts/trend-validation.ts) and the dashboard screenshot. Noise is multiplicative and
 * normal (inverse-transform sampling from the seeded generator), levels as in docs/gate-quality.md.
 */
import { createHash } from 'node:crypto';
import { normalQuantile } from '../../src/stats/normal.js';
import { createRandomSource } from '../../src/stats/rng.js';
import type { BaselineKey } from '../../src/baseline/schema.js';
import { HISTORY_RECORD_KIND, type HistoryRecord } from '../../src/trend/schema.js';

export type SyntheticMetric = 'latency' | 'p50' | 'p99' | 'memory';

export type SyntheticEvent =
  | { type: 'step'; metric: SyntheticMetric; day: number; relative: number }
  | { type: 'creep'; metric: SyntheticMetric; fromDay: number; days: number; perDay: number };

export interface SyntheticSpec {
  days: number;
  key?: BaselineKey;
  /** First run, ISO 8601; one run a day after it. */
  start?: string;
  p50Ms?: number;
  p99Ms?: number;
  memoryBytes?: number;
  /** Relative standard deviation of each metric's run-to-run noise. */
  noise?: { p50?: number; p99?: number; memory?: number };
  events?: SyntheticEvent[];
  /** Days marked unreliable (their latency is also inflated by 30%, as a disturbed run would be). */
  unreliableDays?: number[];
  /** Days whose latency is 15% high but which are not marked unreliable (undetected disturbances). */
  outlierDays?: number[];
  /** Per-module times (µs) on every run when true. */
  profiled?: boolean;
  seed?: number;
}

/** Generated data, so the key says so (no GPU was measured for any of it). */
export const DEFAULT_KEY: BaselineKey = {
  model: 'yolov8n-640',
  provider: 'cpu',
  hardwareClass: 'generated-example',
};

/** A 40-hex commit id that is stable for a seed and day. */
export function fakeCommit(seed: number, day: number): string {
  return createHash('sha1').update(`${seed}:${day}`).digest('hex');
}

function levelOn(day: number, metric: 'p50' | 'p99' | 'memory', events: readonly SyntheticEvent[]): number {
  let level = 1;
  for (const e of events) {
    const applies = e.metric === metric || (e.metric === 'latency' && metric !== 'memory');
    if (!applies) continue;
    if (e.type === 'step' && day >= e.day) level *= 1 + e.relative;
    if (e.type === 'creep' && day >= e.fromDay)
      level *= (1 + e.perDay) ** Math.min(day - e.fromDay + 1, e.days);
  }
  return level;
}

/** One record per day, oldest first. */
export function syntheticHistory(spec: SyntheticSpec): HistoryRecord[] {
  const seed = spec.seed ?? 1;
  const random = createRandomSource(seed);
  const normal = (): number => normalQuantile(Math.min(Math.max(random(), 1e-12), 1 - 1e-12));
  const key = spec.key ?? DEFAULT_KEY;
  const start = Date.parse(spec.start ?? '2025-01-01T03:17:00Z');
  const noise = { p50: 0.0126, p99: 0.1, memory: 0.005, ...spec.noise };
  const events = spec.events ?? [];
  const unreliable = new Set(spec.unreliableDays ?? []);
  const outliers = new Set(spec.outlierDays ?? []);
  const records: HistoryRecord[] = [];
  for (let day = 0; day < spec.days; day++) {
    const bad = unreliable.has(day);
    const inflate = bad ? 1.3 : outliers.has(day) ? 1.15 : 1;
    const p50 = (spec.p50Ms ?? 12) * levelOn(day, 'p50', events) * (1 + noise.p50 * normal()) * inflate;
    const p99 = (spec.p99Ms ?? 18) * levelOn(day, 'p99', events) * (1 + noise.p99 * normal()) * inflate;
    const memory = Math.round(
      (spec.memoryBytes ?? 600 * 2 ** 20) * levelOn(day, 'memory', events) * (1 + noise.memory * normal()),
    );
    const p99Safe = Math.max(p99, p50);
    records.push({
      kind: HISTORY_RECORD_KIND,
      schemaVersion: 1,
      key,
      commit: fakeCommit(seed, day),
      date: new Date(start + day * 86_400_000).toISOString(),
      source: 'nightly',
      modelSha256: createHash('sha256').update(key.model).digest('hex'),
      toolVersion: '0.1.0',
      latency: {
        count: 300,
        p50,
        p90: (p50 + p99Safe) / 2,
        p99: p99Safe,
        mean: p50 * 1.02,
        stdev: p50 * 0.03,
      },
      memory:
        key.provider === 'cpu'
          ? { gatedBytes: memory, peakRssBytes: memory }
          : { gatedBytes: memory, peakRssBytes: 900 * 2 ** 20, peakGpuBytes: memory },
      provider: { requested: [key.provider], actual: key.provider, fallback: false },
      health: bad
        ? { reliable: false, reasons: ['generated: an unreliable run (e.g. a busy machine), 30% slower'] }
        : { reliable: true, reasons: [] },
      ...(spec.profiled
        ? {
            modulesUs: {
              backbone: Math.round(p50 * 520),
              neck: Math.round(p50 * 300),
              head: Math.round(p50 * 150),
            },
          }
        : {}),
    });
  }
  return records;
}

/** The generated year of nightly runs used in docs/trend.md and the README screenshot. */
export function yearOfNightlies(key: BaselineKey = DEFAULT_KEY, seed = 2025): HistoryRecord[] {
  return syntheticHistory({
    days: 365,
    key,
    seed,
    profiled: true,
    events: [
      { type: 'step', metric: 'latency', day: 90, relative: 0.04 },
      { type: 'creep', metric: 'latency', fromDay: 180, days: 30, perDay: 0.01 },
      { type: 'step', metric: 'memory', day: 250, relative: 0.08 },
      { type: 'step', metric: 'latency', day: 300, relative: -0.2 },
    ],
    unreliableDays: [40, 41, 150, 222, 330],
  });
}
