import { formatMs } from '../util/format.js';
import { codeSpan, escapeMarkdown } from './escape.js';
/**
 * The report of a run compared with nothing: no baseline for this model, provider and hardware
 * (inconclusive), or `baseline: auto` on a pull request that did not change the model (pass, "model
 * unchanged"). The numbers of this run are still shown.
 */
export function renderNoBaselineMarkdown(current, reason, verdict = 'inconclusive') {
    const l = current.latency;
    const [emoji, title] = verdict === 'pass' ? ['✅', 'Nothing to compare'] : ['⚪', 'No baseline to compare with'];
    return [
        `### ${emoji} yolo-perf-gate: **${verdict}** for ${codeSpan(current.model.name, 120)} (${escapeMarkdown(current.provider.actual)})`,
        '',
        `${title}: ${escapeMarkdown(reason, 2000)}`,
        '',
        `| metric | current |`,
        `| --- | ---: |`,
        `| P50 | ${formatMs(l.p50)} |`,
        `| P99 | ${formatMs(l.p99)} |`,
        `| throughput | ${l.throughputPerSecond.toFixed(1)} /s |`,
        '',
    ].join('\n');
}
