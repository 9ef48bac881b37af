import { gatedPeakMemoryBytes } from '../compare/memory.js';
import { schemaUrl } from '../schema/ids.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { jobIdentity } from './job.js';
import { REPORT_KIND, REPORT_SCHEMA_VERSION } from './schema.js';
const rel = (b, c) => (b === 0 ? null : c / b - 1);
/** The versioned JSON report document (`kind: yolo-perf-gate/report`). Pure. */
export function buildReportDocument(input) {
    const { comparison: cmp, baseline: b, current: c } = input;
    const headline = (id, fallback) => {
        const m = cmp.metrics.find((x) => x.metric === id);
        const base = m?.baseline ?? fallback(b);
        const cur = m?.current ?? fallback(c);
        return { baseline: base, current: cur, relativeChange: m?.relativeChange ?? rel(base, cur) };
    };
    const side = (r) => ({
        job: jobIdentity(r),
        modelName: r.model.name,
        modelSha256: r.model.sha256,
        provider: r.provider.actual,
        providerFallback: r.provider.fallback,
        hardwareClass: r.environment.hardwareClass,
        reliable: r.health.reliable,
    });
    return {
        $schema: schemaUrl('report'),
        kind: REPORT_KIND,
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        title: input.title ?? `Performance gate: ${c.model.name}`,
        verdict: cmp.verdict,
        reason: cmp.reason,
        headline: {
            p50Ms: headline('p50', (r) => r.latency.p50),
            p99Ms: headline('p99', (r) => r.latency.p99),
            peakMemoryBytes: headline('peak-memory', gatedPeakMemoryBytes),
        },
        baseline: side(b),
        current: side(c),
        baselineSource: input.baselineSource,
        reproduceCommand: input.reproduceCommand,
        ...(input.runUrl ? { runUrl: input.runUrl } : {}),
        comparison: cmp,
    };
}
/** The JSON report as text (2-space indentation, final newline). */
export function renderJson(input) {
    return `${JSON.stringify(buildReportDocument(input), null, 2)}\n`;
}
