import { escapeMarkdown, safeLink } from './escape.js';
import { formatMs, formatChange } from '../util/format.js';
import { jobIdentity, jobLabel } from './job.js';
const VERDICT_RANK = {
    regression: 3,
    inconclusive: 2,
    improvement: 1,
    pass: 0,
};
const EMOJI = {
    pass: '🟢',
    improvement: '🔵',
    inconclusive: '⚪',
    regression: '🔴',
};
function gpuName(result) {
    const g = result.environment.gpu;
    const name = typeof g?.model === 'string' ? g.model : typeof g?.name === 'string' ? g.name : undefined;
    return name && name.trim() !== '' ? name : undefined;
}
const finite = (v) => v === null || v === undefined || !Number.isFinite(v) ? undefined : v;
/** The same job twice: a merge that would silently drop one of them. */
export class DuplicateJobError extends Error {
    name = 'DuplicateJobError';
}
function identityOfReport(report) {
    const c = report.current;
    // Reports written before jobs had an identity: the old key (model, bytes, provider, hardware).
    return c.job ?? JSON.stringify([c.modelName, c.modelSha256, c.provider, c.hardwareClass]);
}
function putOnce(map, key, value, label) {
    const earlier = map.get(key);
    if (earlier) {
        throw new DuplicateJobError(`"${earlier.source}" and "${value.source}" are ${label} of the same job (same model, provider, hardware and settings); give each matrix job its own --job key, or remove the duplicate`);
    }
    map.set(key, value);
}
/**
 * Rows of the merged report, one per job. A job's JSON report (verdict, baseline) and its result
 * document (GPU name) are joined on the job's identity ({@link jobIdentity}: the `--job` key, or
 * model, bytes, provider, hardware and session settings); a result without a report becomes an
 * `inconclusive` row ("no comparison"). Sorted by model, provider, hardware, job.
 * @throws DuplicateJobError when two reports (or two results) belong to one job
 */
export function mergeRows(documents) {
    const reports = new Map();
    const results = new Map();
    for (const doc of documents) {
        if (doc.kind === 'report') {
            putOnce(reports, identityOfReport(doc.report), { report: doc.report, source: doc.source }, 'two reports');
        }
        else {
            putOnce(results, jobIdentity(doc.result), { result: doc.result, source: doc.source }, 'two results');
        }
    }
    const rows = [];
    for (const [key, { report, source }] of reports) {
        const result = results.get(key);
        const gpu = result ? gpuName(result.result) : undefined;
        const job = result ? jobLabel(result.result) : undefined;
        const h = report.headline;
        rows.push({
            model: report.current.modelName,
            provider: report.current.provider,
            hardwareClass: report.current.hardwareClass,
            ...(gpu ? { gpu } : {}),
            ...(job ? { job } : {}),
            verdict: report.verdict,
            reason: report.reason,
            p50: { baseline: h.p50Ms.baseline, current: h.p50Ms.current, ...opt(finite(h.p50Ms.relativeChange)) },
            p99: { baseline: h.p99Ms.baseline, current: h.p99Ms.current, ...opt(finite(h.p99Ms.relativeChange)) },
            sources: result ? [source, result.source] : [source],
        });
    }
    for (const [key, { result, source }] of results) {
        if (reports.has(key))
            continue;
        const gpu = gpuName(result);
        const job = jobLabel(result);
        rows.push({
            model: result.model.name,
            provider: result.provider.actual,
            hardwareClass: result.environment.hardwareClass,
            ...(gpu ? { gpu } : {}),
            ...(job ? { job } : {}),
            verdict: 'inconclusive',
            reason: 'no comparison: the job produced a result but no report (no baseline for this model, provider and hardware?)',
            p50: { current: result.latency.p50 },
            p99: { current: result.latency.p99 },
            sources: [source],
        });
    }
    const text = (r) => `${r.model}\u0000${r.provider}\u0000${r.hardwareClass}\u0000${r.job ?? ''}`;
    return rows.sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
function opt(relativeChange) {
    return relativeChange === undefined ? {} : { relativeChange };
}
/** The overall verdict: the worst job's (regression > inconclusive > improvement > pass). */
export function overallVerdict(rows) {
    let worst = 'pass';
    for (const r of rows)
        if (VERDICT_RANK[r.verdict] > VERDICT_RANK[worst])
            worst = r.verdict;
    return worst;
}
function change(m) {
    if (m.relativeChange === undefined)
        return `${formatMs(m.current)} (no baseline)`;
    return `${formatChange(m.relativeChange)} (${m.baseline !== undefined ? `${formatMs(m.baseline)} → ` : ''}${formatMs(m.current)})`;
}
function summaryReason(verdict, rows) {
    const count = (v) => rows.filter((r) => r.verdict === v).length;
    const n = rows.length;
    const jobs = `${n} job${n === 1 ? '' : 's'}`;
    if (verdict === 'regression')
        return `${count('regression')} of ${jobs} regressed`;
    if (verdict === 'inconclusive')
        return `${count('inconclusive')} of ${jobs} could not be decided`;
    if (verdict === 'improvement')
        return `${count('improvement')} of ${jobs} improved, none regressed`;
    return `all ${jobs} passed`;
}
/**
 * Merges the matrix jobs' documents into one report.
 * @throws Error when there is nothing to merge (the caller turns it into a UsageError naming its input)
 */
export function mergeReports(documents, options = {}) {
    const rows = mergeRows(documents);
    if (rows.length === 0)
        throw new Error('no result or report documents to merge');
    const verdict = overallVerdict(rows);
    const reason = summaryReason(verdict, rows);
    const title = options.title ?? 'yolo-perf-gate: matrix';
    const lines = [
        `### ${EMOJI[verdict]} ${escapeMarkdown(title)}: **${verdict}**`,
        '',
        `${escapeMarkdown(reason)}.`,
        '',
        '| model | provider | hardware | verdict | P50 change | P99 change |',
        '| --- | --- | --- | --- | ---: | ---: |',
        ...rows.map((r) => {
            const hw = r.gpu && r.gpu !== r.hardwareClass ? `${r.hardwareClass} (${r.gpu})` : r.hardwareClass;
            const model = r.job ? `${r.model} (${r.job})` : r.model;
            return (`| ${escapeMarkdown(model)} | ${escapeMarkdown(r.provider)} | ${escapeMarkdown(hw)} ` +
                `| ${EMOJI[r.verdict]} ${r.verdict} | ${change(r.p50)} | ${change(r.p99)} |`);
        }),
        '',
    ];
    const notPassing = rows.filter((r) => r.verdict === 'regression' || r.verdict === 'inconclusive');
    if (notPassing.length > 0) {
        lines.push('<details><summary>Why</summary>', '');
        for (const r of notPassing) {
            lines.push(`- **${escapeMarkdown(r.model)}** on ${escapeMarkdown(r.provider)} / ${escapeMarkdown(r.hardwareClass)}: ${escapeMarkdown(r.reason, 600)}`);
        }
        lines.push('', '</details>', '');
    }
    if (options.runUrl)
        lines.push(`<sub>${safeLink('workflow run', options.runUrl)} · per-job reports in the job summaries</sub>`, '');
    return { verdict, reason, rows, markdown: lines.join('\n') };
}
