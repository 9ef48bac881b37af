import type { Comparison } from '../compare/schema.js';
import type { BenchResult } from '../schema/result.js';
import { formatChange, formatMiB, formatMs, formatP, formatThreshold } from '../util/format.js';

/** Human summary of one benchmark result for stdout (plain text, aligned columns). */
export function formatBenchSummary(result: BenchResult): string {
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
    lines.push(
      `calibration ${formatMs(cal.medianMs)} on ${cal.workload.model} (before ${formatMs(cal.before.medianMs)}, after ${formatMs(cal.after.medianMs)}: ${formatChange(cal.drift)})`,
    );
  }
  if (!result.health.reliable) lines.push(`UNRELIABLE ${result.health.reasons.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** The readable table: metric, baseline, current, change [CI], p (Holm), verdict; then the verdict line. */
export function formatComparison(comparison: Comparison, source: string): string {
  const rows = comparison.metrics.map((m) => {
    const value = (v: number): string => (m.unit === 'ms' ? formatMs(v) : formatMiB(v));
    const ci = m.ci ? ` [${formatChange(m.ci.lower)}, ${formatChange(m.ci.upper)}]` : '';
    const p = m.adjustedPValue !== undefined ? formatP(m.adjustedPValue) : '-';
    const threshold = formatThreshold(m.effectiveThreshold);
    return [
      m.label,
      value(m.baseline),
      value(m.current),
      `${formatChange(m.relativeChange)}${ci}`,
      threshold,
      p,
      `${m.verdict}${m.gated ? '' : ' (not gated)'}`,
    ];
  });
  const header = ['metric', 'baseline', 'current', 'change [CI]', 'threshold', 'p (Holm)', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    `compared with ${source} (${comparison.mode}, ${comparison.samples.baseline} vs ${comparison.samples.current} samples${comparison.historyRuns > 0 ? `, ${comparison.historyRuns} history runs` : ''})`,
    line(header),
    ...rows.map(line),
  ];
  for (const m of comparison.metrics) out.push(`  ${m.label}: ${m.reason}`);
  for (const d of comparison.environmentDifferences) {
    out.push(
      `${d.breaksComparability ? 'DIFFERS' : 'differs'} ${d.field}: baseline ${d.baseline}, current ${d.current}${d.breaksComparability ? ' (breaks comparability)' : ''}`,
    );
  }
  for (const r of comparison.unreliable) out.push(`unreliable: ${r}`);
  for (const v of comparison.profileViolations) out.push(`profile gate: ${v}`);
  out.push(`verdict: ${comparison.verdict.toUpperCase()} - ${comparison.reason}`);
  return `${out.join('\n')}\n`;
}
