import { suggest } from '../profile/suggest.js';
import { codeBlock, codeSpan, escapeMarkdown as md, escapeMermaidLabel, safeLink } from './escape.js';
import { formatMetricChange } from '../compare/decide.js';
import { ENVIRONMENT_FIELDS, environmentField } from '../compare/environment.js';
import { formatBytes, formatMs, formatP, formatChange, formatShare, formatMicros, formatThreshold, } from '../util/format.js';
import { modelsView } from './models-view.js';
export const VERDICT_EMOJI = {
    pass: '✅',
    regression: '❌',
    improvement: '🚀',
    inconclusive: '⚠️',
};
const VERDICT_WORD = {
    pass: 'Pass',
    regression: 'Regression',
    improvement: 'Improvement',
    inconclusive: 'Inconclusive',
};
const METRIC_EMOJI = {
    regression: '🔴',
    improvement: '🟢',
    'no-change': '⚪',
    inconclusive: '🟡',
};
/** Sections that can be dropped (in this order) when the body is over the length limit. */
export const TRIMMABLE_SECTIONS = [
    'nodeChanges',
    'opChanges',
    'placement',
    'environment',
    'gpu',
    'profile',
    'metricDetails',
    'reproduce',
];
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** The profile diff when it has the expected shape (its schema is owned by src/profile; read loosely). */
function asProfileDiff(v) {
    return isObj(v) && Array.isArray(v.modules) && Array.isArray(v.opTypes) && isObj(v.totals)
        ? v
        : undefined;
}
function asProfileSummary(v) {
    return isObj(v) && isObj(v.placement) && Array.isArray(v.modules)
        ? v
        : undefined;
}
function gpuName(r) {
    const g = r.environment.gpu;
    const n = g?.model ?? g?.name;
    return typeof n === 'string' ? n : undefined;
}
function fmtValue(m, v) {
    if (m.unit === 'ms')
        return formatMs(v);
    if (m.unit === 'share')
        return formatShare(v);
    if (m.unit === 'us')
        return formatMicros(v);
    return formatBytes(v);
}
function metricRow(m) {
    const rel = { absolute: m.unit === 'share' };
    const change = formatMetricChange(rel, m.relativeChange);
    const ci = m.ci ? ` (${formatMetricChange(rel, m.ci.lower)} … ${formatMetricChange(rel, m.ci.upper)})` : '';
    const bold = m.verdict === 'regression' || m.verdict === 'improvement';
    const p = m.pValue === undefined
        ? '–'
        : `${formatP(m.pValue)}${m.adjustedPValue !== undefined ? ` (${formatP(m.adjustedPValue)})` : ''}`;
    return {
        label: `${md(m.label)}${m.gated ? '' : ' <sub>report only</sub>'}`,
        baseline: fmtValue(m, m.baseline),
        current: fmtValue(m, m.current),
        change: `${bold ? `**${change}**` : change}${ci}`,
        p,
        catches: m.minimumDetectableEffect !== undefined
            ? `≥ ${formatMetricChange(rel, m.minimumDetectableEffect)}`
            : '–',
        verdict: `${METRIC_EMOJI[m.verdict]} ${m.verdict}`,
    };
}
function diffRow(e) {
    const pct = e.deltaPercent === null ? 'new' : formatChange(e.deltaPercent / 100);
    const delta = formatMicros(e.deltaUs, { signed: true });
    const change = `${delta} (${pct})`;
    return {
        baseline: formatMicros(e.baselineUs),
        current: formatMicros(e.currentUs),
        change: e.significant ? `**${change}**` : change,
        share: `${e.baselineShare.toFixed(1)}% → ${e.currentShare.toFixed(1)}%`,
    };
}
/**
 * A Mermaid xychart of per-module time: the baseline as bars, the PR as a line over them, so the two
 * sides never share a colour or a shape (xychart-beta draws every bar series in the same slot).
 */
function moduleChart(modules) {
    if (modules.length === 0)
        return undefined;
    const mods = modules.slice(0, 8);
    const ms = (us) => Math.round(us / 10) / 100;
    const base = mods.map((m) => ms(m.baselineUs));
    const pr = mods.map((m) => ms(m.currentUs));
    const max = Math.max(0.01, ...base, ...pr);
    return [
        '```mermaid',
        'xychart-beta',
        '    title "Per-module median time (ms): bars baseline, line PR"',
        `    x-axis [${mods.map((m) => `"${escapeMermaidLabel(m.key, 20)}"`).join(', ')}]`,
        `    y-axis "ms" 0 --> ${Number((max * 1.1).toPrecision(3))}`,
        `    bar [${base.join(', ')}]`,
        `    line [${pr.join(', ')}]`,
        '```',
    ].join('\n');
}
function profileView(input) {
    const diff = asProfileDiff(input.comparison.profileDiff);
    const violations = input.comparison.profileViolations.map((v) => md(v, 500));
    if (!diff)
        return violations.length > 0
            ? { totals: '', modules: [], opChanges: [], nodeChanges: [], nodeChangesSummary: '', violations }
            : undefined;
    const t = diff.totals;
    const totals = `Node time ${formatMicros(t.baselineUs)} → ${formatMicros(t.currentUs)} (${t.deltaPercent === null ? 'n/a' : formatChange(t.deltaPercent / 100)})`;
    const modules = diff.modules.map((e) => ({ name: md(e.key, 60), ...diffRow(e) }));
    const changes = [...(diff.regressions ?? []), ...(diff.improvements ?? [])]
        .filter((e) => e.scope !== 'module')
        .sort((a, b) => Math.abs(b.deltaUs) - Math.abs(a.deltaUs))
        .slice(0, 15);
    const opChanges = changes.map((e) => ({ scope: e.scope, name: md(e.key, 80), ...diffRow(e) }));
    const added = diff.nodesAdded ?? [];
    const removed = diff.nodesRemoved ?? [];
    const nodeChanges = [
        ...added.map((n) => `added: ${md(n.name, 120)}${n.count !== undefined ? ` ×${n.count}` : ''} (${formatMicros(n.currentUs)})`),
        ...removed.map((n) => `removed: ${md(n.name, 120)}${n.count !== undefined ? ` ×${n.count}` : ''} (${formatMicros(n.baselineUs)})`),
    ];
    const count = (list) => list.reduce((n, e) => n + (e.count ?? 1), 0);
    const nodeChangesSummary = nodeChanges.length > 0 ? `${count(added)} node(s) added, ${count(removed)} removed` : '';
    const chart = moduleChart(diff.modules);
    return {
        totals,
        modules,
        ...(chart ? { chart } : {}),
        opChanges,
        nodeChanges,
        nodeChangesSummary,
        violations,
    };
}
function placementView(current) {
    const p = asProfileSummary(current.profile);
    if (!p)
        return undefined;
    const problems = [];
    const fb = p.placement.cpuFallback;
    if (p.placement.gpuRequested && fb?.count > 0) {
        const names = (fb.nodes ?? [])
            .slice(0, 5)
            .map((n) => `${md(n.name, 80)} (${md(n.opType, 40)}, ${formatMicros(n.medianUs)})`);
        problems.push(`**${fb.count} node(s) fell back to the CPU** (${formatMicros(fb.medianUs)}, ${fb.share.toFixed(1)}% of node time)${names.length ? `: ${names.join(', ')}` : ''}`);
    }
    const mc = p.placement.memcpy;
    if (p.placement.gpuRequested && mc?.count > 0) {
        problems.push(`**${mc.count} host/device copy node(s)** (${mc.fromHost} from host, ${mc.toHost} to host; ${formatMicros(mc.medianUs)}, ${mc.share.toFixed(1)}%)`);
    }
    let suggestions = [];
    try {
        suggestions = suggest(p).map((s) => ({ title: md(s.title, 120), text: md(s.text, 800) }));
    }
    catch {
        suggestions = [];
    }
    const warnings = (p.warnings ?? []).map((w) => md(w, 300));
    if (problems.length === 0 && suggestions.length === 0 && warnings.length === 0)
        return undefined;
    return { problems, suggestions, warnings };
}
function gpuView(input) {
    const b = (isObj(input.baseline.gpu) ? input.baseline.gpu : undefined);
    const c = (isObj(input.current.gpu) ? input.current.gpu : undefined);
    if (!b && !c)
        return undefined;
    const num = (v, unit, digits = 0) => v === null || v === undefined || !Number.isFinite(v) ? '–' : `${v.toFixed(digits)} ${unit}`;
    const throttle = (g) => {
        if (!g?.health)
            return '–';
        const t = g.health.throttling ?? [];
        return t.length === 0
            ? 'none'
            : `**${t.map((x) => `${md(x.reason, 40)} ${formatShare(x.fraction, 0)}`).join(', ')}**`;
    };
    const rows = [
        {
            label: 'GPU',
            baseline: md(gpuName(input.baseline) ?? '–'),
            current: md(gpuName(input.current) ?? '–'),
        },
        {
            label: 'SM clock min / mean',
            baseline: b ? `${num(b.smClockMhz?.min, 'MHz')} / ${num(b.smClockMhz?.mean, 'MHz')}` : '–',
            current: c ? `${num(c.smClockMhz?.min, 'MHz')} / ${num(c.smClockMhz?.mean, 'MHz')}` : '–',
        },
        {
            label: 'Low-clock samples',
            baseline: b?.health?.lowClockFraction != null ? formatShare(b.health.lowClockFraction, 0) : '–',
            current: c?.health?.lowClockFraction != null ? formatShare(c.health.lowClockFraction, 0) : '–',
        },
        {
            label: 'Temperature max',
            baseline: num(b?.temperatureC?.max, '°C'),
            current: num(c?.temperatureC?.max, '°C'),
        },
        {
            label: 'Power mean',
            baseline: num(b?.powerWatts?.mean, 'W', 1),
            current: num(c?.powerWatts?.mean, 'W', 1),
        },
        {
            label: 'Utilisation mean',
            baseline: num(b?.utilizationGpuPercent?.mean, '%'),
            current: num(c?.utilizationGpuPercent?.mean, '%'),
        },
        { label: 'Throttling', baseline: throttle(b), current: throttle(c) },
        {
            label: 'Other GPU processes',
            baseline: b?.health ? String(b.health.otherProcesses?.length ?? 0) : '–',
            current: c?.health
                ? c.health.otherProcesses?.length
                    ? `**${c.health.otherProcesses.length}**`
                    : '0'
                : '–',
        },
        {
            label: 'Health',
            baseline: b?.health ? (b.health.reliable ? 'reliable' : '**unreliable**') : '–',
            current: c?.health ? (c.health.reliable ? 'reliable' : '**unreliable**') : '–',
        },
    ];
    return { rows };
}
function environmentView(input) {
    const b = input.baseline;
    const c = input.current;
    const value = (r, field) => {
        const env = r.environment;
        const v = field.startsWith('gpu.')
            ? env.gpu?.[field.slice(4)]
            : env[field];
        if (v === undefined || v === null)
            return undefined;
        const unit = environmentField(field).unit;
        if (typeof v === 'number' && unit === 'bytes')
            return formatBytes(v);
        if (typeof v === 'number' && unit === 'watts')
            return `${v} W`;
        return typeof v === 'string' ? v : JSON.stringify(v);
    };
    const differs = new Set(input.comparison.environmentDifferences.map((d) => d.field));
    const row = (label, bv, cv, flagged) => {
        const cell = (v) => md(v ?? '–', 120);
        return {
            field: flagged ? `⚠️ **${md(label, 60)}**` : md(label, 60),
            baseline: cell(bv),
            current: flagged ? `**${cell(cv)}**` : cell(cv),
        };
    };
    // The verdict's catalogue decides what is compared; fields neither run has are left out.
    const rows = ENVIRONMENT_FIELDS.filter((f) => f.field !== 'gpu' && (value(b, f.field) !== undefined || value(c, f.field) !== undefined)).map((f) => row(f.label, value(b, f.field), value(c, f.field), differs.has(f.field)));
    const known = new Set(ENVIRONMENT_FIELDS.map((f) => f.field));
    for (const d of input.comparison.environmentDifferences) {
        if (!known.has(d.field) || d.field === 'gpu')
            rows.push(row(environmentField(d.field).label, d.baseline, d.current, true));
    }
    // A hash in a code span: copied exactly, and never taken for a commit reference by GitHub.
    rows.push({
        field: 'Model sha256',
        baseline: codeSpan(b.model.sha256.slice(0, 12), 12, { inTable: true }),
        current: codeSpan(c.model.sha256.slice(0, 12), 12, { inTable: true }),
    });
    rows.push(row('Timed samples', String(b.latency.count), String(c.latency.count), false));
    return { rows, differenceCount: rows.filter((r) => r.field.startsWith('⚠️')).length };
}
function diffLine(d) {
    return `${md(d.field, 60)}: ${md(d.baseline, 120)} → ${md(d.current, 120)}`;
}
function alertsView(input) {
    const alerts = [];
    for (const [side, r] of [
        ['this run', input.current],
        ['the baseline', input.baseline],
    ]) {
        if (r.provider.fallback) {
            alerts.push({
                kind: 'CAUTION',
                lines: [
                    `**Execution provider fallback in ${side}**: requested ${md(r.provider.requested.join(', '))}, ran on **${md(r.provider.actual)}**${r.provider.reason ? ` (${md(r.provider.reason, 300)})` : ''}.`,
                    'Its numbers do not describe the requested provider.',
                ],
            });
        }
    }
    const unreliable = [
        ...new Set([
            ...input.comparison.unreliable,
            ...input.current.health.reasons.filter(() => !input.current.health.reliable),
        ]),
    ];
    if (unreliable.length > 0) {
        alerts.push({
            kind: 'WARNING',
            lines: ['**Unreliable measurement**: ' + unreliable.map((u) => md(u, 300)).join('; ')],
        });
    }
    const breaking = input.comparison.environmentDifferences.filter((d) => d.breaksComparability);
    if (breaking.length > 0) {
        alerts.push({
            kind: 'WARNING',
            lines: [`**Environment differs from the baseline**: ${breaking.map(diffLine).join('; ')}`],
        });
    }
    const reference = input.comparison.reference;
    if (reference) {
        // Which P50 the verdict judged: the row's absolute times moved with the runner when it was the ratio.
        alerts.push({ kind: 'NOTE', lines: [md(reference.message, 600)] });
    }
    if (input.comparison.profileViolations.length > 0) {
        alerts.push({
            kind: 'CAUTION',
            lines: [
                `**${input.comparison.profileViolations.length} per-operator gate violation(s)** (see Profile below)`,
            ],
        });
    }
    return alerts;
}
/** Builds the view of `input`; `show` selects the trimmable sections (all by default). */
export function buildView(input, options = {}) {
    const { comparison: cmp, current, baseline } = input;
    const show = Object.fromEntries(TRIMMABLE_SECTIONS.map((s) => [s, options.show?.[s] ?? true]));
    const title = md(input.title ?? `Performance gate: ${current.model.name}`, 200);
    const hw = gpuName(current) ?? current.environment.cpuModel;
    const subtitle = [
        `**${md(current.model.name, 120)}**`,
        md(current.provider.actual, 40),
        `${md(hw, 80)} (${md(current.environment.hardwareClass, 80)})`,
        `baseline: ${md(input.baselineSource, 200)}`,
        ...(input.runUrl ? [safeLink('workflow run', input.runUrl)] : []),
    ].join(' · ');
    // Profile scopes that did not change stay in the JSON; the comment lists the ones that did.
    const shown = cmp.metrics.filter((m) => m.metric !== 'profile' || m.verdict !== 'no-change');
    const hiddenScopes = cmp.metrics.length - shown.length;
    const metricDetails = [
        ...shown.map((m) => `**${md(m.label)}**: ${md(m.reason, 1200)} (${md(m.method, 300)}; threshold: ${md(m.thresholdSource, 200)}` +
            `${m.gated ? '' : '; reported only, not gated'})`),
        ...(hiddenScopes > 0 ? [`${hiddenScopes} profile-gate scope(s) tested with no change`] : []),
    ];
    const policy = cmp.policy;
    const footer = `yolo-perf-gate · ${cmp.mode === 'paired' ? 'paired A/B run' : 'stored baseline'} · samples ${cmp.samples.baseline} vs ${cmp.samples.current}` +
        ` · history ${cmp.historyRuns} run(s) · α ${policy.alpha} (Holm over every gated metric) · thresholds P50 ${formatThreshold(policy.thresholds.p50)}, P99 ${formatThreshold(policy.thresholds.p99)},` +
        ` spike rate +${Number((policy.thresholds.spikeRate * 100).toPrecision(3))} pp, memory ${formatThreshold(policy.thresholds.memoryRelative)} and ${formatBytes(policy.thresholds.memoryAbsoluteBytes)}` +
        ` · "catches": the smallest slow-down each check would have found (80% power)`;
    const profile = profileView(input);
    const placement = placementView(current);
    const gpu = gpuView(input);
    return {
        jobSummary: options.jobSummary ?? false,
        title,
        headline: `${VERDICT_EMOJI[cmp.verdict]} **${VERDICT_WORD[cmp.verdict]}**: ${md(cmp.reason, 1000)}`,
        subtitle,
        alerts: alertsView(input),
        metrics: shown.map(metricRow),
        metricDetails,
        ...(profile ? { profile } : {}),
        ...(placement ? { placement } : {}),
        ...(gpu ? { gpu } : {}),
        environment: environmentView({ ...input, baseline, current }),
        models: modelsView(input),
        reproduce: codeBlock(input.reproduceCommand, 'sh'),
        footer,
        show,
    };
}
