import type { BenchResult } from '../schema/result.js';

const ms = (v: number): string => (v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Human summary of one benchmark result for stdout (plain text, aligned columns). */
export function formatBenchSummary(result: BenchResult): string {
  const l = result.latency;
  const lines = [
    `model      ${result.model.name}  (${result.model.path}, sha256 ${result.model.sha256.slice(0, 12)})`,
    `inputs     ${result.model.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join('x')}]`).join(', ')}`,
    `provider   ${result.provider.actual}${result.provider.fallback ? `  (FALLBACK from ${result.provider.requested[0]}: ${result.provider.reason ?? 'unavailable'})` : ''}`,
    `machine    ${result.environment.cpuModel} x${result.environment.logicalCpus}, ${result.environment.os}, onnxruntime ${result.environment.onnxruntime}`,
    `samples    ${l.count} timed runs in ${l.timedSeconds.toFixed(2)} s (quantiles: ${l.quantileDefinition})`,
    `latency    P50 ${ms(l.p50)} ms   P90 ${ms(l.p90)} ms   P95 ${ms(l.p95)} ms   P99 ${ms(l.p99)} ms`,
    `           mean ${ms(l.mean)} ms  stdev ${ms(l.stdev)} ms  min ${ms(l.min)} ms  max ${ms(l.max)} ms`,
    `throughput ${l.throughputPerSecond.toFixed(2)} inferences/s`,
    `memory     peak RSS ${mib(result.memory.peakRssBytes)}${result.memory.peakGpuBytes !== undefined ? `   peak GPU ${mib(result.memory.peakGpuBytes)} (${result.memory.gpuMethod ?? ''})` : ''}`,
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
    const drift = `${cal.drift >= 0 ? '+' : ''}${(cal.drift * 100).toFixed(1)}%`;
    lines.push(
      `calibration ${ms(cal.medianMs)} ms on ${cal.workload.model} (before ${ms(cal.before.medianMs)}, after ${ms(cal.after.medianMs)}: ${drift})`,
    );
  }
  if (!result.health.reliable) lines.push(`UNRELIABLE ${result.health.reasons.join('; ')}`);
  return `${lines.join('\n')}\n`;
}
