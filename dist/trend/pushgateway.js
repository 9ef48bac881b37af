/**
 * Pushing a nightly run's numbers to a Prometheus Pushgateway.
 *
 * The body is the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), which the Pushgateway parses;
 * OpenMetrics' `# UNIT`/`# EOF` lines are left out for that reason. Rendering is pure; the push
 * takes an injected `fetch`.
 *
 * Grouping key (https://github.com/prometheus/pushgateway#url): job and instance as given, plus the
 * run's model, provider and hardware class, so the runs of several models or providers pushed with
 * one job and instance never replace each other. `PUT` replaces the group's previous metrics, so a
 * module or GPU figure that is no longer measured does not linger.
 */
import { escapeLabelValue } from '../report/openmetrics.js';
import { UsageError, errorMessage } from '../util/errors.js';
function num(v) {
    if (Number.isNaN(v))
        return 'NaN';
    if (v === Infinity)
        return '+Inf';
    if (v === -Infinity)
        return '-Inf';
    return String(Number(v.toPrecision(12)));
}
const labelText = (labels) => labels.length === 0 ? '' : `{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
function figures(map) {
    return Object.entries(map ?? {}).flatMap(([k, v]) => typeof v === 'number'
        ? [[[['figure', k]], v]]
        : typeof v === 'boolean'
            ? [[[['figure', k]], v ? 1 : 0]]
            : []);
}
/** The metric families of one run (every value in base units: seconds, bytes, hertz, ratios). */
export function pushFamilies(record) {
    const l = record.latency;
    const g = record.gpu;
    const optional = (v, scale = 1) => v === null || v === undefined ? [] : [[[], v * scale]];
    const families = [
        {
            name: 'perf_gate_latency_seconds',
            help: 'Inference latency quantile of the run (timed runs).',
            samples: [
                [[['quantile', '0.5']], l.p50 / 1000],
                [[['quantile', '0.9']], l.p90 / 1000],
                [[['quantile', '0.99']], l.p99 / 1000],
            ],
        },
        {
            name: 'perf_gate_latency_mean_seconds',
            help: 'Mean inference latency of the run.',
            samples: [[[], l.mean / 1000]],
        },
        {
            name: 'perf_gate_peak_memory_bytes',
            help: 'Peak memory: kind="gated" is what the gate tests (GPU on GPU providers, RSS on CPU).',
            samples: [
                [[['kind', 'gated']], record.memory.gatedBytes],
                [[['kind', 'rss']], record.memory.peakRssBytes],
                ...(record.memory.peakGpuBytes !== undefined
                    ? [[[['kind', 'gpu']], record.memory.peakGpuBytes]]
                    : []),
            ],
        },
        {
            name: 'perf_gate_reliable',
            help: '1 when the measurement is reliable (no GPU throttling, no other GPU processes...).',
            samples: [[[], record.health.reliable ? 1 : 0]],
        },
        {
            name: 'perf_gate_provider_fallback',
            help: '1 when the run fell back from the requested execution provider.',
            samples: [[[['requested', record.provider.requested[0] ?? '']], record.provider.fallback ? 1 : 0]],
        },
        {
            name: 'perf_gate_gpu_sm_clock_min_hertz',
            help: 'Lowest SM clock seen during the timed window.',
            samples: optional(g?.smClockMinMhz, 1e6),
        },
        {
            name: 'perf_gate_gpu_temperature_max_celsius',
            help: 'Highest GPU temperature during the timed window.',
            samples: optional(g?.temperatureMaxC),
        },
        {
            name: 'perf_gate_gpu_power_mean_watts',
            help: 'Mean GPU power draw.',
            samples: optional(g?.powerMeanWatts),
        },
        {
            name: 'perf_gate_gpu_utilization_mean_ratio',
            help: 'Mean GPU utilisation (0-1).',
            samples: optional(g?.utilizationMeanPercent, 0.01),
        },
        {
            name: 'perf_gate_gpu_throttle_reasons',
            help: 'Number of distinct clock-throttle reasons seen during the timed window.',
            samples: g ? [[[], g.throttleReasons.length]] : [],
        },
        {
            name: 'perf_gate_gpu_other_processes',
            help: 'Other processes seen on the GPU during the timed window.',
            samples: g ? [[[], g.otherProcesses]] : [],
        },
        {
            name: 'perf_gate_module_time_seconds',
            help: 'Median time per YOLO module in the profiling pass.',
            samples: Object.entries(record.modulesUs ?? {}).map(([m, us]) => [
                [['module', m]],
                us / 1e6,
            ]),
        },
        {
            name: 'perf_gate_calibration',
            help: 'Runner calibration figures of the run (as in the result document, flattened).',
            samples: figures(record.calibration),
        },
        {
            name: 'perf_gate_machine_state',
            help: 'Machine-state figures of the run (as in the result document, flattened).',
            samples: figures(record.machineState),
        },
        {
            name: 'perf_gate_run_timestamp_seconds',
            help: 'When the run was recorded (Unix time).',
            samples: [[[], Date.parse(record.date) / 1000]],
        },
        {
            name: 'perf_gate_run_info',
            help: 'Always 1; the labels name the commit, model file and tool version of the run.',
            samples: [
                [
                    [
                        ['commit', record.commit ?? ''],
                        ['model_sha256', record.modelSha256],
                        ['tool_version', record.toolVersion],
                    ],
                    1,
                ],
            ],
        },
    ];
    return families.filter((f) => f.samples.length > 0);
}
/** The Prometheus text (0.0.4) body of one run. */
export function renderPushMetrics(record) {
    const lines = [];
    for (const f of pushFamilies(record)) {
        lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} gauge`);
        for (const [labels, value] of f.samples)
            lines.push(`${f.name}${labelText(labels)} ${num(value)}`);
    }
    return `${lines.join('\n')}\n`;
}
/** Label pairs of the grouping key (job first). */
export function groupingKey(record, job, instance) {
    return [
        ['job', job],
        ['instance', instance],
        ['model', record.key.model],
        ['provider', record.key.provider],
        ['hardware_class', record.key.hardwareClass],
    ];
}
/**
 * `<base>/metrics/job/<job>/instance/<i>/...`: values with characters outside `[A-Za-z0-9._-]`
 * (a `/` above all) use the Pushgateway's `label@base64/<base64url>` form.
 */
export function pushUrl(base, grouping) {
    let url;
    try {
        url = new URL(base);
    }
    catch {
        throw new UsageError(`--pushgateway: expected an http(s) URL, got "${base}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new UsageError(`--pushgateway: expected an http(s) URL, got "${base}"`);
    const path = grouping
        .map(([k, v]) => /^[A-Za-z0-9._-]+$/.test(v)
        ? `${k}/${v}`
        : `${k}@base64/${Buffer.from(v, 'utf8').toString('base64url') || '='}`)
        .join('/');
    return `${base.replace(/\/+$/, '')}/metrics/${path}`;
}
/**
 * PUTs the run's metrics to the Pushgateway.
 * @throws UsageError naming `--pushgateway` when the gateway cannot be reached or refuses the push.
 */
export async function pushToGateway(options) {
    const url = pushUrl(options.url, groupingKey(options.record, options.job, options.instance));
    const body = renderPushMetrics(options.record);
    let response;
    try {
        response = await (options.fetchImpl ?? fetch)(url, {
            method: 'PUT',
            headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
            body,
            signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
    }
    catch (err) {
        throw new UsageError(`--pushgateway: cannot push to "${options.url}": ${errorMessage(err)}`, {
            cause: err,
        });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
        throw new UsageError(`--pushgateway: "${options.url}" refused the push (HTTP ${response.status}): ${text.trim().slice(0, 300)}`);
    }
    return { url, status: response.status, body };
}
