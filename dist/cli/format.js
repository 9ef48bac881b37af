import { formatMetricChange } from '../compare/decide.js';
import { formatChange, formatMiB, formatMicros, formatMs, formatP, formatShare, formatThreshold, } from '../util/format.js';
/** Human summary of one benchmark result for stdout (plain text, aligned columns). */
export function formatBenchSummary(result) {
    const l = result.latency;
    const lines = [
        `model      ${result.model.name}  (${result.model.path}, sha256 ${result.model.sha256.slice(0, 12)})`,
        `inputs     ${result.model.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join('x')}]`).join(', ')}`,
        `provider   ${result.provider.actual}${result.provider.fallback ? `  (FALLBACK from ${result.provider.requested[0]}: ${result.provider.reason ?? 'unavailable'})` : ''}`,
        `machine    ${result.environment.cpuModel} x${result.environment.logicalCpus}, ${result.environment.os}, onnxruntime ${result.environment.onnxruntime}`,
        `samples    ${l.count} timed runs in ${l.timedSeconds.toFixed(2)} s (quantiles: ${l.quantileDefinition})`,
        `latency    P50 ${formatMs(l.p50)}   P90 ${formatMs(l.p90)}   P95 ${formatMs(l.p95)}   P99 ${formatMs(l.p99)}`,
        `           mean ${formatMs(l.mean)}  stdev ${formatMs(l.stdev)}  min ${formatMs(l.min)}  max ${formatMs(l.max)}`,
        `throughput ${l.throughputPerSecond.toFixed(2)} inferences/s`,
        `memory     peak RSS ${formatMiB(result.memory.peakRssBytes)}${result.memory.peakGpuBytes !== undefined ? `   peak GPU ${formatMiB(result.memory.peakGpuBytes)} (${result.memory.gpuMethod ?? ''})` : ''}`,
    ];
    const host = result.machineState;
    if (host) {
        const parts = [
            host.cpu
                ? `other processes ${host.cpu.otherCores.toFixed(2)} of ${host.cpus} cores`
                : 'other processes: /proc/stat missing',
            host.pressure ? `CPU pressure ${(host.pressure.someShare * 100).toFixed(0)}%` : undefined,
            host.cpu && host.cpu.stealCores > 0 ? `steal ${host.cpu.stealCores.toFixed(2)} cores` : undefined,
            host.cgroup?.throttledPeriods
                ? `throttled ${(host.cgroup.throttledShare * 100).toFixed(0)}%`
                : undefined,
        ].filter(Boolean);
        lines.push(`host       ${parts.join(', ')} (timed window ${host.windowSeconds.toFixed(1)} s)`);
    }
    const cal = result.calibration;
    if (cal) {
        lines.push(`calibration ${formatMs(cal.medianMs)} on ${cal.workload.model} (before ${formatMs(cal.before.medianMs)}, after ${formatMs(cal.after.medianMs)}: ${formatChange(cal.drift)})`);
    }
    const ref = result.reference;
    if (ref) {
        lines.push('skipped' in ref
            ? `reference  skipped: ${ref.skipped}`
            : `reference  P50 ${formatMs(ref.p50Ms)} on ${ref.model} at ${ref.imgsz} px, interleaved (${ref.samples} runs): ratio ${ref.ratio.toFixed(4)}${ref.logRatioSe !== undefined ? ` ± ${formatShare(ref.logRatioSe, 2)} (SE)` : ''}`);
    }
    if (!result.health.reliable)
        lines.push(`UNRELIABLE ${result.health.reasons.join('; ')}`);
    return `${lines.join('\n')}\n`;
}
/** The readable table: metric, baseline, current, change [CI], p (Holm), verdict; then the verdict line. */
export function formatComparison(comparison, source) {
    const shown = comparison.metrics.filter((m) => m.metric !== 'profile' || m.verdict !== 'no-change');
    const rows = shown.map((m) => {
        const rel = { absolute: m.unit === 'share' };
        const value = (v) => m.unit === 'ms'
            ? formatMs(v)
            : m.unit === 'share'
                ? formatShare(v)
                : m.unit === 'us'
                    ? formatMicros(v)
                    : formatMiB(v);
        const ci = m.ci
            ? ` [${formatMetricChange(rel, m.ci.lower)}, ${formatMetricChange(rel, m.ci.upper)}]`
            : '';
        const p = m.adjustedPValue !== undefined
            ? formatP(m.adjustedPValue)
            : m.pValue !== undefined
                ? `${formatP(m.pValue)} (raw)`
                : '-';
        const threshold = m.unit === 'share'
            ? formatMetricChange(rel, m.effectiveThreshold)
            : formatThreshold(m.effectiveThreshold);
        const catches = m.minimumDetectableEffect !== undefined
            ? `≥ ${formatMetricChange(rel, m.minimumDetectableEffect)}`
            : '-';
        return [
            m.label,
            value(m.baseline),
            value(m.current),
            `${formatMetricChange(rel, m.relativeChange)}${ci}`,
            threshold,
            p,
            catches,
            `${m.verdict}${m.gated ? '' : ' (not gated)'}`,
        ];
    });
    const header = [
        'metric',
        'baseline',
        'current',
        'change [CI]',
        'threshold',
        'p (Holm)',
        'catches',
        'verdict',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    const runs = comparison.historyRuns > 0 ? `, run-level: ${comparison.historyRuns} baseline run(s)` : '';
    const paired = comparison.paired ? `, ${comparison.paired.pairs} block pairs` : '';
    const out = [
        `compared with ${source} (${comparison.mode}, ${comparison.samples.baseline} vs ${comparison.samples.current} samples${runs}${paired})`,
        line(header),
        ...rows.map(line),
    ];
    for (const m of shown)
        out.push(`  ${m.label}: ${m.reason}`);
    for (const d of comparison.environmentDifferences) {
        out.push(`${d.breaksComparability ? 'DIFFERS' : 'differs'} ${d.field}: baseline ${d.baseline}, current ${d.current}${d.breaksComparability ? ' (breaks comparability)' : ''}`);
    }
    for (const r of comparison.unreliable)
        out.push(`unreliable: ${r}`);
    const cal = comparison.calibration;
    if (cal?.message)
        out.push(`runner calibration: ${cal.message}`);
    if (comparison.reference)
        out.push(`P50 basis: ${comparison.reference.message}`);
    out.push(`verdict: ${comparison.verdict.toUpperCase()} - ${comparison.reason}`);
    out.push('catches: the smallest slow-down each check would have found (80% power)');
    return `${out.join('\n')}\n`;
}
