import { readResultFile } from '../baseline/io.js';
import { findTrendIssue, upsertTrendIssue } from '../github/trend-issue.js';
import { TOOL_VERSION } from '../version.js';
import { alertTitle, issueMarker, renderAlertBody, renderAlertComment, reportedIdsInBody, } from '../trend/alert.js';
import { METRIC_LABELS, METRIC_UNITS, analyseHistory, newSlowdowns, } from '../trend/detect.js';
import { pushToGateway } from '../trend/pushgateway.js';
import { historyRecordOf, keyText } from '../trend/record.js';
import { REPORTED_CHANGE_KIND } from '../trend/schema.js';
import { loadHistory, writeHistoryRecord, writeReportedChanges } from '../trend/store.js';
import { formatChange, formatMiB, formatMs } from '../util/format.js';
/** `perf-gate trend record`: one result into the history, then the optional push. */
export async function recordRun(config, deps = {}) {
    const result = await readResultFile(config.resultPath, `--result "${config.resultPath}"`);
    const record = historyRecordOf(result, {
        date: config.date,
        source: config.source,
        toolVersion: TOOL_VERSION,
        ...(config.commit ? { commit: config.commit } : {}),
    });
    const written = await writeHistoryRecord(config.historyDir, record, config.maxRecords !== undefined ? { maxRecords: config.maxRecords } : {});
    const lines = [
        `${written.created ? 'recorded' : 'already recorded'} ${written.path} (${keyText(record.key)}; ${written.total} run(s)${config.maxRecords !== undefined ? `, at most ${config.maxRecords}` : ''})`,
    ];
    if (written.pruned.length > 0)
        lines.push(`  pruned the ${written.pruned.length} oldest run(s)`);
    if (!record.health.reliable)
        lines.push(`  marked unreliable: ${record.health.reasons.join('; ')}`);
    let pushedTo;
    if (config.pushgateway) {
        const pushed = await pushToGateway({
            url: config.pushgateway.url,
            job: config.pushgateway.job,
            instance: config.pushgateway.instance ?? record.key.hardwareClass,
            record,
            ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
        });
        pushedTo = pushed.url;
        lines.push(`  pushed to ${pushed.url}`);
    }
    return { record, ...written, ...(pushedTo ? { pushedTo } : {}), summary: `${lines.join('\n')}\n` };
}
function matches(h, filter) {
    return ((!filter.model || h.key.model === filter.model) &&
        (!filter.provider || h.key.provider === filter.provider) &&
        (!filter.hardwareClass || h.key.hardwareClass === filter.hardwareClass));
}
/**
 * `perf-gate trend`: analyses every key (or the filtered ones). With an alert config, a key with
 * new slow-downs gets its issue opened or updated and the slow-downs recorded under
 * `<history>/<key>/reported/`; what is already reported (there, or in the open issue's hidden
 * ledger) is never alerted on again.
 */
export async function runTrend(config, deps = {}) {
    const now = deps.now ?? (() => new Date());
    const histories = (await loadHistory(config.historyDir)).filter((h) => matches(h, config.filter));
    let octokit;
    const keys = [];
    for (const h of histories) {
        const records = h.records.map((r) => r.record);
        const trend = analyseHistory(records, {
            metrics: config.metrics,
            significance: config.significance,
            permutations: config.permutations,
            minSize: config.minSize,
            ...(config.seed !== undefined ? { seed: config.seed } : {}),
        });
        const alert = config.alert;
        if (!alert) {
            keys.push({
                trend,
                fresh: newSlowdowns(trend, h.reported, records, { minRelativeChange: config.minChange }),
            });
            continue;
        }
        if (!octokit) {
            const factory = deps.octokitFactory ??
                (async (token, baseUrl) => (await import('@actions/github')).getOctokit(token, { baseUrl }));
            octokit = await factory(alert.token, alert.apiUrl);
        }
        const target = {
            octokit,
            owner: alert.owner,
            repo: alert.repo,
            marker: issueMarker(h.key),
            label: alert.label,
        };
        const open = await findTrendIssue(target);
        const inIssue = open ? reportedIdsInBody(open.body) : [];
        const fresh = newSlowdowns(trend, [...h.reported, ...inIssue], records, {
            minRelativeChange: config.minChange,
        });
        if (fresh.length === 0) {
            keys.push({ trend, fresh });
            continue;
        }
        const issue = await upsertTrendIssue({
            ...target,
            title: alertTitle(h.key),
            body: renderAlertBody({
                trend,
                records,
                fresh,
                previouslyReported: [
                    ...h.reported.map((r) => ({ metric: r.metric, afterDate: r.afterDate })),
                    ...inIssue,
                ],
                ...(alert.dashboardUrl ? { dashboardUrl: alert.dashboardUrl } : {}),
                ...(alert.runUrl ? { runUrl: alert.runUrl } : {}),
            }),
            comment: renderAlertComment(fresh),
        });
        if (issue.action !== 'skipped') {
            const reportedAt = now().toISOString();
            await writeReportedChanges(config.historyDir, fresh.map((cp) => ({
                kind: REPORTED_CHANGE_KIND,
                schemaVersion: 1,
                key: h.key,
                metric: cp.metric,
                afterDate: cp.after.date,
                ...(cp.before.commit ? { beforeCommit: cp.before.commit } : {}),
                ...(cp.after.commit ? { afterCommit: cp.after.commit } : {}),
                relativeChange: cp.relativeChange,
                reportedAt,
                ...(issue.url ? { issueUrl: issue.url } : {}),
            })));
        }
        keys.push({ trend, fresh, issue });
    }
    return {
        kind: 'yolo-perf-gate/trend-report',
        generatedAt: now().toISOString(),
        historyDir: config.historyDir,
        keys,
    };
}
const pct = (x) => formatChange(x);
const value = (v, unit) => (unit === 'bytes' ? formatMiB(v) : formatMs(v));
/** Human summary of a trend run for stdout. */
export function formatTrendReport(report) {
    if (report.keys.length === 0)
        return `no history in "${report.historyDir}" (record runs with: perf-gate trend record --result RESULT.json)\n`;
    const lines = [];
    for (const k of report.keys) {
        const t = k.trend;
        lines.push(`${keyText(t.key)}: ${t.runs} run(s), ${t.reliableRuns} reliable${t.excluded.length ? `; excluded ${t.excluded.map((e) => e.date.slice(0, 10)).join(', ')}` : ''}`);
        for (const m of t.metrics) {
            if (m.changePoints.length === 0) {
                lines.push(`  ${METRIC_LABELS[m.metric].padEnd(12)} no change point`);
                continue;
            }
            for (const cp of m.changePoints)
                lines.push(`  ${METRIC_LABELS[m.metric].padEnd(12)} ${cp.after.date.slice(0, 10)} ${pct(cp.relativeChange).padStart(7)}  ${value(cp.beforeMean, METRIC_UNITS[m.metric])} -> ${value(cp.afterMean, METRIC_UNITS[m.metric])}  confidence ${cp.confidence.toFixed(3)}  bisect ${cp.before.commit?.slice(0, 12) ?? '?'}..${cp.after.commit?.slice(0, 12) ?? '?'}`);
            for (const e of m.episodes.filter((x) => x.kind === 'gradual'))
                lines.push(`  ${''.padEnd(12)} gradual ${pct(e.relativeChange)} over ${e.changePoints} change points, ${e.before.date.slice(0, 10)} -> ${e.after.date.slice(0, 10)}`);
        }
        if (k.fresh.length > 0)
            lines.push(`  NEW slow-down(s): ${k.fresh.map((c) => `${c.metric} ${pct(c.relativeChange)} from ${c.after.date.slice(0, 10)}`).join(', ')}`);
        if (k.issue)
            lines.push(`  issue ${k.issue.action}${k.issue.url ? `: ${k.issue.url}` : ''}${k.issue.reason ? `: ${k.issue.reason}` : ''}`);
    }
    return `${lines.join('\n')}\n`;
}
