/**
 * OpenMetrics / Prometheus text exposition of reports (https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md).
 * Pure. Families are grouped (every sample of a family together, `# TYPE`/`# UNIT`/`# HELP` first),
 * label values escaped (`\\`, `"`, newline), and the exposition ends with `# EOF`.
 */
import { gatedPeakMemoryBytes } from '../compare/memory.js';
const VERDICTS = ['pass', 'regression', 'improvement', 'inconclusive'];
/** Escapes a label value: backslash, double quote and line feed. */
export function escapeLabelValue(value) {
    return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
function num(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (v === Infinity)
        return '+Inf';
    if (v === -Infinity)
        return '-Inf';
    // 12 significant digits: drops binary noise such as 0.004019999999999999 from ms / 1000.
    return String(Number(v.toPrecision(12)));
}
const labelText = (labels) => labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
function baseLabels(r) {
    const g = r.environment.gpu;
    const gpu = typeof g?.model === 'string' ? g.model : typeof g?.name === 'string' ? g.name : '';
    return [
        ['model', r.model.name],
        ['provider', r.provider.actual],
        ['hardware_class', r.environment.hardwareClass],
        ...(gpu ? [['gpu', gpu]] : []),
    ];
}
const FAMILIES = [
    {
        name: 'perf_gate_latency_seconds',
        unit: 'seconds',
        help: 'Inference latency quantile (timed runs), baseline and current.',
        samples: ({ baseline, current }) => [
            ['baseline', baseline],
            ['current', current],
        ].flatMap(([side, r]) => [
            ['0.5', r.latency.p50],
            ['0.99', r.latency.p99],
        ].map(([q, ms]) => [
            [...baseLabels(current), ['side', side], ['quantile', q]],
            ms / 1000,
        ])),
    },
    {
        name: 'perf_gate_peak_memory_bytes',
        unit: 'bytes',
        help: 'Peak memory the gate tests (GPU bytes on GPU providers, RSS on CPU), baseline and current.',
        samples: ({ baseline, current }) => [
            [[...baseLabels(current), ['side', 'baseline']], gatedPeakMemoryBytes(baseline)],
            [[...baseLabels(current), ['side', 'current']], gatedPeakMemoryBytes(current)],
        ],
    },
    {
        name: 'perf_gate_relative_change_ratio',
        unit: 'ratio',
        help: 'Relative change of each tested metric, current / baseline - 1.',
        samples: ({ comparison, current }) => comparison.metrics.map((m) => [
            [...baseLabels(current), ['metric', m.metric]],
            m.relativeChange,
        ]),
    },
    {
        name: 'perf_gate_verdict',
        help: 'Gate verdict: 1 for the verdict of this comparison, 0 for the others.',
        samples: ({ comparison, current }) => VERDICTS.map((v) => [
            [...baseLabels(current), ['verdict', v]],
            comparison.verdict === v ? 1 : 0,
        ]),
    },
    {
        name: 'perf_gate_provider_fallback',
        help: '1 when the current run fell back from the requested execution provider.',
        samples: ({ current }) => [
            [
                [...baseLabels(current), ['requested', current.provider.requested[0] ?? '']],
                current.provider.fallback ? 1 : 0,
            ],
        ],
    },
    {
        name: 'perf_gate_reliable',
        help: '1 when the current measurement is reliable (no GPU throttling, no other GPU processes...).',
        samples: ({ current }) => [[baseLabels(current), current.health.reliable ? 1 : 0]],
    },
];
/** OpenMetrics text for one report or several (e.g. one per model). */
export function renderOpenMetrics(inputs) {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const lines = [];
    for (const f of FAMILIES) {
        lines.push(`# TYPE ${f.name} gauge`);
        if (f.unit)
            lines.push(`# UNIT ${f.name} ${f.unit}`);
        lines.push(`# HELP ${f.name} ${f.help}`);
        for (const input of list)
            for (const [labels, value] of f.samples(input))
                lines.push(`${f.name}${labelText(labels)} ${num(value)}`);
    }
    lines.push('# EOF');
    return `${lines.join('\n')}\n`;
}
