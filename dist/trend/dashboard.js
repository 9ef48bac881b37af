/**
 * `perf-gate dashboard`: a static site of the history that works offline (file://) and on GitHub
 * Pages. Nothing is fetched at view time: the data is a script (`data.js`, since browsers refuse
 * `fetch` of local files), the chart library's own file is copied from node_modules (Chart.js,
 * MIT, its licence next to it), and the page script and style come from templates/dashboard/.
 * {@link dashboardData} is pure; {@link writeDashboard} is the I/O edge.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULE_NAMES } from '../profile/schema.js';
import { writeFileAtomically } from '../util/atomic.js';
import { analyseHistory } from './detect.js';
import { keyDirName, keyText } from './record.js';
import { TREND_METRICS } from './schema.js';
import { loadHistory } from './store.js';
const MIB = 2 ** 20;
/** The site's data for the keys' records (each oldest first). Pure. */
export function dashboardData(histories, options) {
    const keys = histories.flatMap(({ records }) => {
        const first = records[0];
        if (!first)
            return [];
        const trend = analyseHistory(records, {
            metrics: TREND_METRICS,
            ...(options.significance !== undefined ? { significance: options.significance } : {}),
            ...(options.permutations !== undefined ? { permutations: options.permutations } : {}),
            ...(options.minSize !== undefined ? { minSize: options.minSize } : {}),
        });
        const scale = (metric) => (metric === 'memory' ? 1 / MIB : 1);
        const reliableIdx = records.flatMap((r, i) => (r.health.reliable ? [i] : []));
        const metrics = {};
        for (const m of trend.metrics) {
            const segmentMeans = records.map(() => null);
            for (const s of m.segments)
                for (let i = s.start; i < s.end; i++)
                    segmentMeans[reliableIdx[i]] = s.mean * scale(m.metric);
            metrics[m.metric] = {
                segmentMeans,
                changePoints: m.changePoints.map((c) => ({
                    run: c.after.recordIndex,
                    date: c.after.date,
                    relativeChange: c.relativeChange,
                    confidence: c.confidence,
                    range: `${c.before.commit?.slice(0, 12) ?? '?'}..${c.after.commit?.slice(0, 12) ?? '?'}`,
                })),
            };
        }
        // Pipeline order (backbone, neck, head, other), then any user-mapped modules by name.
        const rank = (m) => {
            const i = MODULE_NAMES.indexOf(m);
            return i < 0 ? MODULE_NAMES.length : i;
        };
        const modules = [...new Set(records.flatMap((r) => Object.keys(r.modulesUs ?? {})))].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
        return [
            {
                id: keyDirName(first.key),
                label: keyText(first.key),
                excluded: trend.excluded.length,
                modules,
                metrics,
                runs: records.map((r) => ({
                    date: r.date,
                    ...(r.commit ? { commit: r.commit } : {}),
                    reliable: r.health.reliable,
                    reasons: r.health.reasons,
                    p50: r.latency.p50,
                    p99: r.latency.p99,
                    memory: r.memory.gatedBytes / MIB,
                    ...(r.modulesUs
                        ? { modulesMs: Object.fromEntries(Object.entries(r.modulesUs).map(([k, us]) => [k, us / 1000])) }
                        : {}),
                })),
            },
        ];
    });
    return { title: options.title, generatedAt: options.generatedAt, keys };
}
const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
/** The page: fixed markup, the title escaped; everything else is drawn by app.js from data.js. */
export function dashboardHtml(title) {
    const t = escapeHtml(title);
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:">
<title>${t}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<h1>${t}</h1>
<p id="generated"></p>
<main id="keys"></main>
<footer>Change points: E-Divisive Means with a permutation test (Matteson &amp; James 2014). Hover a point for its commit and numbers. Charts: Chart.js (MIT, see chart.js.LICENSE.md).</footer>
<script src="chart.umd.min.js"></script>
<script src="data.js"></script>
<script src="app.js"></script>
</body>
</html>
`;
}
/** The data as a script assigning `window.PERF_GATE_DATA`. */
export function dashboardDataScript(data) {
    const json = JSON.stringify(data)
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029');
    return `window.PERF_GATE_DATA = ${json};\n`;
}
const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/dashboard/', import.meta.url));
/** Where Chart.js's browser build and licence are (resolved from node_modules). */
export function chartJsFiles() {
    const entry = createRequire(import.meta.url).resolve('chart.js');
    const dist = dirname(entry);
    return { script: join(dist, 'chart.umd.min.js'), license: join(dist, '..', 'LICENSE.md') };
}
/** Writes the site into `config.outDir`. */
export async function writeDashboard(config, now = () => new Date()) {
    const histories = await loadHistory(config.historyDir);
    const data = dashboardData(histories.map((h) => ({ records: h.records.map((r) => r.record) })), {
        title: config.title,
        generatedAt: now().toISOString(),
        significance: config.significance,
        permutations: config.permutations,
        minSize: config.minSize,
    });
    const out = config.outDir;
    await mkdir(out, { recursive: true });
    const files = [];
    const put = async (name, text) => {
        await writeFileAtomically(join(out, name), text, '--out');
        files.push(join(out, name));
    };
    await put('index.html', dashboardHtml(config.title));
    await put('data.js', dashboardDataScript(data));
    await put('app.js', await readFile(join(TEMPLATE_DIR, 'app.js'), 'utf8'));
    await put('style.css', await readFile(join(TEMPLATE_DIR, 'style.css'), 'utf8'));
    // GitHub Pages runs Jekyll unless told not to; the site needs none of it.
    await put('.nojekyll', '');
    const chart = chartJsFiles();
    await copyFile(chart.script, join(out, 'chart.umd.min.js'));
    await copyFile(chart.license, join(out, 'chart.js.LICENSE.md'));
    files.push(join(out, 'chart.umd.min.js'), join(out, 'chart.js.LICENSE.md'));
    const runs = data.keys.reduce((n, k) => n + k.runs.length, 0);
    const changes = data.keys.reduce((n, k) => n + TREND_METRICS.reduce((a, m) => a + k.metrics[m].changePoints.length, 0), 0);
    return {
        files,
        data,
        summary: `wrote ${join(out, 'index.html')}: ${data.keys.length} key(s), ${runs} run(s), ${changes} change point(s)\n`,
    };
}
