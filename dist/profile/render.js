/**
 * Plain-text rendering of a profile summary for the `perf-gate profile` command. Pure.
 */
import { formatBytes, formatMicros } from '../util/format.js';
export function formatProfileTable(summary, options = {}) {
    const top = options.top ?? 10;
    const lines = [];
    const t = summary.totals;
    lines.push(`Per-operator profile: ${summary.iterationsProfiled} iterations (${summary.warmupRunsExcluded} warm-up excluded), ` +
        `${t.nodeCount} nodes, family ${summary.family}, providers ${summary.placement.providersSeen.join(', ') || 'none'}`);
    const nodeTime = summary.nodeTimeKind === 'dispatch'
        ? 'Node time (WebGPU dispatch, not GPU time) median'
        : 'Node time median';
    lines.push(`${nodeTime} ${formatMicros(t.nodeTimeMedianUs)}` +
        (t.modelRunMedianUs !== undefined ? `, model_run median ${formatMicros(t.modelRunMedianUs)}` : '') +
        `; trace ${summary.trace.fileName} (${formatBytes(summary.trace.bytes)})`);
    lines.push('');
    lines.push('Module split: ' + summary.modules.map((m) => `${m.module} ${m.share.toFixed(1)}%`).join(' / '));
    lines.push(table(['Module', 'Median', 'Share', 'Nodes'], summary.modules.map((m) => [
        m.module,
        formatMicros(m.medianUs),
        `${m.share.toFixed(1)}%`,
        String(m.nodeCount),
    ])));
    lines.push('');
    lines.push(`Top ${Math.min(top, summary.opTypes.length)} operator types`);
    lines.push(table(['Op type', 'Median', 'Share', 'Nodes', 'Provider'], summary.opTypes
        .slice(0, top)
        .map((o) => [
        o.opType,
        formatMicros(o.medianUs),
        `${o.share.toFixed(1)}%`,
        String(o.nodeCount),
        o.providers.join(','),
    ])));
    lines.push('');
    lines.push(`Top ${Math.min(top, summary.topNodes.length)} nodes`);
    lines.push(table(['Node', 'Op', 'Module', 'Median', 'Share'], summary.topNodes
        .slice(0, top)
        .map((n) => [
        truncate(n.name, 48),
        n.opType,
        n.module,
        formatMicros(n.medianUs),
        `${n.share.toFixed(1)}%`,
    ])));
    const p = summary.placement;
    if (p.cpuFallback.count > 0 || p.memcpy.count > 0) {
        lines.push('');
        lines.push(`Placement: ${p.cpuFallback.count} CPU fallback node(s) (${formatMicros(p.cpuFallback.medianUs)}), ` +
            `${p.memcpy.count} Memcpy node(s) (${formatMicros(p.memcpy.medianUs)})`);
    }
    for (const w of summary.warnings)
        lines.push(`warning: ${w}`);
    return lines.join('\n');
}
function table(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const numeric = header.map((_, i) => i > 0 && rows.every((r) => /^[\d.,]+( ?[µm]?s|%)?$/.test(r[i] ?? '')));
    const fmt = (cells) => cells
        .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
function truncate(s, n) {
    return s.length <= n ? s : `…${s.slice(s.length - n + 1)}`;
}
