// Everything heavy (schemas, the detector, Octokit) is imported inside the handlers, so
// `perf-gate --help` does not load it.
const DETECTOR_HELP = {
    significance: 'significance level of each permutation test',
    permutations: 'permutations per test',
    minSize: 'fewest runs on each side of a change point',
};
/** Writes `name=value` lines to GITHUB_OUTPUT when running in GitHub Actions (the job's outputs). */
async function setActionOutputs(outputs) {
    if (!process.env.GITHUB_OUTPUT)
        return;
    const core = await import('@actions/core');
    for (const [k, v] of Object.entries(outputs))
        core.setOutput(k, v);
}
/** `perf-gate trend` (change points, alerts) and `perf-gate trend record` (history). */
export function registerTrendCommand(program, ctx) {
    const trend = program
        .command('trend')
        .description('long performance history per model x provider x hardware class, change points, alerts');
    trend
        .command('detect', { isDefault: true })
        .description('find change points (E-Divisive Means) in the P50, P99 and memory series of the history; optionally open/update a GitHub issue for new slow-downs')
        .option('--history <dir>', 'history folder', 'perf-history')
        .option('--model <name>', 'only this model')
        .option('--provider <name>', 'only this execution provider')
        .option('--hardware-class <name>', 'only this hardware class')
        .option('--metrics <list>', 'series to analyse: p50, p99, memory', 'p50,p99,memory')
        .option('--significance <p>', DETECTOR_HELP.significance, '0.01')
        .option('--permutations <n>', DETECTOR_HELP.permutations, '199')
        .option('--min-size <n>', DETECTOR_HELP.minSize, '3')
        .option('--seed <n>', 'seed of the permutations (the same history always gives the same answer)')
        .option('--min-change <pct>', 'smallest slow-down alerted on, e.g. 2%', '2%')
        .option('--json', 'print the JSON report instead of the summary')
        .option('--out <path>', 'also write the JSON report here (atomically)')
        .option('--alert', 'open or update one GitHub issue per key for new slow-downs (never twice for one change)')
        .option('--repo <owner/name>', 'repository for --alert (default: GITHUB_REPOSITORY)')
        .option('--token-env <name>', 'environment variable holding the token for --alert', 'GITHUB_TOKEN')
        .option('--github-api-url <url>', 'GitHub API URL (default: GITHUB_API_URL, else https://api.github.com)')
        .option('--label <name>', 'label of the alert issues', 'performance')
        .option('--dashboard-url <url>', 'link to the published dashboard, shown in the issue')
        .option('--run-url <url>', 'link to the workflow run, shown in the issue')
        .action(async (opts) => {
        const { cliReader } = await import('../config/reader.js');
        const { parseTrendDetectConfig } = await import('../config/trend.js');
        const { formatTrendReport, runTrend } = await import('../core/trend.js');
        const { toPrettyJson, writeFileAtomically } = await import('../util/atomic.js');
        const config = parseTrendDetectConfig(cliReader(opts), process.env);
        const report = await runTrend(config);
        const json = toPrettyJson(report);
        if (config.out)
            await writeFileAtomically(config.out, json, '--out');
        ctx.stdout(config.json ? json : formatTrendReport(report));
        const fresh = report.keys.flatMap((k) => k.fresh);
        const issues = report.keys.flatMap((k) => (k.issue?.url ? [k.issue.url] : []));
        await setActionOutputs({
            'new-change-points': String(fresh.length),
            'change-points-json': JSON.stringify(fresh.map((c) => ({
                metric: c.metric,
                relativeChange: c.relativeChange,
                confidence: c.confidence,
                after: c.after.date,
                range: `${c.before.commit ?? ''}..${c.after.commit ?? ''}`,
            }))),
            'trend-issue-urls': issues.join(' '),
            ...(config.out ? { 'trend-json': config.out } : {}),
        });
    });
    trend
        .command('record')
        .description('add one run (a result JSON) to the long history, one small file per run; optionally push it to a Pushgateway')
        .requiredOption('--result <path>', 'result JSON written by perf-gate bench --out / gate --out')
        .option('--history <dir>', 'history folder', 'perf-history')
        .option('--commit <sha>', 'git commit of the run (default: GITHUB_SHA, else git rev-parse HEAD)')
        .option('--date <iso>', 'time of the run, ISO 8601 (default: now)')
        .option('--source <word>', 'what produced the run: nightly, baseline-update, manual...', 'manual')
        .option('--max-records <n>', 'keep at most N runs of the key, deleting the oldest files (the nightly job only, e.g. 1000; see docs/trend.md)')
        .option('--pushgateway <url>', 'also push the numbers to this Prometheus Pushgateway')
        .option('--push-job <name>', 'Pushgateway job label', 'yolo-perf-gate')
        .option('--push-instance <name>', 'Pushgateway instance label (default: the hardware class)')
        .action(async (opts) => {
        const { cliReader } = await import('../config/reader.js');
        const { parseTrendRecordConfig } = await import('../config/trend.js');
        const { currentCommit } = await import('../baseline/io.js');
        const { recordRun } = await import('../core/trend.js');
        const config = parseTrendRecordConfig(cliReader(opts), { currentCommit: () => currentCommit() });
        const outcome = await recordRun(config);
        ctx.stdout(outcome.summary);
        await setActionOutputs({ 'history-record': outcome.path });
    });
}
/** `perf-gate dashboard`: the static trend site. */
export function registerDashboardCommand(program, ctx) {
    program
        .command('dashboard')
        .description('write a static trend site (works offline and on GitHub Pages) from the history')
        .requiredOption('--out <dir>', 'folder to write the site into (e.g. site/)')
        .option('--history <dir>', 'history folder', 'perf-history')
        .option('--title <text>', 'page title')
        .option('--significance <p>', DETECTOR_HELP.significance, '0.01')
        .option('--permutations <n>', DETECTOR_HELP.permutations, '199')
        .option('--min-size <n>', DETECTOR_HELP.minSize, '3')
        .action(async (opts) => {
        const { cliReader } = await import('../config/reader.js');
        const { parseDashboardConfig } = await import('../config/trend.js');
        const { writeDashboard } = await import('../trend/dashboard.js');
        const config = parseDashboardConfig(cliReader(opts));
        const outcome = await writeDashboard(config);
        ctx.stdout(outcome.summary);
    });
}
