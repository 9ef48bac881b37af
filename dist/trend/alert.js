import { escapeMarkdown } from '../report/escape.js';
import { shellQuote } from '../config/reproduce.js';
import { formatChange, formatMiB, formatMs } from '../util/format.js';
import { METRIC_LABELS, METRIC_UNITS, changePointId } from './detect.js';
/** Most runs drawn in the issue's chart (the latest). */
export const CHART_RUNS = 90;
const ISSUE_MARKER_PREFIX = '<!-- yolo-perf-gate-trend:';
/** Hidden marker identifying the alert issue of a key. */
export function issueMarker(key) {
    const text = `${key.model}/${key.provider}/${key.hardwareClass}`.replace(/[^A-Za-z0-9._:/@+=-]/g, '_');
    return `${ISSUE_MARKER_PREFIX}${text.replace(/-{2,}/g, '-')} -->`;
}
const REPORTED_RE = /<!-- yolo-perf-gate-reported: ([^>]*) -->/;
/** Change-point ids listed in an issue body's hidden ledger (see {@link renderAlertBody}). */
export function reportedIdsInBody(body) {
    const m = REPORTED_RE.exec(body);
    if (!m?.[1])
        return [];
    return m[1]
        .split(/\s+/)
        .map((id) => /^(p50|p99|memory)@(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)$/.exec(id))
        .flatMap((x) => (x ? [{ metric: x[1], afterDate: x[2] }] : []));
}
function fmtValue(v, metric) {
    return METRIC_UNITS[metric] === 'bytes' ? formatMiB(v) : formatMs(v);
}
const short = (c) => (c ? c.slice(0, 7) : '?');
const day = (iso) => iso.slice(0, 10);
function chart(trend, records, metric) {
    const m = trend.metrics.find((x) => x.metric === metric);
    if (!m)
        return '';
    const points = m.values.filter((v) => v.reliable).slice(-CHART_RUNS);
    if (points.length < 2)
        return '';
    const scale = METRIC_UNITS[metric] === 'bytes' ? 2 ** 20 : 1;
    const unit = METRIC_UNITS[metric] === 'bytes' ? 'MiB' : 'ms';
    const ys = points.map((p) => p.value / scale);
    const lo = Math.min(...ys);
    const hi = Math.max(...ys);
    const pad = (hi - lo) * 0.1 || hi * 0.05 || 1;
    const labels = points.map((p) => `"${day(records[p.recordIndex].date).slice(5)}"`);
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${METRIC_LABELS[metric]} (${unit}), last ${points.length} reliable runs"`,
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis "${unit}" ${(lo - pad).toFixed(2)} --> ${(hi + pad).toFixed(2)}`,
        `  line [${ys.map((y) => y.toFixed(3)).join(', ')}]`,
        '```',
    ].join('\n');
}
function reproduce(records, cp) {
    const r = records[cp.after.recordIndex];
    const bench = (commit, out) => [
        `git checkout ${shellQuote(commit ?? 'COMMIT')} &&`,
        'npx perf-gate bench',
        `--model ${shellQuote(r.modelPath ?? r.key.model)}`,
        `--name ${shellQuote(r.key.model)}`,
        `--ep ${shellQuote(r.provider.requested.join(','))}`,
        `--out ${out}`,
    ].join(' ');
    return [
        '```sh',
        bench(cp.before.commit, 'before.json'),
        bench(cp.after.commit, 'after.json'),
        'npx perf-gate compare --baseline before.json --current after.json',
        '```',
    ].join('\n');
}
/** Title of the key's alert issue. */
export function alertTitle(key) {
    return `Performance change point: ${key.model} / ${key.provider} / ${key.hardwareClass}`;
}
/** The issue body; starts with the key's marker and ends with the hidden ledger of reported ids. */
export function renderAlertBody(input) {
    const { trend, records, fresh } = input;
    const k = trend.key;
    const lines = [issueMarker(k), `## ${escapeMarkdown(alertTitle(k))}`, ''];
    lines.push(`The nightly history of **${escapeMarkdown(k.model)}** on **${escapeMarkdown(k.provider)}** (${escapeMarkdown(k.hardwareClass)}) has ${fresh.length === 1 ? 'a new slow-down' : `${fresh.length} new slow-downs`} ` +
        `(E-Divisive Means change points over ${trend.reliableRuns} reliable runs; ${trend.excluded.length} unreliable run(s) excluded).`, '', '| metric | size | before → after | confidence | first slow run | bisect range |', '| --- | --- | --- | --- | --- | --- |');
    for (const cp of fresh) {
        lines.push(`| ${METRIC_LABELS[cp.metric]} | **${formatChange(cp.relativeChange)}** | ${fmtValue(cp.beforeMean, cp.metric)} → ${fmtValue(cp.afterMean, cp.metric)} | ${(cp.confidence * 100).toFixed(1)}% | ${day(cp.after.date)} | \`${short(cp.before.commit)}..${short(cp.after.commit)}\` |`);
    }
    const gradual = trend.metrics
        .flatMap((m) => m.episodes)
        .filter((e) => e.kind === 'gradual' && e.relativeChange > 0);
    if (gradual.length > 0) {
        lines.push('', '**Gradual slow-downs** (several change points in a row, a creep):');
        for (const e of gradual)
            lines.push(`- ${METRIC_LABELS[e.metric]}: ${formatChange(e.relativeChange)} over ${e.changePoints} change points, ${day(e.before.date)} → ${day(e.after.date)} (\`${short(e.before.commit)}..${short(e.after.commit)}\`)`);
    }
    for (const metric of [...new Set(fresh.map((c) => c.metric))]) {
        const c = chart(trend, records, metric);
        if (c)
            lines.push('', c);
    }
    const first = fresh[0];
    if (first)
        lines.push('', '**Reproduce** (the first change above, on the same kind of runner):', '', reproduce(records, first));
    lines.push('', '<details><summary>Every change point of this key</summary>', '');
    lines.push('| metric | first run after | size | confidence | bisect range |', '| --- | --- | --- | --- | --- |');
    for (const m of trend.metrics)
        for (const cp of m.changePoints)
            lines.push(`| ${METRIC_LABELS[m.metric]} | ${day(cp.after.date)} | ${formatChange(cp.relativeChange)} | ${(cp.confidence * 100).toFixed(1)}% | \`${short(cp.before.commit)}..${short(cp.after.commit)}\` |`);
    lines.push('', '</details>', '');
    const links = [];
    if (input.dashboardUrl)
        links.push(`[dashboard](${input.dashboardUrl})`);
    if (input.runUrl)
        links.push(`[workflow run](${input.runUrl})`);
    if (links.length > 0)
        lines.push(links.join(' · '), '');
    lines.push('<sub>Updated by yolo-perf-gate on every nightly run that finds a new slow-down; a change point is reported once. Close this issue when it is handled: the next new slow-down opens a new one.</sub>');
    const ids = [
        ...new Set([
            ...input.previouslyReported.map((r) => `${r.metric}@${r.afterDate}`),
            ...fresh.map((c) => changePointId(c)),
        ]),
    ];
    lines.push(`<!-- yolo-perf-gate-reported: ${ids.join(' ')} -->`);
    return `${lines.join('\n')}\n`;
}
/** The comment posted on an existing issue when it is updated (edits notify nobody; comments do). */
export function renderAlertComment(fresh) {
    return [
        `New slow-down${fresh.length === 1 ? '' : 's'} found by the nightly run:`,
        '',
        ...fresh.map((cp) => `- ${METRIC_LABELS[cp.metric]} ${formatChange(cp.relativeChange)} from ${day(cp.after.date)} (\`${short(cp.before.commit)}..${short(cp.after.commit)}\`, confidence ${(cp.confidence * 100).toFixed(1)}%)`),
        '',
        'The issue description has the updated table and chart.',
    ].join('\n');
}
