import type { BenchResult } from '../schema/result.js';
import { formatMs } from '../util/format.js';
import { codeSpan, escapeMarkdown } from './escape.js';

/**
 * The report of a run with nothing to compare it with (no baseline for this model, provider and
 * hardware): the verdict is inconclusive, the numbers of this run are still shown.
 */
export function renderNoBaselineMarkdown(current: BenchResult, reason: string): string {
  const l = current.latency;
  return [
    `### ⚪ yolo-perf-gate: **inconclusive** for ${codeSpan(current.model.name, 120)} (${escapeMarkdown(current.provider.actual)})`,
    '',
    `No baseline to compare with: ${escapeMarkdown(reason, 2000)}`,
    '',
    `| metric | current |`,
    `| --- | ---: |`,
    `| P50 | ${formatMs(l.p50)} |`,
    `| P99 | ${formatMs(l.p99)} |`,
    `| throughput | ${l.throughputPerSecond.toFixed(1)} /s |`,
    '',
  ].join('\n');
}
